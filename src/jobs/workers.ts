import { type Job, type Processor, Worker } from 'bullmq';
import { hostname } from 'node:os';
import sharp from 'sharp';
import { env } from '../config.js';
import { logger } from '../logger.js';
import { createRedis } from '../redis.js';
import { processAccountDeletion } from './processors/account.js';
import { processMedia } from './processors/media.js';
import { processPublish } from './processors/publish.js';
import { processScript } from './processors/script.js';
import { processSegment } from './processors/segment.js';
import { processSoundtrack } from './processors/soundtrack.js';
import { processStitch } from './processors/stitch.js';
import { processVoice } from './processors/voice.js';
import { processWebhook } from './processors/webhook.js';
import { webhookBackoff } from '../notify/deliveryQueue.js';
import { bullPrefix, type QueueName } from './queues.js';
import { abortRunningStages } from './runStage.js';
import { limitFor } from './rateLimits.js';
import { removeDeadProcessDirs } from './workDirs.js';

const processors: Partial<Record<QueueName, Processor>> = {
  script: processScript,
  media: processMedia,
  voice: (job: Job, token?: string) => (job.name === 'soundtrack' ? processSoundtrack(job, token) : processVoice(job)),
  compose: (job: Job) => (job.name === 'stitch' ? processStitch(job) : processSegment(job)),
  publish: processPublish,
  webhook: processWebhook,
  account: processAccountDeletion,
};

function concurrencyOf(queue: QueueName): number {
  if (queue === 'script') return env.SCRIPT_CONCURRENCY;
  if (queue === 'publish') return env.PUBLISH_CONCURRENCY;
  if (queue === 'webhook') return env.WEBHOOK_CONCURRENCY;
  if (queue === 'account') return 1;
  return queue === 'media' ? env.MEDIA_CONCURRENCY : queue === 'voice' ? env.VOICE_CONCURRENCY : env.COMPOSE_CONCURRENCY;
}

export function configuredQueues(): QueueName[] {
  return env.WORKER_QUEUES === 'none' ? [] : (env.WORKER_QUEUES.split(',') as QueueName[]);
}

/**
 * Who this process is among the workers sharing the queues: BullMQ stores it on every job it takes
 * (`job.processedBy`), so which machine and process ran a stage can be read back from the queue.
 */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Starts one worker per queue. Close finishes running jobs (or hands them back) under a time limit. */
export function startWorkers(queues: QueueName[] = configuredQueues(), gracefulMs = 20_000): RunningWorkers {
  // Many small images at once: libvips' operation cache and per-image thread pool only add memory.
  sharp.cache(false);
  sharp.concurrency(1);
  const workers: Worker[] = [];
  const connections: ReturnType<typeof createRedis>[] = [];
  for (const queue of queues) {
    const processor = processors[queue];
    if (!processor) continue;
    const connection = createRedis('worker');
    connections.push(connection);
    const worker = new Worker(queue, processor, {
      name: workerName(),
      connection,
      prefix: bullPrefix(),
      concurrency: concurrencyOf(queue),
      limiter: limitFor(queue),
      // A job whose worker dies is handed to another after the lock lapses.
      lockDuration: 30_000,
      maxStalledCount: 2,
      // Webhook retries follow the Standard Webhooks schedule (and a receiver's Retry-After).
      ...(queue === 'webhook' ? { settings: { backoffStrategy: webhookBackoff } } : {}),
    });
    worker.on('error', (err) => logger.error({ err, queue }, 'worker error'));
    worker.on('failed', (job, err) => logger.debug({ queue, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job attempt failed'));
    workers.push(worker);
  }
  // Leftovers of workers that were killed (their `finally` never ran).
  void removeDeadProcessDirs().catch((err: unknown) => logger.warn({ err }, 'could not clean WORK_DIR'));
  logger.info({ queues, limits: Object.fromEntries(queues.map((q) => [q, limitFor(q) ?? null])) }, 'workers started');
  return {
    workers,
    close: async () => {
      // Let running jobs finish for a while; then abort them (temp dirs removed, the attempt handed
      // back for another worker to retry) rather than leave ffmpeg running behind us.
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), gracefulMs).unref());
      if ((await Promise.race([graceful, timeout])) === 'timeout') {
        const aborted = abortRunningStages();
        logger.warn({ aborted }, 'shutdown grace period over: aborting running stages');
        await Promise.race([graceful, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      }
      await Promise.all(workers.map((w) => w.close(true).catch(() => {})));
      // BullMQ leaves connections it was given open.
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
