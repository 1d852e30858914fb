import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, QuotaExceededError, ValidationError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { attemptDelivery } from '../notify/attempt.js';
import { dispatchMessages } from '../notify/deliveryQueue.js';
import { webhookUrlProblem } from '../notify/endpointUrl.js';
import { TEST_EVENT_TYPE, webhookBody, type WebhookEventType } from '../notify/eventTypes.js';
import { deliveryJobId } from '../notify/outbox.js';
import { newWebhookSecret } from '../notify/secrets.js';
import { encodeId } from '../ids.js';

/** Endpoints one user may have. */
export const MAX_WEBHOOK_ENDPOINTS = 20;
/** How long a rotated-out secret keeps signing, by default and at most (minutes). */
export const DEFAULT_OVERLAP_MINUTES = 24 * 60;
export const MAX_OVERLAP_MINUTES = 7 * 24 * 60;

type EndpointQuery = Prisma.WebhookEndpointDefaultArgs;

async function checkUrl(url: string, path: string[]): Promise<void> {
  const problem = await webhookUrlProblem(url);
  if (problem) throw ValidationError.field(path, `refused: ${problem}; a webhook URL must reach a public address`);
}

async function ownEndpoint(viewer: Viewer, id: string) {
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id, userId: viewer.id } });
  if (!endpoint) throw new NotFoundError('WebhookEndpoint', id);
  return endpoint;
}

/** Creates an endpoint with a new secret, returned this once. */
export async function createWebhookEndpoint(viewer: Viewer, input: { url: string; events: WebhookEventType[] }, query: EndpointQuery = {}) {
  await checkUrl(input.url, ['input', 'url']);
  const secret = newWebhookSecret();
  const endpoint = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`quota:webhookEndpoints:${viewer.id}`}))`;
    const used = await tx.webhookEndpoint.count({ where: { userId: viewer.id } });
    if (used >= MAX_WEBHOOK_ENDPOINTS) {
      throw new QuotaExceededError('webhookEndpoints', MAX_WEBHOOK_ENDPOINTS, used, 'delete an endpoint you no longer use');
    }
    return tx.webhookEndpoint.create({ ...query, data: { userId: viewer.id, url: input.url, events: input.events, secret } });
  });
  return { secret, endpoint };
}

/** Changes the URL or events, or enables/disables it; enabling clears why it was disabled. */
export async function updateWebhookEndpoint(
  viewer: Viewer,
  id: string,
  input: { url?: string | null; events?: WebhookEventType[] | null; enabled?: boolean | null },
  query: EndpointQuery = {},
) {
  await ownEndpoint(viewer, id);
  if (input.url != null) await checkUrl(input.url, ['input', 'url']);
  const data: Prisma.WebhookEndpointUpdateManyMutationInput = {};
  if (input.url != null) data.url = input.url;
  if (input.events != null) data.events = input.events;
  if (input.enabled === true) Object.assign(data, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
  if (input.enabled === false) Object.assign(data, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by its owner' });
  const { count } = await prisma.webhookEndpoint.updateMany({ where: { id, userId: viewer.id }, data });
  if (count === 0) throw new NotFoundError('WebhookEndpoint', id);
  return prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id } });
}

/** A new secret, returned this once; the old one keeps signing (both signatures sent) for `overlapMinutes`. */
export async function rotateWebhookSecret(viewer: Viewer, id: string, overlapMinutes: number, query: EndpointQuery = {}) {
  const current = await ownEndpoint(viewer, id);
  const secret = newWebhookSecret();
  const previous =
    overlapMinutes > 0
      ? { previousSecret: current.secret, previousSecretExpiresAt: new Date(Date.now() + overlapMinutes * 60_000) }
      : { previousSecret: null, previousSecretExpiresAt: null };
  // Compare-and-set on the secret: of two rotations at once, the second is refused, not lost.
  const { count } = await prisma.webhookEndpoint.updateMany({ where: { id, userId: viewer.id, secret: current.secret }, data: { secret, ...previous } });
  if (count === 0) throw ValidationError.field(['id'], 'the secret was rotated meanwhile; rotate again if you need a new one');
  const endpoint = await prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id } });
  return { secret, endpoint };
}

export async function deleteWebhookEndpoint(viewer: Viewer, id: string): Promise<string> {
  const { count } = await prisma.webhookEndpoint.deleteMany({ where: { id, userId: viewer.id } });
  if (count === 0) throw new NotFoundError('WebhookEndpoint', id);
  return id;
}

/** Sends a `webhook.test` event now, once (no retries, the endpoint's health untouched), and returns the attempt. */
export async function testWebhookEndpoint(viewer: Viewer, id: string, query: Prisma.WebhookDeliveryDefaultArgs = {}) {
  const endpoint = await ownEndpoint(viewer, id);
  const message = await prisma.webhookMessage.create({
    data: {
      endpointId: endpoint.id,
      eventType: TEST_EVENT_TYPE,
      body: webhookBody(TEST_EVENT_TYPE, { endpointId: encodeId('WebhookEndpoint', endpoint.id) }),
      jobId: 'none',
    },
  });
  const outcome = await attemptDelivery(message.id, 0, 0, { test: true });
  if (outcome.kind === 'stale' || !outcome.delivery) throw new Error(`test delivery ${message.id} was not attempted (${outcome.kind})`);
  return prisma.webhookDelivery.findUniqueOrThrow({ ...query, where: { id: outcome.delivery.id } });
}

/** Sends a delivery's message again, as a new run of the retry schedule starting now (same webhook-id). */
export async function redeliverWebhook(viewer: Viewer, deliveryId: string, query: EndpointQuery = {}) {
  const delivery = await prisma.webhookDelivery.findFirst({
    where: { id: deliveryId, endpoint: { userId: viewer.id } },
    include: { endpoint: true, message: true },
  });
  if (!delivery) throw new NotFoundError('WebhookDelivery', deliveryId);
  if (!delivery.endpoint.enabled) {
    throw ValidationError.field(
      ['id'],
      `the endpoint is disabled (${delivery.endpoint.disabledReason ?? 'by its owner'}): enable it with updateWebhookEndpoint first`,
    );
  }
  if (delivery.message.eventType === TEST_EVENT_TYPE) throw ValidationError.field(['id'], 'a test delivery is not redelivered: call testWebhookEndpoint again');
  const { message } = delivery;
  const run = message.run + 1;
  const jobId = deliveryJobId(message.id, run, 0);
  // A new run supersedes the old one: a job of the earlier run that wakes up later does nothing.
  const { count } = await prisma.webhookMessage.updateMany({
    where: { id: message.id, run: message.run },
    data: { status: 'PENDING', run, runAttempts: 0, jobId, nextAttemptAt: new Date() },
  });
  if (count === 0) throw ValidationError.field(['id'], 'this event is being redelivered already; reload its deliveries');
  await dispatchMessages([{ id: message.id, jobId, run, offset: 0 }]);
  return prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: delivery.endpointId } });
}
