// Which browser origins may use the session cookie: this API's own (PUBLIC_URL) and those listed in
// CORS_ORIGINS. A "*" there lets any origin call with a key or token, never with the cookie.
import { env } from '../config.js';

let trusted: Set<string> | null = null;

export function cookieOrigins(): Set<string> {
  if (!trusted) {
    const own = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).origin;
    const listed = (env.CORS_ORIGINS ?? '')
      .split(',')
      .filter((o) => o !== '' && o !== '*')
      .map((o) => new URL(o).origin);
    trusted = new Set([own, ...listed]);
  }
  return trusted;
}

export function cookieOriginAllowed(origin: string | null | undefined): boolean {
  return typeof origin === 'string' && cookieOrigins().has(origin);
}
