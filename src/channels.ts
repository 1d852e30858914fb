// One Redis subscription per channel, each message decoded once and handed to every local
// subscriber of that channel as the same (frozen) object, in the order Redis sent them.
//
// Why not @graphql-yoga/redis-event-target: it does not wait for SUBSCRIBE to be confirmed (a
// snapshot read "after subscribing" could precede the subscription, and events between the two
// were lost), and its subscribers were unbounded Repeaters whose 1,025th pending push throws out of
// the dispatch loop, taking the event from every subscriber after the slow one.
import type { Redis } from 'ioredis';
import { env } from './config.js';
import { logger } from './logger.js';

/** How long subscribe() waits for Redis to confirm before going on without (Redis down: see liveStream's recheck). */
const CONFIRM_MS = 2_000;

/** The subscriber did not keep up: its subscription ended rather than buffering without bound. */
export class SlowSubscriberError extends Error {
  constructor(readonly queued: number) {
    super(`Subscriber too slow: more than ${queued} events waiting; subscribe again to resume from the current state`);
    this.name = 'SlowSubscriberError';
  }
}

interface Listener {
  deliver(event: unknown): void;
}

/** One subscriber's bounded queue of a channel's events, read as an async iterator. */
export class ChannelSubscription<E> implements AsyncIterableIterator<E> {
  private queue: E[] = [];
  private head = 0;
  private waiting: { resolve(r: IteratorResult<E>): void; reject(e: unknown): void } | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    /** Resolves once Redis confirmed the channel's subscription (or gave up waiting). */
    readonly ready: Promise<void>,
    private readonly leave: (l: Listener) => void,
    private readonly limit: number,
  ) {}

  deliver(event: E): void {
    if (this.closed) return;
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w.resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (this.queue.length - this.head > this.limit) {
      this.failure = new SlowSubscriberError(this.limit);
      this.end();
    }
  }

  /** Whether next() would answer at once with an event. */
  queued(): boolean {
    return this.head < this.queue.length;
  }

  next(): Promise<IteratorResult<E>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++]!;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      const err = this.failure;
      this.failure = null;
      return Promise.reject(err);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<E>> {
    this.failure = null;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.head = 0;
    this.leave(this);
    const w = this.waiting;
    this.waiting = null;
    if (!w) return;
    if (this.failure) {
      w.reject(this.failure);
      this.failure = null;
    } else w.resolve({ value: undefined, done: true });
  }
}

export interface ChannelHub {
  subscribe<E>(channel: string): ChannelSubscription<E>;
  /** Local subscribers of a channel (tests, diagnostics). */
  listeners(channel: string): number;
}

/**
 * Fans the messages of `client` (a connection used only for SUBSCRIBE) out to local subscribers.
 * `limit`: events a subscriber may have waiting (LIVE_QUEUE_LIMIT); past it, it is too slow and its
 * subscription ends.
 */
export function createChannelHub(client: Redis, limit = env.LIVE_QUEUE_LIMIT): ChannelHub {
  const channels = new Map<string, { listeners: Set<Listener>; confirmed: Promise<void> }>();
  client.on('message', (channel: string, message: string) => {
    const entry = channels.get(channel);
    if (!entry) return;
    let event: unknown;
    try {
      event = message === '' ? null : Object.freeze(JSON.parse(message));
    } catch (err) {
      logger.warn({ err, channel }, 'dropped an undecodable pub/sub message');
      return;
    }
    // deliver() never throws: a slow subscriber is ended, the others still get the event.
    for (const l of entry.listeners) l.deliver(event);
  });
  return {
    subscribe<E>(channel: string) {
      let entry = channels.get(channel);
      if (!entry) {
        const confirmed = client.subscribe(channel).then(
          () => undefined,
          (err: unknown) => logger.warn({ err, channel }, 'could not subscribe to a pub/sub channel'),
        );
        entry = { listeners: new Set(), confirmed };
        channels.set(channel, entry);
      }
      const e = entry;
      let timer: NodeJS.Timeout | undefined;
      const ready = Promise.race([e.confirmed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CONFIRM_MS)))]).finally(() => clearTimeout(timer));
      const sub = new ChannelSubscription<E>(
        ready,
        (l) => {
          e.listeners.delete(l);
          if (e.listeners.size > 0 || channels.get(channel) !== e) return;
          channels.delete(channel);
          client.unsubscribe(channel).catch((err: unknown) => logger.warn({ err, channel }, 'could not unsubscribe from a pub/sub channel'));
        },
        limit,
      );
      e.listeners.add(sub);
      return sub;
    },
    listeners: (channel) => channels.get(channel)?.listeners.size ?? 0,
  };
}
