import { NOBODY } from '../../context.js';
import { WebhookDeliveryStatus } from '../../generated/prisma/enums.js';
import { webhookId } from '../../notify/eventTypes.js';
import { builder } from '../builder.js';

const WebhookDeliveryStatusEnum = builder.enumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

export const WebhookDeliveryRef = builder.prismaNode('WebhookDelivery', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, endpoint: { userId: ctx.viewer?.id ?? NOBODY } }),
  description: 'One attempt to deliver an event to a webhook endpoint. A 2xx answer is success; redirects are not followed.',
  select: { messageId: true },
  fields: (t) => ({
    eventId: t.string({
      description: 'The webhook-id header: the same for every attempt of one event, so receivers can drop duplicates.',
      resolve: (d) => webhookId(d.messageId),
    }),
    eventType: t.string({
      select: { message: { select: { eventType: true } } },
      description: 'e.g. "render.succeeded"; "webhook.test" for testWebhookEndpoint.',
      resolve: (d) => d.message.eventType,
    }),
    attempt: t.exposeInt('attempt', { description: 'Counts every attempt of the event, redeliveries included.' }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum }),
    responseStatus: t.exposeInt('responseStatus', { nullable: true, description: 'The receiver’s HTTP status; null when it never answered.' }),
    durationMs: t.exposeInt('durationMs'),
    error: t.exposeString('error', { nullable: true }),
    retryAt: t.expose('retryAt', { type: 'DateTime', nullable: true, description: 'When the next attempt is due, if this one failed and one is scheduled.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    endpoint: t.relation('endpoint'),
  }),
});
