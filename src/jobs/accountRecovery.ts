// Account deletions the queue lost (Redis lost its data) or that failed are run again: the deletion
// job is idempotent and the AccountDeletion row says what is still to do. Called by the reconciler
// after each pass; no lock is needed, since a job id names its deletion (adding it twice is a no-op).
import { Job } from 'bullmq';
import { env } from '../config.js';
import { prisma } from '../db.js';
import { logger } from '../logger.js';
import { accountJobId, enqueueAccountDeletion } from './accountJob.js';
import { getQueue, withEnqueueTimeout } from './queues.js';

/** A FAILED deletion is tried again this long after it failed. */
const RETRY_FAILED_AFTER_MS = 10 * 60_000;

export async function recoverAccountDeletions(opts: { graceMs?: number; retryFailedAfterMs?: number } = {}): Promise<string[]> {
  const now = Date.now();
  const graceMs = opts.graceMs ?? env.RECONCILE_GRACE_MS;
  const pending = await prisma.accountDeletion.findMany({
    where: {
      OR: [
        { status: { in: ['QUEUED', 'RUNNING'] }, requestedAt: { lt: new Date(now - graceMs) } },
        { status: 'FAILED', finishedAt: { lt: new Date(now - (opts.retryFailedAfterMs ?? RETRY_FAILED_AFTER_MS)) } },
      ],
    },
    select: { id: true, status: true },
    take: 100,
  });
  const requeued: string[] = [];
  for (const d of pending) {
    try {
      const job = await withEnqueueTimeout(Job.fromId(getQueue('account'), accountJobId(d.id)), 'account recovery');
      if (job && (await job.isFailed())) await job.retry('failed');
      else if (!job) await withEnqueueTimeout(enqueueAccountDeletion(d.id), 'account recovery');
      else continue; // waiting, delayed or running: the queue still has it
      if (d.status === 'FAILED') await prisma.accountDeletion.updateMany({ where: { id: d.id, status: 'FAILED' }, data: { status: 'QUEUED' } });
      requeued.push(d.id);
      logger.warn({ deletionId: d.id, was: d.status }, 'account deletion re-queued');
    } catch (err) {
      logger.warn({ err, deletionId: d.id }, 'could not re-queue an account deletion');
    }
  }
  return requeued;
}
