import { FlowProducer, Queue, type ConnectionOptions } from 'bullmq';
import { env } from '../config.js';
import { createRedis } from '../redis.js';

export const QUEUE_NAMES = ['script', 'media', 'voice', 'compose'] as const;
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
    producer = { connection, flow: new FlowProducer({ connection, prefix: bullPrefix() }), queues: new Map() };
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
