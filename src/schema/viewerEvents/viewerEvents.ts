import { prisma } from '../../db.js';
import type { WebhookEndpointEvent } from '../../pubsub.js';
import { type ViewerSnapshot, type ViewerStreamItem, viewerEventStream } from '../../resolvers/viewerEvents.js';
import { builder } from '../builder.js';
import { encodeId } from '../globalId.js';
import { PublicationProgressEventRef } from '../publication/progress.js';
import { RenderProgressEvent } from '../render/progress.js';
import { ScriptProgressEventRef } from '../script/progress.js';
import { viewerOf } from '../viewer.js';

const ViewerSnapshotRef = builder.objectRef<ViewerSnapshot>('ViewerSnapshot').implement({
  description: 'The first event: your renders, script generations and publications in flight now, each as its SNAPSHOT (at most 100 of each).',
  fields: (t) => ({
    renders: t.field({ type: [RenderProgressEvent], resolve: (s) => s.renders }),
    scripts: t.field({ type: [ScriptProgressEventRef], resolve: (s) => s.scripts }),
    publications: t.field({ type: [PublicationProgressEventRef], resolve: (s) => s.publications }),
    at: t.field({ type: 'DateTime', resolve: (s) => new Date(s.at) }),
  }),
});

const WebhookEndpointEventKind = builder.enumType('WebhookEndpointEventKind', {
  values: {
    DELIVERY_SUCCEEDED: { description: 'An attempt was answered with a 2xx.' },
    DELIVERY_FAILED: { description: 'An attempt failed; `delivery.retryAt` says whether and when it is retried.' },
    DISABLED: { description: 'The endpoint was disabled (410 Gone, or 5 days of failures); `message` says why.' },
  } as const,
});

const WebhookEndpointEventRef = builder.objectRef<WebhookEndpointEvent>('WebhookEndpointEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: WebhookEndpointEventKind, resolve: (e) => e.kind }),
    endpointId: t.id({ resolve: (e) => encodeId('WebhookEndpoint', e.endpointId) }),
    message: t.exposeString('message', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    endpoint: t.prismaField({
      type: 'WebhookEndpoint',
      nullable: true,
      description: 'Null once deleted.',
      resolve: (query, e) => prisma.webhookEndpoint.findUnique({ ...query, where: { id: e.endpointId } }),
    }),
    delivery: t.prismaField({
      type: 'WebhookDelivery',
      nullable: true,
      resolve: (query, e) => (e.deliveryId ? prisma.webhookDelivery.findUnique({ ...query, where: { id: e.deliveryId } }) : null),
    }),
  }),
});

// What each event is, by the tag it travelled with (the member types see the bare event).
const kinds = new WeakMap<object, ViewerStreamItem['type']>();
const TYPE_OF = {
  snapshot: ViewerSnapshotRef,
  render: RenderProgressEvent,
  script: ScriptProgressEventRef,
  publication: PublicationProgressEventRef,
  webhookEndpoint: WebhookEndpointEventRef,
} as const;

const ViewerEventUnion = builder.unionType('ViewerEvent', {
  description: 'Anything that happens to your renders, scripts, publications and webhook endpoints (more kinds may join: ignore what you do not know).',
  types: [ViewerSnapshotRef, RenderProgressEvent, ScriptProgressEventRef, PublicationProgressEventRef, WebhookEndpointEventRef],
  resolveType: (event) => TYPE_OF[kinds.get(event as object) ?? 'snapshot'],
});

builder.subscriptionField('viewerEvents', (t) =>
  t.field({
    type: ViewerEventUnion,
    authScopes: { user: true },
    description:
      'One subscription per app: first a ViewerSnapshot of your work in flight, then every event of your renders, scripts, publications and webhook endpoints, live. It does not end.',
    subscribe: (_root, _args, ctx) => viewerEventStream(viewerOf(ctx)),
    resolve: (item: ViewerStreamItem) => {
      kinds.set(item.event, item.type);
      return item.event as never;
    },
  }),
);
