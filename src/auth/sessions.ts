// Sessions: a random 32-byte token (cookie for browsers, bearer for apps); only its SHA-256 is
// stored. Looked up on every request (no cache), so a revoked session stops at once everywhere.
import Bowser from 'bowser';
import { env } from '../config.js';
import { prisma } from '../db.js';
import { logger } from '../logger.js';
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

/** The live session of `token`, or null (malformed, unknown, revoked, expired, or its user is being deleted). */
export async function findSession(token: string): Promise<SessionUser | null> {
  if (!isTokenShaped(token, SESSION_TOKEN_PREFIX)) return null;
  const s = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, deletingAt: true } } },
  });
  const now = Date.now();
  if (!s || s.revokedAt || s.expiresAt.getTime() <= now || s.user.deletingAt) return null;
  let extendedTo: Date | null = null;
  if (now - s.lastUsedAt.getTime() > TOUCH_RESOLUTION_MS) {
    extendedTo = new Date(now + sessionTtlMs());
    // Sliding expiry, coarse and off the request path; never revives a session revoked meanwhile.
    prisma.session
      .updateMany({ where: { id: s.id, revokedAt: null }, data: { lastUsedAt: new Date(now), expiresAt: extendedTo } })
      .catch((err: unknown) => logger.warn({ err, sessionId: s.id }, 'could not record session use'));
  }
  const { deletingAt: _deleting, ...user } = s.user;
  return { sessionId: s.id, user, extendedTo };
}

export async function revokeSessions(where: { userId: string; id?: string }): Promise<number> {
  const { count } = await prisma.session.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/** "Chrome on macOS", from the user agent; the raw string when it says nothing recognisable. */
export function deviceOf(userAgent: string): string {
  if (!userAgent) return 'unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name && !os.name) return userAgent.slice(0, 80);
  return [browser.name, os.name].filter(Boolean).join(' on ');
}
