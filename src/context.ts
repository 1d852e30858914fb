import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { parseApiKey, secretMatches } from './auth/apiKeys.js';
import { sessionCookie, readCookie, sessionCookieName } from './auth/cookies.js';
import { findSession, isSessionToken } from './auth/sessions.js';
import { prisma } from './db.js';
import { logger } from './logger.js';

export interface Viewer {
  id: string;
  email: string;
  name: string;
  /** The API key of this request, or null when signed in with a session. */
  apiKeyId: string | null;
  /** The session of this request, or null with an API key. */
  sessionId: string | null;
  /** How the caller proved who they are (a cookie also needs the CSRF header, and Origin on sockets). */
  via: 'apiKey' | 'bearerSession' | 'cookieSession';
}

export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** The caller's address (rate limits without a key). */
  ip: string;
  userAgent: string;
  log: typeof logger;
  /** Set-Cookie headers for the HTTP answer (sign-out, a session's sliding expiry); ignored on sockets. */
  responseCookies: string[];
}

/** What a request brings to identify its caller. */
export interface Credentials {
  authorization?: string | null;
  /** The Cookie header: a browser's session. Used only without an Authorization header. */
  cookie?: string | null;
  userAgent?: string | null;
}

/** The id used in ownership filters when nobody is signed in: matches no row. */
export const NOBODY = '00000000-0000-0000-0000-000000000000';

const LAST_USED_RESOLUTION_MS = 60_000;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

async function viewerFromApiKey(token: string): Promise<Viewer> {
  const parsed = parseApiKey(token);
  if (!parsed) throw unauthenticated('API key is malformed');
  // Not cached: a revoked key must stop working on every replica at once.
  const key = await prisma.apiKey.findUnique({
    where: { prefix: parsed.prefix },
    select: { id: true, secretHash: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, deletingAt: true } } },
  });
  if (!key || key.revokedAt || key.user.deletingAt || !secretMatches(parsed.secret, key.secretHash)) {
    throw unauthenticated('API key is invalid or revoked');
  }
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Coarse and off the request path: one write a minute per key at most.
    prisma.apiKey
      .update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } })
      .catch((err: unknown) => logger.warn({ err, apiKeyId: key.id }, 'could not record API key use'));
  }
  return { id: key.user.id, email: key.user.email, name: key.user.name, apiKeyId: key.id, sessionId: null, via: 'apiKey' };
}

/**
 * Resolves `Authorization: Bearer <API key or session token>`, else the session cookie. Nothing
 * means anonymous; a bad key, token or cookie is an error, never silently anonymous.
 */
export async function viewerFromCredentials(creds: Credentials, responseCookies: string[] = []): Promise<Viewer | null> {
  const header = creds.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw unauthenticated('Authorization header must be "Bearer <api key>" or "Bearer <session token>"');
    const token = m[1]!;
    if (!isSessionToken(token)) return viewerFromApiKey(token);
    const found = await findSession(token);
    if (!found) throw unauthenticated('Session token is invalid, expired or revoked: sign in again');
    return { ...found.user, apiKeyId: null, sessionId: found.sessionId, via: 'bearerSession' };
  }
  const cookie = readCookie(creds.cookie, sessionCookieName());
  if (cookie === undefined || cookie === '') return null;
  const found = await findSession(cookie);
  if (!found) throw unauthenticated('Your session has ended (expired, signed out or revoked): sign in again');
  if (found.extendedTo) responseCookies.push(sessionCookie(cookie, Math.round((found.extendedTo.getTime() - Date.now()) / 1000)));
  return { ...found.user, apiKeyId: null, sessionId: found.sessionId, via: 'cookieSession' };
}

/** Kept for callers that have only an Authorization header. */
export function viewerFromAuthorization(header: string | null | undefined): Promise<Viewer | null> {
  return viewerFromCredentials({ authorization: header });
}

export async function createContext(creds: Credentials | string | null | undefined, ip = 'local', responseCookies: string[] = []): Promise<Context> {
  const requestId = randomUUID();
  const c: Credentials = typeof creds === 'object' && creds !== null ? creds : { authorization: creds };
  const viewer = await viewerFromCredentials(c, responseCookies);
  return { requestId, viewer, ip, userAgent: c.userAgent ?? '', log: logger.child({ requestId, userId: viewer?.id }), responseCookies };
}
