import type { Redis } from 'ioredis';
import { bumpGenerations, closeGenerations } from './cache/generations.js';
import { type ChannelSubscription, createChannelHub } from './channels.js';
import { env } from './config.js';
import { logger } from './logger.js';
import { createRedis } from './redis.js';

/** A render's live event. Small on purpose: subscribers reload details from the database. */
export interface RenderEvent {
  renderId: string;
  kind: 'STAGE_STARTED' | 'STAGE_PROGRESS' | 'STAGE_FINISHED' | 'STAGE_FAILED' | 'RENDER_STATUS';
  /** The stage's row id, for stage events. */
  stageId: string | null;
  stageName: string | null;
  /** The stage's (or the render's, for RENDER_STATUS) status after this event. */
  status: string;
  /** The render's weighted progress 0–1. */
  progress: number;
  /** Milliseconds since the stage (or render) started. */
  elapsedMs: number | null;
  at: string;
}

/** A script generation's live event (generateScript). */
export interface ScriptEvent {
  scriptId: string;
  kind: 'STARTED' | 'WRITER_FAILED' | 'RETRYING' | 'SCRIPT_STATUS';
  /** The script's status after this event. */
  status: string;
  /** The writer concerned, e.g. "gemini:gemini-2.5-flash+search". */
  writer: string | null;
  /** Why a writer failed (no secrets), or the failure reason of a FAILED script. */
  message: string | null;
  /** Milliseconds since the generation started. */
  elapsedMs: number | null;
  at: string;
}

/** A publication's live event (publishRender): a status change or upload progress. */
export interface PublicationEvent {
  publicationId: string;
  kind: 'STATUS' | 'UPLOAD_PROGRESS';
  /** The publication's status after this event. */
  status: string;
  /** Share of the bytes YouTube confirmed, 0–1. */
  progress: number;
  bytesConfirmed: number;
  at: string;
}

/** Something that happened to one of a user's webhook endpoints. */
export interface WebhookEndpointEvent {
  endpointId: string;
  kind: 'DELIVERY_SUCCEEDED' | 'DELIVERY_FAILED' | 'DISABLED';
  /** The attempt concerned (WebhookDelivery row), for delivery events. */
  deliveryId: string | null;
  /** Why it failed or was disabled. */
  message: string | null;
  at: string;
}

/** Everything one user's apps hear on viewerEvents, tagged by what it is about. */
export type ViewerEvent =
  | { type: 'render'; event: RenderEvent }
  | { type: 'script'; event: ScriptEvent }
  | { type: 'webhookEndpoint'; event: WebhookEndpointEvent }
  | { type: 'publication'; event: PublicationEvent };

type Topics = {
  renderProgress: [renderId: string, event: RenderEvent];
  scriptProgress: [scriptId: string, event: ScriptEvent];
  publicationProgress: [publicationId: string, event: PublicationEvent];
  /** Per user: every event of their renders, scripts, publications and webhook endpoints. */
  viewerEvents: [userId: string, event: ViewerEvent];
};
type Topic = keyof Topics;

export interface PubSub {
  publish<T extends Topic>(topic: T, id: string, event: Topics[T][1]): Promise<number>;
  /** The topic's events from now on; `ready` resolves once Redis confirmed the subscription. */
  subscribe<T extends Topic>(topic: T, id: string): ChannelSubscription<Topics[T][1]>;
}

let instance: { pubsub: PubSub; clients: Redis[] } | null = null;

/**
 * Typed topics on Redis pub/sub, so every API replica and worker sees the same events.
 * Channels carry the deployment prefix: `<REDIS_PREFIX>:<topic>:<id>`. One Redis subscription per
 * channel and process, each message decoded once for all of its local subscribers.
 */
export function getPubSub(): PubSub {
  if (!instance) {
    const publishClient = createRedis('publisher');
    const subscribeClient = createRedis('subscriber');
    const hub = createChannelHub(subscribeClient);
    const channel = (topic: Topic, id: string) => `${env.REDIS_PREFIX}:${topic}:${id}`;
    const pubsub: PubSub = {
      // Returns Redis's promise: a rejection nobody handles (Redis down) would end the process.
      publish: (topic, id, event) => publishClient.publish(channel(topic, id), JSON.stringify(event)),
      subscribe: (topic, id) => hub.subscribe(channel(topic, id)),
    };
    instance = { pubsub, clients: [publishClient, subscribeClient] };
  }
  return instance.pubsub;
}

/**
 * Sends an event and returns at once. Events are best-effort (the database rows are the truth), and
 * a Redis outage must neither hold up the sender nor, as an unhandled rejection, end its process.
 * One connection sends them, so they arrive in order.
 */
export function publishEvent<T extends Topic>(topic: T, id: string, event: Topics[T][1]): void {
  const failed = (err: unknown) => logger.warn({ err, topic, id }, 'could not publish an event');
  const send = () => {
    try {
      void getPubSub().publish(topic, id, event).catch(failed);
    } catch (err) {
      failed(err);
    }
  };
  if (topic !== 'viewerEvents') {
    send();
    return;
  }
  // Something of this user changed outside a mutation (a worker's stage, a generation, an upload):
  // their cached answers go first, so an app that refetches on the event reads the change. A
  // render's status change may add it to or take it from the public feed.
  const e = event as ViewerEvent;
  void bumpGenerations([id], e.type === 'render' && e.event.kind === 'RENDER_STATUS').then(send);
}

export async function closePubSub(): Promise<void> {
  // The cache's connection too: it is this process's other Redis messaging (generation bumps).
  await closeGenerations();
  if (!instance) return;
  const { clients } = instance;
  instance = null;
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
}
