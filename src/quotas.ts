// Per-user quotas. Each check runs in the transaction that would exceed it, under a per-user
// advisory lock, so two simultaneous requests cannot both take the last slot.
// "In flight" is what the database says is live (QUEUED/RUNNING renders, GENERATING scripts). Work
// whose jobs the queue lost stays live until the reconciler (src/jobs/reconciler.ts) re-queues it,
// or, after MAX_RECOVERIES, ends it FAILED: from then on it no longer counts.
import { env } from './config.js';
import { QuotaExceededError } from './errors.js';
import type { Prisma } from './generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

async function lockUser(tx: Tx, userId: string, what: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`quota:${what}:${userId}`}))`;
}

/** Refuses another QUEUED/RUNNING render beyond MAX_RENDERS_IN_FLIGHT. */
export async function checkRendersInFlight(tx: Tx, userId: string, alreadyCounted = 0): Promise<void> {
  await lockUser(tx, userId, 'renders');
  const used = (await tx.render.count({ where: { ownerId: userId, status: { in: ['QUEUED', 'RUNNING'] } } })) - alreadyCounted;
  if (used >= env.MAX_RENDERS_IN_FLIGHT) {
    throw new QuotaExceededError('rendersInFlight', env.MAX_RENDERS_IN_FLIGHT, used, 'wait for a render to finish, or cancel one');
  }
}

/** Refuses another GENERATING script beyond MAX_GENERATIONS_IN_FLIGHT. */
export async function checkGenerationsInFlight(tx: Tx, userId: string, alreadyCounted = 0): Promise<void> {
  await lockUser(tx, userId, 'generations');
  const used = (await tx.script.count({ where: { ownerId: userId, status: 'GENERATING' } })) - alreadyCounted;
  if (used >= env.MAX_GENERATIONS_IN_FLIGHT) {
    throw new QuotaExceededError('generationsInFlight', env.MAX_GENERATIONS_IN_FLIGHT, used, 'wait for a script to be written');
  }
}

/** Refuses an upload that would take the user's stored uploads past MAX_UPLOAD_MB_PER_USER. */
export async function checkUploadBytes(tx: Tx, userId: string, adding: number): Promise<void> {
  await lockUser(tx, userId, 'uploads');
  const limit = Math.round(env.MAX_UPLOAD_MB_PER_USER * 1024 * 1024);
  const { _sum } = await tx.asset.aggregate({ where: { provider: 'upload', project: { ownerId: userId } }, _sum: { bytes: true } });
  const used = _sum.bytes ?? 0;
  if (used + adding > limit) {
    throw new QuotaExceededError('uploadBytes', limit, used, `this file (${adding} bytes) does not fit; delete uploads you no longer need`);
  }
}
