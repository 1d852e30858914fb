// The browser's sign-in routes: GET /auth/google (→ Google), GET /auth/google/callback (Google →
// us → returnTo), GET /auth/demo. Each answers a redirect, or a JSON error naming what was wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import { logger } from '../logger.js';
import { clientIp } from '../protection/clientIp.js';
import { checkSignInLimit, RateLimitedError } from '../protection/rateLimits.js';
import { CALLBACK_PATH, clearedSignInCookie, readCookie, sessionCookie, sessionCookieName, SIGN_IN_COOKIE, signInCookie } from './cookies.js';
import {
  authorizationRequest,
  completeAuthorization,
  googleConfigured,
  redirectUri,
  SIGN_IN_SCOPES,
  SignInError,
  userInfo,
  type GoogleClaims,
} from './google.js';
import { checkReturnTo } from './returnTo.js';
import { findSession, revokeSessions, sessionTtlMs, startSession, type SignInMethod } from './sessions.js';
import { consumeOnce, openSignInState, sealSignInState, SIGN_IN_TTL_SECONDS } from './signInState.js';
import { demoSignInEnabled, ensureDemoUser, userForGoogle } from './users.js';

export const GOOGLE_PATH = '/auth/google';
export const DEMO_PATH = '/auth/demo';

class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The browser's sign-in in progress is still good (this answer belonged to an older one). */
    readonly keepSignIn = false,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body?: string) {
  res.writeHead(status, { 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function fail(res: ServerResponse, err: RouteError, cookies: string[] = []) {
  send(
    res,
    err.status,
    { 'content-type': 'application/json', ...err.headers, ...(cookies.length ? { 'set-cookie': cookies } : {}) },
    JSON.stringify({ errors: [{ message: err.message, extensions: { code: err.code } }] }),
  );
}

async function limit(req: IncomingMessage) {
  try {
    await checkSignInLimit(clientIp(req));
  } catch (e) {
    if (e instanceof RateLimitedError) {
      const seconds = String(e.extensions.retryAfterSeconds);
      throw new RouteError(429, 'RATE_LIMITED', e.message, { 'retry-after': seconds });
    }
    throw e;
  }
}

function returnToOf(url: URL): string {
  const checked = checkReturnTo(url.searchParams.get('returnTo'));
  if ('error' in checked) throw new RouteError(400, 'BAD_RETURN_TO', checked.error);
  return checked.path;
}

/** Starts a session for `userId`, ends the browser's previous one, and sends it to `returnTo`. */
async function signIn(req: IncomingMessage, res: ServerResponse, userId: string, method: SignInMethod, returnTo: string, extra: string[] = []) {
  const previous = readCookie(req.headers.cookie, sessionCookieName());
  if (previous) {
    const old = await findSession(previous);
    if (old) await revokeSessions({ userId: old.user.id, id: old.sessionId });
  }
  const { token } = await startSession(userId, method, req.headers['user-agent']);
  send(res, 302, { location: returnTo, 'set-cookie': [...extra, sessionCookie(token, Math.round(sessionTtlMs() / 1000))] });
}

async function startGoogle(req: IncomingMessage, res: ServerResponse, url: URL) {
  await limit(req);
  if (!googleConfigured()) throw new RouteError(404, 'NOT_CONFIGURED', 'Google sign-in is not configured on this server');
  const returnTo = returnToOf(url);
  let request;
  try {
    request = await authorizationRequest({ scopes: SIGN_IN_SCOPES, redirectPath: CALLBACK_PATH });
  } catch (err) {
    logger.error({ err }, 'Google discovery failed');
    throw new RouteError(502, 'PROVIDER_UNAVAILABLE', 'Google cannot be reached right now; try again shortly');
  }
  const sealed = sealSignInState({ ...request.pending, returnTo, expiresAt: Date.now() + SIGN_IN_TTL_SECONDS * 1000 });
  send(res, 302, { location: request.url.toString(), 'set-cookie': signInCookie(sealed, SIGN_IN_TTL_SECONDS) });
}

async function finishGoogle(req: IncomingMessage, res: ServerResponse, url: URL) {
  await limit(req);
  if (!googleConfigured()) throw new RouteError(404, 'NOT_CONFIGURED', 'Google sign-in is not configured on this server');
  const error = url.searchParams.get('error');
  if (error) throw new RouteError(400, 'SIGN_IN_REFUSED', `Google did not sign you in (${error.slice(0, 100)}): start again`);
  const state = openSignInState(readCookie(req.headers.cookie, SIGN_IN_COOKIE), url.searchParams.get('state'));
  if ('error' in state) throw new RouteError(400, 'BAD_SIGN_IN_STATE', `Sign-in failed: ${state.error}`, {}, state.mismatch === true);
  if (!url.searchParams.get('code')) throw new RouteError(400, 'BAD_SIGN_IN_STATE', 'Sign-in failed: Google’s answer has no code');
  if (!(await consumeOnce(state.state)))
    throw new RouteError(400, 'BAD_SIGN_IN_STATE', 'Sign-in failed: this answer from Google was already used: start again');
  let claims: GoogleClaims;
  try {
    const done = await completeAuthorization(new URL(`${redirectUri(CALLBACK_PATH)}${url.search}`), state);
    claims = done.claims;
    if (!claims.name || !claims.picture) {
      const info = await userInfo(done.config, done.tokens.access_token, claims.sub).catch((err: unknown) => {
        logger.warn({ err }, 'Google userinfo failed; signing in with the ID token’s claims');
        return {} as Partial<GoogleClaims>;
      });
      claims = { ...info, ...claims, name: claims.name ?? info.name, picture: claims.picture ?? info.picture };
    }
  } catch (err) {
    if (err instanceof SignInError) throw new RouteError(400, 'SIGN_IN_REFUSED', `Sign-in failed: ${err.message}`);
    if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) {
      throw new RouteError(400, 'SIGN_IN_REFUSED', `Google refused the sign-in (${err.error}): start again`);
    }
    if (err instanceof oidc.ClientError)
      throw new RouteError(400, 'SIGN_IN_REFUSED', `Sign-in failed: Google’s answer did not check out (${err.message}): start again`);
    logger.error({ err }, 'Google code exchange failed');
    throw new RouteError(502, 'PROVIDER_UNAVAILABLE', 'Google cannot be reached right now; try again shortly');
  }
  let user;
  try {
    user = await userForGoogle(claims);
  } catch (err) {
    if (err instanceof SignInError) throw new RouteError(403, 'SIGN_IN_REFUSED', err.message);
    throw err;
  }
  await signIn(req, res, user.id, 'google', state.returnTo, [clearedSignInCookie()]);
}

async function demo(req: IncomingMessage, res: ServerResponse, url: URL) {
  if (!demoSignInEnabled()) throw new RouteError(404, 'NOT_CONFIGURED', 'The demo account is off on this server (DEMO_SIGN_IN)');
  await limit(req);
  const returnTo = returnToOf(url);
  const user = await ensureDemoUser();
  await signIn(req, res, user.id, 'demo', returnTo);
}

const ROUTES: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
  [GOOGLE_PATH]: startGoogle,
  [CALLBACK_PATH]: finishGoogle,
  [DEMO_PATH]: demo,
};

/** Serves the request when it is one of the sign-in routes (returns its promise), else returns null. */
export function authRoute(req: IncomingMessage, res: ServerResponse): Promise<void> | null {
  const url = new URL(req.url ?? '/', 'http://local');
  const route = ROUTES[url.pathname];
  if (!route) return null;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    fail(res, new RouteError(405, 'METHOD_NOT_ALLOWED', `${url.pathname} answers GET only`, { allow: 'GET' }));
    return Promise.resolve();
  }
  return route(req, res, url).catch((err: unknown) => {
    if (err instanceof RouteError) {
      // A failed callback leaves no half-used sign-in cookie behind.
      fail(res, err, url.pathname === CALLBACK_PATH && !err.keepSignIn ? [clearedSignInCookie()] : []);
      return;
    }
    logger.error({ err, path: url.pathname }, 'sign-in route failed');
    fail(res, new RouteError(500, 'INTERNAL', 'Unexpected error.'));
  });
}
