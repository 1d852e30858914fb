import { z } from 'zod';
import { QuotaExceededError } from '../../errors.js';
import { encodeId } from '../../ids.js';
import { MAX_URL_LENGTH } from '../../notify/endpointUrl.js';
import { WEBHOOK_EVENT_TYPES } from '../../notify/eventTypes.js';
import {
  createWebhookEndpoint,
  DEFAULT_OVERLAP_MINUTES,
  deleteWebhookEndpoint,
  MAX_OVERLAP_MINUTES,
  redeliverWebhook,
  rotateWebhookSecret,
  testWebhookEndpoint,
  updateWebhookEndpoint,
} from '../../resolvers/webhooks.js';
import { builder } from '../builder.js';
import { viewerOf } from '../viewer.js';
import { WebhookDeliveryRef } from '../webhookDelivery/webhookDelivery.js';
import { WebhookEndpointRef, WebhookEventTypeEnum } from './webhookEndpoint.js';

const url = z.string().trim().min(1, 'must not be empty').max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`);
const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'name at least one event')
  .max(WEBHOOK_EVENT_TYPES.length, `at most ${WEBHOOK_EVENT_TYPES.length} events (each once)`)
  .refine((list) => new Set(list).size === list.length, 'names an event more than once');

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  fields: (t) => ({
    url: t.string({ description: 'http(s), public address only (checked now and on every delivery).', validate: url }),
    events: t.field({ type: [WebhookEventTypeEnum], validate: events }),
  }),
});

const UpdateWebhookEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  fields: (t) => ({
    id: t.globalID({ for: WebhookEndpointRef }),
    url: t.string({ required: false, validate: url.optional().nullable() }),
    events: t.field({ type: [WebhookEventTypeEnum], required: false, validate: events.optional().nullable() }),
    enabled: t.boolean({ required: false, description: 'true re-enables a disabled endpoint (and clears why); false stops deliveries.' }),
  }),
});

const WebhookEndpointWithSecret = builder.objectRef<{ secret: string; endpoint: unknown }>('WebhookEndpointWithSecret').implement({
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The signing secret (whsec_…). Shown this once: store it now.' }),
    endpoint: t.field({ type: WebhookEndpointRef, resolve: (p) => p.endpoint as never }),
  }),
});

builder.mutationField('createWebhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointWithSecret,
    authScopes: { user: true },
    errors: { types: [QuotaExceededError] },
    description: 'Starts sending the chosen events to a URL. Returns the signing secret, this once.',
    args: { input: t.arg({ type: CreateWebhookEndpointInput }) },
    resolve: (_root, { input }, ctx) => createWebhookEndpoint(viewerOf(ctx), { url: input.url.trim(), events: input.events }),
  }),
);

builder.mutationField('updateWebhookEndpoint', (t) =>
  t.prismaField({
    type: 'WebhookEndpoint',
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: UpdateWebhookEndpointInput }) },
    resolve: (query, _root, { input }, ctx) => {
      const { id, url: newUrl, ...rest } = input;
      return updateWebhookEndpoint(viewerOf(ctx), id.id, { ...rest, url: newUrl?.trim() }, query);
    },
  }),
);

builder.mutationField('rotateWebhookSecret', (t) =>
  t.field({
    type: WebhookEndpointWithSecret,
    authScopes: { user: true },
    errors: {},
    description:
      'A new signing secret, shown this once. The old one keeps signing too for `overlapMinutes`, so receivers can switch without dropping a delivery.',
    args: {
      id: t.arg.globalID({ for: WebhookEndpointRef }),
      overlapMinutes: t.arg.int({
        required: false,
        description: `Default ${DEFAULT_OVERLAP_MINUTES} (a day), at most ${MAX_OVERLAP_MINUTES}; 0 ends the old secret now.`,
        validate: z.number().int().min(0).max(MAX_OVERLAP_MINUTES, `at most ${MAX_OVERLAP_MINUTES} minutes (7 days)`).optional().nullable(),
      }),
    },
    resolve: (_root, args, ctx) => rotateWebhookSecret(viewerOf(ctx), args.id.id, args.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES),
  }),
);

const DeletedWebhookEndpoint = builder.objectRef<{ id: string }>('DeletedWebhookEndpoint').implement({
  fields: (t) => ({ deletedId: t.id({ resolve: (p) => encodeId('WebhookEndpoint', p.id) }) }),
});

builder.mutationField('deleteWebhookEndpoint', (t) =>
  t.field({
    type: DeletedWebhookEndpoint,
    authScopes: { user: true },
    errors: {},
    description: 'Deletes the endpoint and its deliveries; pending ones are not sent.',
    args: { id: t.arg.globalID({ for: WebhookEndpointRef }) },
    resolve: async (_root, args, ctx) => ({ id: await deleteWebhookEndpoint(viewerOf(ctx), args.id.id) }),
  }),
);

builder.mutationField('testWebhookEndpoint', (t) =>
  t.prismaField({
    type: 'WebhookDelivery',
    authScopes: { user: true },
    errors: {},
    description: 'Sends a signed "webhook.test" event now, once, and returns how the receiver answered (also for a disabled endpoint).',
    args: { id: t.arg.globalID({ for: WebhookEndpointRef }) },
    resolve: (query, _root, args, ctx) => testWebhookEndpoint(viewerOf(ctx), args.id.id, query),
  }),
);

builder.mutationField('redeliverWebhook', (t) =>
  t.prismaField({
    type: 'WebhookEndpoint',
    authScopes: { user: true },
    errors: {},
    description: 'Sends the event of a delivery again (same webhook-id), starting the retry schedule over now. Returns its endpoint.',
    args: { id: t.arg.globalID({ for: WebhookDeliveryRef }) },
    resolve: (query, _root, args, ctx) => redeliverWebhook(viewerOf(ctx), args.id.id, query),
  }),
);
