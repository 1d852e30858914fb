import { rm } from 'node:fs/promises';
import { type Job, UnrecoverableError } from 'bullmq';
import { prisma } from '../db.js';
import { logger } from '../logger.js';
import { isPermanentError } from '../render/providers/errors.js';
import { makeWorkDir } from './workDirs.js';
import { markRenderFailed, markStageCancelled, markStageFailed, markStageFinished, markStageProgress, markStageStarted, stageToRun } from './stages.js';

/** The render was cancelled, failed elsewhere, or was retried: this job's work is no longer wanted. */
export class RenderCancelledError extends UnrecoverableError {
  override name = 'RenderCancelledError';
  constructor(renderId: string) {
    super(`render ${renderId} no longer needs this work (cancelled, failed or retried)`);
  }
}

export interface StageContext {
  workDir: string;
  signal: AbortSignal;
  /** Reports progress 0–1 (throttled). */
  progress(fraction: number): void;
  log: typeof logger;
}

export interface StageOutcome<T> {
  result: T;
  /** Shown on the stage row; `result` is stored there too so a re-run can reuse it. */
  detail?: Record<string, unknown>;
}

const CANCEL_POLL_MS = 750;

/** Stages running in this process, so a shutdown that cannot wait any longer can stop them. */
const running = new Set<AbortController>();

export class WorkerShutdownError extends Error {
  override name = 'WorkerShutdownError';
  constructor() {
    super('the worker shut down during this stage; it will be retried');
  }
}

/** Aborts every running stage (their temp dirs are removed, the jobs retried by another worker). */
export function abortRunningStages(): number {
  for (const c of running) c.abort(new WorkerShutdownError());
  return running.size;
}
const PROGRESS_THROTTLE_MS = 250;

export { workRoot } from './workDirs.js';

async function renderState(renderId: string) {
  return prisma.render.findUnique({ where: { id: renderId }, select: { status: true, attempt: true } });
}

function attemptOf(job: Job): number {
  return typeof job.data?.attempt === 'number' ? job.data.attempt : 0;
}

/** Live, and this job belongs to the render's current try. */
export async function jobIsCurrent(job: Job, renderId: string): Promise<boolean> {
  const r = await renderState(renderId);
  return r !== null && (r.status === 'QUEUED' || r.status === 'RUNNING') && r.attempt === attemptOf(job);
}

/**
 * Runs one stage of a render: stage row bookkeeping, a private temp dir removed whatever happens,
 * cancellation (polling the render's status and aborting the work), and failure handling: a
 * permanent error or the last attempt fails the stage and the render; an earlier one is retried.
 * A stage that already SUCCEEDED (a retried render, a re-delivered job) returns its stored result.
 */
export async function runStage<T>(job: Job, renderId: string, name: string, work: (ctx: StageContext) => Promise<StageOutcome<T>>): Promise<T> {
  const log = logger.child({ renderId, stage: name, jobId: job.id, attempt: job.attemptsMade + 1 });
  const existing = await stageToRun(renderId, name);
  if (!existing) {
    // A render that is gone (deleted, with its stages) is work no longer wanted, not a broken one.
    if (!(await jobIsCurrent(job, renderId))) throw new RenderCancelledError(renderId);
    throw new UnrecoverableError(`render ${renderId} has no stage ${name}`);
  }
  const { render } = existing;
  if (!(render.status === 'QUEUED' || render.status === 'RUNNING') || render.attempt !== attemptOf(job)) throw new RenderCancelledError(renderId);
  if (existing.status === 'SUCCEEDED' && existing.detail && typeof existing.detail === 'object' && 'result' in existing.detail) {
    return (existing.detail as { result: T }).result;
  }

  const { startedAt } = await markStageStarted(renderId, name, render);
  const workDir = await makeWorkDir(`${renderId.slice(0, 8)}-${name.replace(':', '-')}`);
  const abort = new AbortController();
  running.add(abort);
  let cancelled = false;
  // A later try owns the stage rows now (the queue lost this job's flow and the reconciler re-queued
  // the render): this job stops without writing them.
  let superseded = false;
  const poll = setInterval(() => {
    renderState(renderId)
      .then((r) => {
        // Cancelled, or failed elsewhere: the rest of this render's work is wasted.
        if (r === null || r.status === 'CANCELLED' || r.status === 'FAILED' || r.attempt !== attemptOf(job)) {
          cancelled = true;
          superseded = r !== null && r.attempt !== attemptOf(job);
          abort.abort(new RenderCancelledError(renderId));
        }
      })
      .catch(() => {});
  }, CANCEL_POLL_MS);
  let lastProgress = 0;
  const progress = (fraction: number) => {
    const now = Date.now();
    if (now - lastProgress < PROGRESS_THROTTLE_MS) return;
    lastProgress = now;
    void job.updateProgress({ stage: name, pct: Math.round(fraction * 100) }).catch(() => {});
    void markStageProgress(renderId, name, fraction, startedAt).catch(() => {});
  };

  try {
    const outcome = await work({ workDir, signal: abort.signal, progress, log });
    if (cancelled) throw new RenderCancelledError(renderId);
    await markStageFinished(renderId, name, startedAt, { ...outcome.detail, result: outcome.result });
    log.debug('stage finished');
    return outcome.result;
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    if (cancelled || error instanceof RenderCancelledError) {
      if (!superseded) await markStageCancelled(renderId, name, startedAt).catch(() => {});
      throw new RenderCancelledError(renderId);
    }
    const shutdown = abort.signal.reason instanceof WorkerShutdownError;
    const permanent = !shutdown && (error instanceof UnrecoverableError || isPermanentError(error));
    const final = permanent || (!shutdown && job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
    log[final ? 'error' : 'warn']({ err: error }, final ? 'stage failed' : 'stage attempt failed; will retry');
    await markStageFailed(renderId, name, startedAt, error.message, final);
    if (final) {
      await markRenderFailed(renderId, name, error.message);
      if (!(error instanceof UnrecoverableError)) throw new UnrecoverableError(error.message);
    }
    throw error;
  } finally {
    running.delete(abort);
    clearInterval(poll);
    await rm(workDir, { recursive: true, force: true });
  }
}
