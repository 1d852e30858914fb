import { clearedSessionCookie } from '../auth/cookies.js';
import { revokeSessions } from '../auth/sessions.js';
import type { Context, Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';

/** Ends the session this request came with (and clears a browser's cookie). */
export async function signOut(viewer: Viewer, ctx: Pick<Context, 'responseCookies'>): Promise<{ signedOut: boolean }> {
  if (!viewer.sessionId) throw ValidationError.field([], 'signOut ends a session, and this request used an API key: revoke the key with revokeApiKey');
  await revokeSessions({ userId: viewer.id, id: viewer.sessionId });
  if (viewer.via === 'cookieSession') ctx.responseCookies.push(clearedSessionCookie());
  return { signedOut: true };
}

/** Revokes one of the viewer's sessions; it stops working at once, on every replica. */
export async function revokeSession(viewer: Viewer, id: string, ctx: Pick<Context, 'responseCookies'>, query: Prisma.SessionDefaultArgs = {}) {
  const existing = await prisma.session.findFirst({ where: { id, userId: viewer.id }, select: { id: true } });
  if (!existing) throw new NotFoundError('Session', id);
  await revokeSessions({ userId: viewer.id, id });
  if (id === viewer.sessionId && viewer.via === 'cookieSession') ctx.responseCookies.push(clearedSessionCookie());
  return prisma.session.findUniqueOrThrow({ ...query, where: { id } });
}
