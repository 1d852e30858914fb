// Browser cookies: the session (HttpOnly, SameSite=Lax, Secure in production) and the short-lived
// sign-in cookie that binds a Google redirect to the browser that started it.
import { parseCookie, stringifySetCookie } from 'cookie';
import { env } from '../config.js';

const secure = () => env.NODE_ENV === 'production';

/** `__Host-` in production: the browser then refuses the cookie unless Secure, Path=/ and host-only. */
export function sessionCookieName(): string {
  return secure() ? '__Host-rf_session' : 'rf_session';
}

export const SIGN_IN_COOKIE = 'rf_signin';
export const CALLBACK_PATH = '/auth/google/callback';

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parseCookie(header)[name];
}

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return stringifySetCookie({ name: sessionCookieName(), value: token, httpOnly: true, sameSite: 'lax', secure: secure(), path: '/', maxAge: maxAgeSeconds });
}

export function clearedSessionCookie(): string {
  return stringifySetCookie({ name: sessionCookieName(), value: '', httpOnly: true, sameSite: 'lax', secure: secure(), path: '/', maxAge: 0 });
}

/** Sent only to the callback: Lax cookies come along on Google's top-level redirect back to us. */
export function signInCookie(value: string, maxAgeSeconds: number): string {
  return stringifySetCookie({ name: SIGN_IN_COOKIE, value, httpOnly: true, sameSite: 'lax', secure: secure(), path: CALLBACK_PATH, maxAge: maxAgeSeconds });
}

export function clearedSignInCookie(): string {
  return stringifySetCookie({ name: SIGN_IN_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure: secure(), path: CALLBACK_PATH, maxAge: 0 });
}
