import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq';
import { env } from '../config.js';
import { logger } from '../logger.js';
import { createRedis } from '../redis.js';

/** How long enqueueing may wait for Redis before the request is answered with a failure. */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/** Rejects when `work` has not settled within ENQUEUE_TIMEOUT_MS (BullMQ waits for a first connection forever). */
export async function withEnqueueTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: the queue did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
  });
  // A late settlement of `work` after the timeout must not become an unhandled rejection.
  work.catch(() => {});
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const QUEUE_NAMES = ['script', 'media', 'voice', 'compose', 'publish', 'webhook'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Retries with exponential backoff (jittered) before a stage is declared failed. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  // Keep finished jobs briefly (BullMQ reads children's return values from them); keep failures.
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Queue names are prefixed by Redis key prefix, so deployments and test files never collide. */
export function bullPrefix(): string {
  return `${env.REDIS_PREFIX}:bull`;
}

let producer: { connection: ConnectionOptions & { quit(): Promise<unknown> }; flow: FlowProducer; queues: Map<QueueName, Queue> } | null = null;

function ensureProducer() {
  if (!producer) {
    const connection = createRedis('producer');
    const flow = new FlowProducer({ connection, prefix: bullPrefix() });
    flow.on('error', (err) => logger.warn({ err: err.message }, 'flow producer error'));
    producer = { connection, flow, queues: new Map() };
  }
  return producer;
}

export function getFlowProducer(): FlowProducer {
  return ensureProducer().flow;
}

export function getQueue(name: QueueName): Queue {
  const p = ensureProducer();
  let q = p.queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: p.connection, prefix: bullPrefix(), defaultJobOptions: DEFAULT_JOB_OPTIONS });
    q.on('error', (err) => logger.warn({ err: err.message, queue: name }, 'queue error'));
    p.queues.set(name, q);
  }
  return q;
}

export async function closeQueues(): Promise<void> {
  if (!producer) return;
  const p = producer;
  producer = null;
  await Promise.all([...p.queues.values()].map((q) => q.close()));
  await p.flow.close();
  await p.connection.quit().catch(() => {});
}
