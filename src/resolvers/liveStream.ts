import { Repeater } from '@graphql-yoga/subscription';

/** With no event for this long, re-read the state: a missed final event must not hang a client. */
export const RECHECK_MS = 3_000;
/** Rechecks of the same object within this window share one read (thousands may watch one render). */
const SHARED_READ_MS = 1_000;

export interface LiveStreamOptions<E> {
  /** The live events (already subscribed, e.g. pubsub.subscribe(...)). */
  live: AsyncIterable<E>;
  /** The current state, read from the database. */
  snapshot(): Promise<E>;
  /** Names what snapshot() reads, so concurrent rechecks of many subscribers share one read. */
  snapshotKey?: string;
  /** True for the event after which the stream ends. */
  isFinal(event: E): boolean;
  /** What to push when a recheck finds the state final while its live event was missed. */
  finalFromSnapshot(snapshot: E): E;
  recheckMs?: number;
}

const sharedReads = new Map<string, { at: number; read: Promise<unknown> }>();

/** fn(), or the result of a call for the same key made less than SHARED_READ_MS ago. */
function sharedRead<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!key) return fn();
  const now = Date.now();
  const hit = sharedReads.get(key);
  if (hit && now - hit.at < SHARED_READ_MS) return hit.read as Promise<T>;
  const read = fn();
  sharedReads.set(key, { at: now, read });
  read.catch(() => sharedReads.delete(key));
  // Keep the map small: forget reads that can no longer be shared.
  if (sharedReads.size > 1_000) for (const [k, v] of sharedReads) if (now - v.at >= SHARED_READ_MS) sharedReads.delete(k);
  return read;
}

type Signal<E> = { kind: 'event'; result: IteratorResult<E> } | { kind: 'error'; error: unknown } | { kind: 'recheck' } | { kind: 'stopped' };

/**
 * First the current state, then every live event, ending after a final one. The live iteration
 * starts before the snapshot is read, so nothing falls between the two.
 *
 * Long-lived on purpose with few allocations: one timer per stream (re-armed, never re-created) and
 * no promise races against promises that outlive an event, whose reactions would pile up for as
 * long as the render runs.
 */
export function liveStream<E>(options: LiveStreamOptions<E>): AsyncIterable<E> {
  const liveIterator = options.live[Symbol.asyncIterator]();
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  const snapshot = () => sharedRead(options.snapshotKey, options.snapshot);

  const queue: Signal<E>[] = [];
  let wake: (() => void) | null = null;
  const send = (signal: Signal<E>) => {
    queue.push(signal);
    const w = wake;
    wake = null;
    w?.();
  };
  const nextSignal = async (): Promise<Signal<E>> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  const pull = () =>
    liveIterator.next().then(
      (result) => send({ kind: 'event', result }),
      (error: unknown) => send({ kind: 'error', error }),
    );
  // Starting the iteration registers the subscription now, before the snapshot is read.
  pull();

  return new Repeater<E>(async (push, stop) => {
    const timer = setTimeout(() => send({ kind: 'recheck' }), recheckMs);
    timer.unref();
    void stop.then(() => send({ kind: 'stopped' }));
    try {
      // The first read is this subscriber's own: it must follow its subscription, not precede it.
      const first = await options.snapshot();
      await push(first);
      if (options.isFinal(first)) return;
      timer.refresh();
      for (;;) {
        const signal = await nextSignal();
        if (signal.kind === 'stopped') return;
        if (signal.kind === 'error') throw signal.error;
        if (signal.kind === 'recheck') {
          const current = await snapshot();
          if (options.isFinal(current)) return void (await push(options.finalFromSnapshot(current)));
          timer.refresh();
          continue;
        }
        if (signal.result.done) return;
        pull();
        timer.refresh();
        await push(signal.result.value);
        if (options.isFinal(signal.result.value)) return;
      }
    } catch (err) {
      stop(err);
    } finally {
      clearTimeout(timer);
      void liveIterator.return?.();
      // After stop(err) this does nothing: a repeater stops once.
      stop();
    }
  });
}
