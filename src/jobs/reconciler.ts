// The database is the source of truth; Redis only holds the queue. When Redis loses its data (a
// restart without persistence, a flush, a failover to an empty replica, eviction), work that the
// database has in flight has no job left and would wait forever, counting against its owner's
// quota. The reconciler finds that work and re-creates its jobs from the database:
//   - a render QUEUED or RUNNING whose flow root (the stitch job of its current try) is gone;
//   - a script GENERATING whose writer job (of its current try) is gone;
//   - a webhook message PENDING whose delivery job is gone (or ended without ending it): re-queued
//     where its retry schedule stood, as a job of its own (the old id may still linger).
//   - a publication QUEUED, UPLOADING or PROCESSING whose publish job (of its current try) is gone
//     (its new try resumes the recorded upload session: no second video).
// Each is re-queued as a new try (attempt + 1), exactly like a retry: the new jobs never collide
// with any job of the lost try that survived (a partial loss, an old primary coming back), and a
// job of the lost try still running in some worker sees it is stale and stops without touching
// the rows (src/jobs/runStage.ts, processors/script.ts). Finished stages keep their results: the
// new try's jobs for them return what their rows hold. After MAX_RECOVERIES re-queues of one try
// the item ends FAILED with a reason that says so; retryRender / retryScriptGeneration start over.
import { Job } from 'bullmq';
import { env } from '../config.js';
import { prisma } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { logger } from '../logger.js';
import { failPublication } from '../publish/publishRun.js';
import { recoverAccountDeletions } from './accountRecovery.js';
import { enqueuePublishJob, publishJobId } from './publishJob.js';
import { enqueueRenderFlow, flowJobId } from './renderFlow.js';
import { flowScenesOf } from './renderedScenes.js';
import { getQueue, withEnqueueTimeout } from './queues.js';
import { publishScriptEvent } from './scriptEvents.js';
import { enqueueScriptJob, scriptJobId } from './scriptJob.js';
import { markRenderFailed, resetUnfinishedStages } from './stages.js';
import { dispatchMessages, emitEvent, enqueueDelivery } from '../notify/deliveryQueue.js';
import { scriptEventData } from '../notify/eventTypes.js';
import { deliveryJobId, type QueuedMessage } from '../notify/outbox.js';

/** Re-queues of one try after the queue lost its jobs; the next loss ends the item FAILED. */
export const MAX_RECOVERIES = 3;
/** Items of each kind looked at per pass (oldest first); the rest wait for the next pass. */
const BATCH = 200;

type Tx = Prisma.TransactionClient;

export interface ReconcileReport {
  /** Re-queued as a new try (webhook messages: where their schedule stood). */
  recovered: { renders: string[]; scripts: string[]; publications: string[]; webhooks: string[] };
  /** Lost once more after MAX_RECOVERIES re-queues: now FAILED. */
  failed: { renders: string[]; scripts: string[]; publications: string[] };
}

export function lostTooOften(what: 'render' | 'script' | 'publication'): string {
  const retry = what === 'render' ? 'retryRender' : what === 'script' ? 'retryScriptGeneration' : 'retryPublication';
  return `the job queue lost this ${what}'s jobs ${MAX_RECOVERIES + 1} times (Redis lost its data) and it was re-queued ${MAX_RECOVERIES} times; ${retry} it to try again`;
}

async function jobExists(queue: 'compose' | 'script' | 'publish', jobId: string): Promise<boolean> {
  // A Redis error rejects (and ends the pass): "cannot tell" must never read as "lost".
  return (await Job.fromId(getQueue(queue), jobId)) !== undefined;
}

/** A delivery job that is gone, or that ended (stalled too often, say) while its message still waits. */
async function deliveryJobLive(jobId: string): Promise<boolean> {
  const job = await Job.fromId(getQueue('webhook'), jobId);
  return job !== undefined && !job.finishedOn;
}

interface Plan {
  renders: { id: string; attempt: number; scenes: { id: string | null; position: number }[] }[];
  scripts: { id: string; attempt: number }[];
  failRenders: { id: string; reason: string }[];
  failScripts: { id: string; attempt: number; ownerId: string; projectId: string; reason: string }[];
  publications: { id: string; attempt: number }[];
  failPublications: { id: string; attempt: number; reason: string }[];
  webhooks: QueuedMessage[];
}

/** Under the lock: finds lost work and claims each recovery by bumping its try (compare-and-set). */
async function plan(tx: Tx, graceMs: number): Promise<Plan> {
  const before = new Date(Date.now() - graceMs);
  const [renders, scripts, messages, publications] = await Promise.all([
    tx.render.findMany({
      where: { status: { in: ['QUEUED', 'RUNNING'] }, enqueuedAt: { lt: before } },
      select: { id: true, attempt: true, recoveries: true },
      orderBy: { enqueuedAt: 'asc' },
      take: BATCH,
    }),
    tx.script.findMany({
      where: { status: 'GENERATING', updatedAt: { lt: before } },
      select: { id: true, attempt: true, recoveries: true, ownerId: true, projectId: true },
      orderBy: { updatedAt: 'asc' },
      take: BATCH,
    }),
    tx.webhookMessage.findMany({
      where: { status: 'PENDING', updatedAt: { lt: before } },
      select: { id: true, run: true, runAttempts: true, jobId: true, nextAttemptAt: true },
      orderBy: { updatedAt: 'asc' },
      take: BATCH,
    }),
    tx.publication.findMany({
      where: { status: { in: ['QUEUED', 'UPLOADING', 'PROCESSING'] }, enqueuedAt: { lt: before } },
      select: { id: true, attempt: true, recoveries: true },
      orderBy: { enqueuedAt: 'asc' },
      take: BATCH,
    }),
  ]);
  // Bounded: BullMQ waits for a first connection forever, and this holds the lock and a connection.
  const [renderHas, scriptHas, publicationHas, messageHas] = await withEnqueueTimeout(
    Promise.all([
      Promise.all(renders.map((r) => jobExists('compose', flowJobId(r.id, r.attempt, 'stitch')))),
      Promise.all(scripts.map((s) => jobExists('script', scriptJobId(s.id, s.attempt)))),
      Promise.all(publications.map((p) => jobExists('publish', publishJobId(p.id, p.attempt)))),
      Promise.all(messages.map((m) => deliveryJobLive(m.jobId))),
    ]),
    'reconciler',
  );
  const out: Plan = { renders: [], scripts: [], failRenders: [], failScripts: [], publications: [], failPublications: [], webhooks: [] };

  for (const [i, r] of renders.entries()) {
    if (renderHas[i]) continue;
    if (r.recoveries >= MAX_RECOVERIES) {
      out.failRenders.push({ id: r.id, reason: lostTooOften('render') });
      continue;
    }
    // What the render was enqueued with (its RenderedScene copy), not the script as it is now.
    const scenes = await flowScenesOf(r.id, tx);
    if (scenes.length === 0) {
      out.failRenders.push({
        id: r.id,
        reason: "the job queue lost this render's jobs and it has no recorded scenes to re-create them from: enqueue a new render",
      });
      continue;
    }
    // Compare-and-set on the try: had anything re-queued it since it was read, this does nothing.
    const { count } = await tx.render.updateMany({
      where: { id: r.id, status: { in: ['QUEUED', 'RUNNING'] }, attempt: r.attempt },
      data: { attempt: { increment: 1 }, recoveries: { increment: 1 }, enqueuedAt: new Date() },
    });
    if (count === 0) continue;
    // What the lost try was doing starts over; finished stages keep their results.
    await resetUnfinishedStages(tx, r.id);
    out.renders.push({ id: r.id, attempt: r.attempt + 1, scenes });
  }

  for (const [i, s] of scripts.entries()) {
    if (scriptHas[i]) continue;
    if (s.recoveries >= MAX_RECOVERIES) {
      out.failScripts.push({ id: s.id, attempt: s.attempt, ownerId: s.ownerId, projectId: s.projectId, reason: lostTooOften('script') });
      continue;
    }
    const { count } = await tx.script.updateMany({
      where: { id: s.id, status: 'GENERATING', attempt: s.attempt },
      data: { attempt: { increment: 1 }, recoveries: { increment: 1 } },
    });
    if (count > 0) out.scripts.push({ id: s.id, attempt: s.attempt + 1 });
  }

  for (const [i, p] of publications.entries()) {
    if (publicationHas[i]) continue;
    if (p.recoveries >= MAX_RECOVERIES) {
      out.failPublications.push({ id: p.id, attempt: p.attempt, reason: lostTooOften('publication') });
      continue;
    }
    const { count } = await tx.publication.updateMany({
      where: { id: p.id, status: { in: ['QUEUED', 'UPLOADING', 'PROCESSING'] }, attempt: p.attempt },
      data: { attempt: { increment: 1 }, recoveries: { increment: 1 }, enqueuedAt: new Date() },
    });
    if (count > 0) out.publications.push({ id: p.id, attempt: p.attempt + 1 });
  }

  for (const [i, m] of messages.entries()) {
    if (messageHas[i]) continue;
    // The schedule goes on where it stood: the next attempt when it was due, the rest after it.
    // A new id: the lost job's may linger in Redis as ended, and BullMQ would not add it again.
    const jobId = `${deliveryJobId(m.id, m.run, m.runAttempts)}_${Date.now().toString(36)}`;
    const { count } = await tx.webhookMessage.updateMany({
      where: { id: m.id, status: 'PENDING', run: m.run, runAttempts: m.runAttempts, jobId: m.jobId },
      data: { jobId },
    });
    const delayMs = Math.max(0, (m.nextAttemptAt?.getTime() ?? 0) - Date.now());
    if (count > 0) out.webhooks.push({ id: m.id, jobId, run: m.run, offset: m.runAttempts, delayMs });
  }
  return out;
}

function lockKey(): string {
  // Advisory locks are per database; deployments (and test files) on other schemas do not contend.
  return `reelforge:reconciler:${env.DATABASE_SCHEMA}`;
}

/**
 * One pass. Returns null when another process's pass holds the lock. Rejects when Postgres or
 * Redis cannot be asked (nothing is changed then).
 */
export async function reconcileOnce(opts: { graceMs?: number } = {}): Promise<ReconcileReport | null> {
  const graceMs = opts.graceMs ?? env.RECONCILE_GRACE_MS;
  // The lock and the claims share one transaction and one connection (the embedded database has
  // only one): nothing inside may use `prisma` directly. Jobs are added after the commit, so a
  // worker taking one already sees the try it belongs to.
  const planned = await prisma.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${lockKey()})) AS locked`;
      return row?.locked ? plan(tx, graceMs) : null;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (!planned) return null;
  const report: ReconcileReport = {
    recovered: { renders: [], scripts: [], publications: [], webhooks: [] },
    failed: { renders: [], scripts: [], publications: [] },
  };

  for (const r of planned.renders) {
    try {
      await withEnqueueTimeout(enqueueRenderFlow(r.id, r.attempt, r.scenes), `render ${r.id}`);
      report.recovered.renders.push(r.id);
      logger.warn({ renderId: r.id, attempt: r.attempt }, "the queue had lost this render's jobs: re-queued it from its recorded scenes");
    } catch (err) {
      // Its try was claimed: once the grace has passed, the next pass finds it lost again.
      logger.error({ err, renderId: r.id }, 'could not re-queue a render whose jobs were lost');
    }
  }
  for (const s of planned.scripts) {
    try {
      await withEnqueueTimeout(enqueueScriptJob(s.id, s.attempt), `script ${s.id}`);
      report.recovered.scripts.push(s.id);
      logger.warn({ scriptId: s.id, attempt: s.attempt }, "the queue had lost this script's writer job: re-queued it");
    } catch (err) {
      logger.error({ err, scriptId: s.id }, 'could not re-queue a script whose job was lost');
    }
  }
  for (const m of planned.webhooks) {
    try {
      await withEnqueueTimeout(enqueueDelivery(m), `webhook message ${m.id}`);
      report.recovered.webhooks.push(m.id);
      logger.warn({ messageId: m.id, jobId: m.jobId }, "the queue had lost this webhook message's delivery job: re-queued it");
    } catch (err) {
      logger.error({ err, messageId: m.id }, 'could not re-queue a webhook delivery whose job was lost');
    }
  }
  for (const p of planned.publications) {
    try {
      await withEnqueueTimeout(enqueuePublishJob(p.id, p.attempt), `publication ${p.id}`);
      report.recovered.publications.push(p.id);
      logger.warn({ publicationId: p.id, attempt: p.attempt }, "the queue had lost this publication's job: re-queued it (it resumes its upload)");
    } catch (err) {
      logger.error({ err, publicationId: p.id }, 'could not re-queue a publication whose job was lost');
    }
  }
  for (const p of planned.failPublications) {
    if (await failPublication(p.id, p.attempt, 'QUEUE_LOST', p.reason)) report.failed.publications.push(p.id);
    logger.error({ publicationId: p.id, reason: p.reason }, 'publication ended FAILED: its job was lost');
  }
  for (const r of planned.failRenders) {
    if (await markRenderFailed(r.id, 'queue', r.reason)) report.failed.renders.push(r.id);
    logger.error({ renderId: r.id, reason: r.reason }, 'render ended FAILED: its jobs were lost');
  }
  for (const s of planned.failScripts) {
    const queued = await prisma.$transaction(async (tx) => {
      const { count } = await tx.script.updateMany({
        where: { id: s.id, status: 'GENERATING', attempt: s.attempt },
        data: { status: 'FAILED', failureReason: s.reason },
      });
      if (count === 0) return null;
      const data = scriptEventData({ id: s.id, projectId: s.projectId, status: 'FAILED', failureReason: s.reason });
      return emitEvent(s.ownerId, 'script.failed', data, tx);
    });
    if (queued === null) continue;
    await dispatchMessages(queued);
    report.failed.scripts.push(s.id);
    logger.error({ scriptId: s.id, reason: s.reason }, 'script generation ended FAILED: its job was lost');
    publishScriptEvent(s.ownerId, { scriptId: s.id, kind: 'SCRIPT_STATUS', status: 'FAILED', writer: null, message: s.reason, elapsedMs: null });
  }
  return report;
}

export interface RunningReconciler {
  stop(): Promise<void>;
}

/** A pass now (worker start-up), then every `intervalMs`; passes never overlap. */
export function startReconciler(intervalMs = env.RECONCILE_INTERVAL_MS): RunningReconciler {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      const report = await reconcileOnce();
      if (
        report &&
        Object.values(report).some((k) => k.renders.length + k.scripts.length + k.publications.length + ('webhooks' in k ? k.webhooks.length : 0) > 0)
      ) {
        logger.info({ report }, 'reconciled lost queue work');
      }
    } catch (err) {
      // Redis or Postgres down: the next pass tries again.
      logger.warn({ err: (err as Error).message }, 'reconciler pass failed');
    }
    await recoverAccountDeletions().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'account deletion recovery failed'));
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  current = pass().finally(schedule);
  logger.info({ intervalMs, graceMs: env.RECONCILE_GRACE_MS }, 'reconciler started');
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => {});
    },
  };
}
