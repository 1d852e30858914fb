// The `webhook` queue: one job per run of a message, retried by BullMQ on the delivery schedule.
import type { BackoffStrategy } from 'bullmq';
import { z } from 'zod';
import { prisma } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { getQueue, withEnqueueTimeout } from '../jobs/queues.js';
import { logger } from '../logger.js';
import type { WebhookEventType } from './eventTypes.js';
import { type QueuedMessage, recordEvent } from './outbox.js';
import { MAX_ATTEMPTS, retryDelayMs } from './schedule.js';

export const webhookJobData = z.object({
  messageId: z.uuid(),
  /** The message's run (redeliveries start new ones); a job of an earlier run does nothing. */
  run: z.number().int().min(0),
  /** Attempts of the run made before this job (a job re-created by the reconciler goes on from there). */
  offset: z.number().int().min(0).max(MAX_ATTEMPTS),
});
export type WebhookJobData = z.infer<typeof webhookJobData>;

/** The carrier of a receiver's Retry-After from the processor to the backoff below. */
export class DeliveryAttemptFailed extends Error {
  override name = 'DeliveryAttemptFailed';
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

/** BullMQ's custom backoff for the webhook queue: the spec's schedule, from where the run stands. */
export const webhookBackoff: BackoffStrategy = (attemptsMade, _type, err, job) => {
  const offset = Number((job?.data as Partial<WebhookJobData> | undefined)?.offset ?? 0);
  return retryDelayMs(offset + attemptsMade, err instanceof DeliveryAttemptFailed ? err.retryAfterMs : null);
};

export async function enqueueDelivery(m: QueuedMessage): Promise<void> {
  await getQueue('webhook').add('deliver', { messageId: m.id, run: m.run, offset: m.offset } satisfies WebhookJobData, {
    jobId: m.jobId,
    attempts: Math.max(1, MAX_ATTEMPTS - m.offset),
    backoff: { type: 'webhook' },
    delay: m.delayMs ?? 0,
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

/** After the commit: queues each message's job. A failure is logged; the reconciler re-creates the job. */
export async function dispatchMessages(messages: QueuedMessage[]): Promise<void> {
  await Promise.all(
    messages.map((m) =>
      withEnqueueTimeout(enqueueDelivery(m), `webhook message ${m.id}`).catch((err: unknown) =>
        logger.warn({ err, messageId: m.id }, 'could not queue a webhook delivery; the reconciler will'),
      ),
    ),
  );
}

/**
 * Records an event for the user's webhook endpoints and queues its deliveries. Pass `tx` to record
 * it inside the transaction that made it happen, then call dispatchMessages with the result after
 * the commit; without `tx` it runs its own transaction and dispatches.
 * (Publishing calls this with publication.published / publication.failed.)
 */
export async function emitEvent(
  userId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  tx?: Prisma.TransactionClient,
): Promise<QueuedMessage[]> {
  if (tx) return recordEvent(tx, userId, type, data);
  const queued = await prisma.$transaction((t) => recordEvent(t, userId, type, data));
  await dispatchMessages(queued);
  return queued;
}
