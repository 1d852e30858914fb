// Sessions: a random 32-byte token (cookie for browsers, bearer for apps); only its SHA-256 is
// stored. GraphQL requests look it up through a short in-process cache guarded by the user's
// generation in Redis (credentialCache.ts), which revoking bumps: a revoked session still stops at
// once everywhere.
import Bowser from 'bowser';
import { bumpGenerations, type Generations, readGenerations } from '../cache/generations.js';
import { env } from '../config.js';
import { prisma } from '../db.js';
import { logger } from '../logger.js';
import { CredentialCache } from './credentialCache.js';
import { hashToken, isTokenShaped, newToken, SESSION_TOKEN_PREFIX } from './tokens.js';

export type SignInMethod = 'google' | 'google-id-token' | 'demo';

/** lastUsedAt and the sliding expiry are written at most this often per session. */
const TOUCH_RESOLUTION_MS = 60_000;
const MAX_USER_AGENT = 400;

export function sessionTtlMs(): number {
  return env.SESSION_TTL_DAYS * 86_400_000;
}

export async function startSession(userId: string, method: SignInMethod, userAgent: string | null | undefined) {
  const { token, hash } = newToken(SESSION_TOKEN_PREFIX);
  const session = await prisma.session.create({
    data: { userId, tokenHash: hash, method, userAgent: (userAgent ?? '').slice(0, MAX_USER_AGENT), expiresAt: new Date(Date.now() + sessionTtlMs()) },
  });
  // The user's cached answers (their list of sessions) go; sign-ins are often anonymous requests.
  await bumpGenerations([userId]);
  return { token, session };
}

export function isSessionToken(token: string): boolean {
  return token.startsWith(SESSION_TOKEN_PREFIX);
}

export interface SessionUser {
  sessionId: string;
  user: { id: string; email: string; name: string };
  /** Set when this use moved the expiry forward (a browser then gets a fresh cookie). */
  extendedTo: Date | null;
}

interface LiveSession {
  id: string;
  expiresAt: Date;
  lastUsedAt: Date;
  user: { id: string; email: string; name: string };
}

const cache = new CredentialCache<LiveSession>();

async function loadSession(tokenHash: string): Promise<LiveSession | null> {
  const s = await prisma.session.findUnique({
    where: { tokenHash },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, deletingAt: true } } },
  });
  if (!s || s.revokedAt || s.expiresAt.getTime() <= Date.now() || s.user.deletingAt) return null;
  const { deletingAt: _deleting, ...user } = s.user;
  return { id: s.id, expiresAt: s.expiresAt, lastUsedAt: s.lastUsedAt, user };
}

/** Records a use at most once a minute per session (lastUsedAt and the sliding expiry), off the request path. */
function touch(s: LiveSession, now: number): Date | null {
  if (now - s.lastUsedAt.getTime() <= TOUCH_RESOLUTION_MS) return null;
  const extendedTo = new Date(now + sessionTtlMs());
  s.lastUsedAt = new Date(now);
  s.expiresAt = extendedTo;
  // Never revives a session revoked meanwhile.
  prisma.session
    .updateMany({ where: { id: s.id, revokedAt: null }, data: { lastUsedAt: s.lastUsedAt, expiresAt: extendedTo } })
    .catch((err: unknown) => logger.warn({ err, sessionId: s.id }, 'could not record session use'));
  return extendedTo;
}

/** The live session of `token`, or null (malformed, unknown, revoked, expired, or its user is being deleted). */
export async function findSession(token: string): Promise<SessionUser | null> {
  return (await lookupSession(token)).found;
}

/**
 * findSession through the credential cache, with the generations read for it (the response cache
 * keys on them). The user's generation is read before Postgres is asked, so a revocation committed
 * after that read bumps past what the entry is stored under.
 */
export async function lookupSession(token: string): Promise<{ found: SessionUser | null; gens: Generations | null }> {
  if (!isTokenShaped(token, SESSION_TOKEN_PREFIX)) return { found: null, gens: null };
  const tokenHash = hashToken(token);
  const knownUser = cache.userOf(tokenHash);
  let gens = await readGenerations(knownUser);
  const now = Date.now();
  let s = cache.get(tokenHash, gens?.user);
  if (s && s.expiresAt.getTime() <= now) s = null;
  if (!s) {
    s = await loadSession(tokenHash);
    if (!s) {
      cache.delete(tokenHash);
      return { found: null, gens };
    }
    cache.set(tokenHash, s.user.id, s, knownUser === s.user.id ? (gens?.user ?? null) : null);
    if (knownUser !== s.user.id) gens = await readGenerations(s.user.id);
  }
  const extendedTo = touch(s, now);
  return { found: { sessionId: s.id, user: { ...s.user }, extendedTo }, gens };
}

export async function revokeSessions(where: { userId: string; id?: string }): Promise<number> {
  const { count } = await prisma.session.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  // Every replica's cached sessions of this user stop being trusted before this returns.
  await bumpGenerations([where.userId]);
  return count;
}

/** "Chrome on macOS", from the user agent; the raw string when it says nothing recognisable. */
export function deviceOf(userAgent: string): string {
  if (!userAgent) return 'unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name && !os.name) return userAgent.slice(0, 80);
  return [browser.name, os.name].filter(Boolean).join(' on ');
}
