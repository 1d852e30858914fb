// One delivery attempt of a message: claimed by compare-and-set, signed, sent, and recorded (a
// WebhookDelivery row, the message's state, the endpoint's health) in one transaction.
import { prisma } from '../db.js';
import type { WebhookDelivery, WebhookMessage } from '../generated/prisma/client.js';
import { logger } from '../logger.js';
import { publishEvent, type WebhookEndpointEvent } from '../pubsub.js';
import { webhookId } from './eventTypes.js';
import { DISABLE_AFTER_FAILING_MS, MAX_ATTEMPTS, retryDelayMs } from './schedule.js';
import { activeSecrets, signatureHeader } from './secrets.js';
import { sendWebhook } from './send.js';

export type AttemptOutcome =
  | { kind: 'stale' }
  | { kind: 'succeeded'; delivery: WebhookDelivery }
  | { kind: 'retry'; delivery: WebhookDelivery; error: string; retryAfterMs: number | null }
  | { kind: 'failed'; delivery: WebhookDelivery | null; error: string };

function publishEndpointEvent(userId: string, event: Omit<WebhookEndpointEvent, 'at'>): void {
  publishEvent('viewerEvents', userId, { type: 'webhookEndpoint', event: { ...event, at: new Date().toISOString() } });
}

/** Marks a message of a disabled or deleted endpoint FAILED without sending it. */
async function giveUp(message: WebhookMessage, reason: string): Promise<AttemptOutcome> {
  await prisma.webhookMessage.updateMany({ where: { id: message.id, status: 'PENDING', run: message.run }, data: { status: 'FAILED', nextAttemptAt: null } });
  return { kind: 'failed', delivery: null, error: reason };
}

/**
 * Attempts `messageId` as attempt `runAttempt` (0-based) of run `run`. `test` attempts (testWebhookEndpoint)
 * are tried once and leave the endpoint's health alone.
 */
export async function attemptDelivery(messageId: string, run: number, runAttempt: number, opts: { test?: boolean } = {}): Promise<AttemptOutcome> {
  const message = await prisma.webhookMessage.findUnique({ where: { id: messageId }, include: { endpoint: true } });
  // Gone, finished, or a later run (redelivery) or a later job (reconciler) owns it.
  if (message?.status !== 'PENDING' || message.run !== run || message.runAttempts !== runAttempt) return { kind: 'stale' };
  const endpoint = message.endpoint;
  if (!endpoint.enabled && !opts.test) return giveUp(message, `the endpoint is disabled: ${endpoint.disabledReason ?? 'by its owner'}`);
  const claimed = await prisma.webhookMessage.updateMany({
    where: { id: messageId, status: 'PENDING', run, runAttempts: runAttempt },
    data: { runAttempts: { increment: 1 }, attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return { kind: 'stale' };
  const attempt = message.attempts + 1;

  const now = new Date();
  const id = webhookId(message.id);
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatureHeader(activeSecrets(endpoint, now), id, now, message.body),
  };
  const sent = await sendWebhook(endpoint.url, headers, message.body);

  const last = opts.test || runAttempt + 1 >= MAX_ATTEMPTS;
  const gone = sent.status === 410 && !opts.test;
  const failingSince = sent.ok ? null : (endpoint.failingSince ?? now);
  const failingTooLong = !sent.ok && !opts.test && now.getTime() - (failingSince ?? now).getTime() >= DISABLE_AFTER_FAILING_MS;
  const disabledReason = gone
    ? 'the receiver answered 410 Gone'
    : failingTooLong
      ? `every delivery failed for 5 days (since ${failingSince!.toISOString()}); last: ${sent.error}`
      : null;
  const retryAt = sent.ok || last || disabledReason ? null : new Date(Date.now() + retryDelayMs(runAttempt + 1, sent.retryAfterMs));

  const { delivery, disabled } = await prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({
      data: {
        messageId: message.id,
        endpointId: endpoint.id,
        attempt,
        status: sent.ok ? 'SUCCEEDED' : 'FAILED',
        responseStatus: sent.status,
        durationMs: sent.durationMs,
        error: sent.error,
        retryAt,
        createdAt: now,
      },
    });
    await tx.webhookMessage.updateMany({
      where: { id: message.id, run },
      data: sent.ok ? { status: 'SUCCEEDED', nextAttemptAt: null } : retryAt ? { nextAttemptAt: retryAt } : { status: 'FAILED', nextAttemptAt: null },
    });
    let disabled = false;
    if (!opts.test) {
      const health = disabledReason ? { failingSince, enabled: false, disabledAt: now, disabledReason } : { failingSince };
      // Only an endpoint still enabled is disabled (and its owner told) once.
      const { count } = await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, ...(disabledReason ? { enabled: true } : {}) }, data: health });
      disabled = Boolean(disabledReason) && count > 0;
    }
    return { delivery, disabled };
  });

  publishEndpointEvent(endpoint.userId, {
    endpointId: endpoint.id,
    kind: sent.ok ? 'DELIVERY_SUCCEEDED' : 'DELIVERY_FAILED',
    deliveryId: delivery.id,
    message: sent.error,
  });
  if (disabled) {
    logger.warn({ endpointId: endpoint.id, reason: disabledReason }, 'webhook endpoint disabled');
    publishEndpointEvent(endpoint.userId, { endpointId: endpoint.id, kind: 'DISABLED', deliveryId: delivery.id, message: disabledReason });
  }
  if (sent.ok) return { kind: 'succeeded', delivery };
  if (retryAt) return { kind: 'retry', delivery, error: sent.error ?? 'failed', retryAfterMs: sent.retryAfterMs };
  return { kind: 'failed', delivery, error: disabledReason ?? sent.error ?? 'failed' };
}
