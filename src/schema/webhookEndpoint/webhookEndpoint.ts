import { NOBODY } from '../../context.js';
import { WEBHOOK_EVENT_TYPES } from '../../notify/eventTypes.js';
import { builder } from '../builder.js';
import { WebhookDeliveryRef } from '../webhookDelivery/webhookDelivery.js';

/** GraphQL names for the event types; each value is the `type` of the delivery's body. */
export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  values: Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [type.toUpperCase().replace('.', '_'), { value: type, description: `Delivered as type "${type}".` }]),
  ) as Record<string, { value: (typeof WEBHOOK_EVENT_TYPES)[number]; description: string }>,
});

export const WebhookEndpointRef = builder.prismaNode('WebhookEndpoint', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, userId: ctx.viewer?.id ?? NOBODY }),
  description: 'A URL your events are POSTed to, signed by the Standard Webhooks spec. Its secret is shown only at creation and rotation.',
  fields: (t) => ({
    url: t.exposeString('url'),
    events: t.field({ type: [WebhookEventTypeEnum], resolve: (e) => e.events as (typeof WEBHOOK_EVENT_TYPES)[number][] }),
    enabled: t.exposeBoolean('enabled', {
      description: 'False once disabled (410 Gone, 5 days of failures, or by you): nothing is sent until you enable it again.',
    }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    failingSince: t.expose('failingSince', {
      type: 'DateTime',
      nullable: true,
      description: 'The first failed attempt since the last success; after 5 days the endpoint is disabled.',
    }),
    previousSecretExpiresAt: t.expose('previousSecretExpiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Until then deliveries carry a signature by the previous secret too (after rotateWebhookSecret).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    webhookDeliveries: t.relatedConnection('deliveries', {
      type: WebhookDeliveryRef,
      cursor: 'id',
      totalCount: true,
      description: 'Every attempt, newest first.',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});
