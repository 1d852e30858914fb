// Events into webhook messages, inside the transaction that made them happen: a message exists
// exactly when its event committed. Jobs are queued after the commit (deliveryQueue.ts); the
// reconciler re-creates any the queue never got.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';
import { webhookBody, type WebhookEventType } from './eventTypes.js';

export interface QueuedMessage {
  id: string;
  jobId: string;
  run: number;
  offset: number;
  delayMs?: number;
}

/** The job of a message's run, starting `offset` attempts into its schedule. */
export function deliveryJobId(messageId: string, run: number, offset: number): string {
  return `webhook_${messageId}_${run}_${offset}`;
}

/** Writes one message per enabled endpoint of `userId` subscribed to `type`; returns what to queue after the commit. */
export async function recordEvent(
  tx: Prisma.TransactionClient,
  userId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<QueuedMessage[]> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { userId, enabled: true, events: { has: type } }, select: { id: true } });
  if (endpoints.length === 0) return [];
  const body = webhookBody(type, data);
  const rows = endpoints.map((e) => {
    const id = randomUUID();
    return { id, endpointId: e.id, eventType: type, body, jobId: deliveryJobId(id, 0, 0) };
  });
  await tx.webhookMessage.createMany({ data: rows });
  return rows.map((r) => ({ id: r.id, jobId: r.jobId, run: 0, offset: 0 }));
}
