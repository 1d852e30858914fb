import { clearedSessionCookie } from '../auth/cookies.js';
import { bumpGenerations } from '../cache/generations.js';
import { DEMO_EMAIL } from '../auth/users.js';
import { DELETION_TOKEN_PREFIX, hashToken, isTokenShaped, newToken } from '../auth/tokens.js';
import type { Context, Viewer } from '../context.js';
import { prisma } from '../db.js';
import { queueUnavailable, ValidationError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { enqueueAccountDeletion } from '../jobs/accountJob.js';
import { withEnqueueTimeout } from '../jobs/queues.js';

/**
 * Starts deleting the viewer's account: from this moment no key, session or sign-in works for it;
 * the `account` job removes the rest. Returns the request and a token to read its status with
 * (the account, and so this session, is gone by then). If the queue cannot take the job, nothing
 * changes.
 */
export async function deleteAccount(viewer: Viewer, ctx: Pick<Context, 'responseCookies'>, query: Prisma.AccountDeletionDefaultArgs = {}) {
  // Everyone who tries the demo shares it: one visitor must not wipe it for the others.
  if (viewer.email === DEMO_EMAIL) throw ValidationError.field([], 'The demo account is shared and cannot be deleted');
  const { token, hash } = newToken(DELETION_TOKEN_PREFIX);
  const deletion = await prisma.$transaction(async (tx) => {
    const now = new Date();
    await tx.user.update({ where: { id: viewer.id }, data: { deletingAt: now } });
    await tx.session.updateMany({ where: { userId: viewer.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.apiKey.updateMany({ where: { userId: viewer.id, revokedAt: null }, data: { revokedAt: now } });
    return tx.accountDeletion.create({ data: { userId: viewer.id, tokenHash: hash, requestedAt: now } });
  });
  // No key or session of the account is trusted from cache any more, and its reels leave cached feeds.
  await bumpGenerations([viewer.id], true);
  try {
    await withEnqueueTimeout(enqueueAccountDeletion(deletion.id), 'deleteAccount');
  } catch (err) {
    // Undo, so the account is as it was and the person can try again.
    await prisma.$transaction([
      prisma.user.update({ where: { id: viewer.id }, data: { deletingAt: null } }),
      prisma.session.updateMany({ where: { userId: viewer.id, revokedAt: deletion.requestedAt }, data: { revokedAt: null } }),
      prisma.apiKey.updateMany({ where: { userId: viewer.id, revokedAt: deletion.requestedAt }, data: { revokedAt: null } }),
      prisma.accountDeletion.delete({ where: { id: deletion.id } }),
    ]);
    await bumpGenerations([viewer.id], true);
    throw queueUnavailable('deleteAccount', err);
  }
  if (viewer.via === 'cookieSession') ctx.responseCookies.push(clearedSessionCookie());
  return { statusToken: token, deletion: await prisma.accountDeletion.findUniqueOrThrow({ ...query, where: { id: deletion.id } }) };
}

/** The deletion a status token names, or null. */
export async function accountDeletionByToken(statusToken: string, query: Prisma.AccountDeletionDefaultArgs = {}) {
  if (!isTokenShaped(statusToken, DELETION_TOKEN_PREFIX)) return null;
  return prisma.accountDeletion.findUnique({ ...query, where: { tokenHash: hashToken(statusToken) } });
}
