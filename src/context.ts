import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { parseApiKey, secretMatches } from './auth/apiKeys.js';
import { sessionCookie, readCookie, sessionCookieName } from './auth/cookies.js';
import { CredentialCache } from './auth/credentialCache.js';
import { isSessionToken, lookupSession } from './auth/sessions.js';
import { type Generations, readGenerations } from './cache/generations.js';
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
  /** The cache generations read before this request's data (null: Redis did not answer; nothing is cached). */
  generations: Generations | null;
}

/** Who is asking, and the generations read for them. */
export interface RequestAuth {
  viewer: Viewer | null;
  generations: Generations | null;
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

interface LiveKey {
  id: string;
  secretHash: string;
  lastUsedAt: Date | null;
  user: { id: string; email: string; name: string };
}

/** API keys by prefix; the secret is checked against the stored hash on every use. */
const apiKeyCache = new CredentialCache<LiveKey>();

async function loadApiKey(prefix: string): Promise<LiveKey | null> {
  const key = await prisma.apiKey.findUnique({
    where: { prefix },
    select: { id: true, secretHash: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, deletingAt: true } } },
  });
  if (!key || key.revokedAt || key.user.deletingAt) return null;
  const { deletingAt: _deleting, ...user } = key.user;
  return { id: key.id, secretHash: key.secretHash, lastUsedAt: key.lastUsedAt, user };
}

async function viewerFromApiKey(token: string): Promise<RequestAuth> {
  const parsed = parseApiKey(token);
  if (!parsed) throw unauthenticated('API key is malformed');
  // Cached briefly, under the user's generation read before Postgres is asked: revoking bumps it,
  // so a revoked key stops working on every replica at once.
  const knownUser = apiKeyCache.userOf(parsed.prefix);
  let generations = await readGenerations(knownUser);
  let key = apiKeyCache.get(parsed.prefix, generations?.user);
  // A stale hash (the key's secret was replaced) is asked again, not refused.
  if (!key || !secretMatches(parsed.secret, key.secretHash)) {
    key = await loadApiKey(parsed.prefix);
    if (!key || !secretMatches(parsed.secret, key.secretHash)) {
      apiKeyCache.delete(parsed.prefix);
      throw unauthenticated('API key is invalid or revoked');
    }
    apiKeyCache.set(parsed.prefix, key.user.id, key, knownUser === key.user.id ? (generations?.user ?? null) : null);
    if (knownUser !== key.user.id) generations = await readGenerations(key.user.id);
  }
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Coarse and off the request path: one write a minute per key and process at most.
    key.lastUsedAt = new Date(now);
    const id = key.id;
    prisma.apiKey
      .update({ where: { id }, data: { lastUsedAt: key.lastUsedAt } })
      .catch((err: unknown) => logger.warn({ err, apiKeyId: id }, 'could not record API key use'));
  }
  return { viewer: { ...key.user, apiKeyId: key.id, sessionId: null, via: 'apiKey' }, generations };
}

/**
 * Resolves `Authorization: Bearer <API key or session token>`, else the session cookie. Nothing
 * means anonymous; a bad key, token or cookie is an error, never silently anonymous.
 */
export async function authenticate(creds: Credentials, responseCookies: string[] = []): Promise<RequestAuth> {
  const header = creds.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw unauthenticated('Authorization header must be "Bearer <api key>" or "Bearer <session token>"');
    const token = m[1]!;
    if (!isSessionToken(token)) return viewerFromApiKey(token);
    const { found, gens } = await lookupSession(token);
    if (!found) throw unauthenticated('Session token is invalid, expired or revoked: sign in again');
    return { viewer: { ...found.user, apiKeyId: null, sessionId: found.sessionId, via: 'bearerSession' }, generations: gens };
  }
  const cookie = readCookie(creds.cookie, sessionCookieName());
  if (cookie === undefined || cookie === '') return { viewer: null, generations: await readGenerations(null) };
  const { found, gens } = await lookupSession(cookie);
  if (!found) throw unauthenticated('Your session has ended (expired, signed out or revoked): sign in again');
  if (found.extendedTo) responseCookies.push(sessionCookie(cookie, Math.round((found.extendedTo.getTime() - Date.now()) / 1000)));
  return { viewer: { ...found.user, apiKeyId: null, sessionId: found.sessionId, via: 'cookieSession' }, generations: gens };
}

export async function viewerFromCredentials(creds: Credentials, responseCookies: string[] = []): Promise<Viewer | null> {
  return (await authenticate(creds, responseCookies)).viewer;
}

/** Kept for callers that have only an Authorization header. */
export function viewerFromAuthorization(header: string | null | undefined): Promise<Viewer | null> {
  return viewerFromCredentials({ authorization: header });
}

export async function createContext(
  creds: Credentials | string | null | undefined,
  ip = 'local',
  responseCookies: string[] = [],
  /** Already under way for this request (the response cache authenticates before the context exists). */
  auth?: Promise<RequestAuth>,
): Promise<Context> {
  const requestId = randomUUID();
  const c: Credentials = typeof creds === 'object' && creds !== null ? creds : { authorization: creds };
  const { viewer, generations } = await (auth ?? authenticate(c, responseCookies));
  return {
    requestId,
    viewer,
    ip,
    userAgent: c.userAgent ?? '',
    log: logger.child({ requestId, userId: viewer?.id }),
    responseCookies,
    generations,
  };
}
