import { type Job, UnrecoverableError } from 'bullmq';
import { logger } from '../../logger.js';
import { attemptDelivery } from '../../notify/attempt.js';
import { DeliveryAttemptFailed, webhookJobData } from '../../notify/deliveryQueue.js';

/**
 * One attempt of a webhook message. A failure worth retrying throws, and BullMQ's webhook backoff
 * (src/notify/deliveryQueue.ts) schedules the next attempt; the last one, a 410 or a disabled
 * endpoint ends the job.
 */
export async function processWebhook(job: Job): Promise<{ status: string }> {
  const { messageId, run, offset } = webhookJobData.parse(job.data);
  const outcome = await attemptDelivery(messageId, run, offset + job.attemptsMade);
  if (outcome.kind === 'retry') throw new DeliveryAttemptFailed(outcome.error, outcome.retryAfterMs);
  if (outcome.kind === 'failed') {
    logger.info({ messageId, jobId: job.id, error: outcome.error }, 'webhook message not delivered');
    throw new UnrecoverableError(outcome.error);
  }
  return { status: outcome.kind };
}
