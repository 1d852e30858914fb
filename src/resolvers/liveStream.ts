import { Repeater } from '@graphql-yoga/subscription';

/** With no event for this long, re-read the state: a missed final event must not hang a client. */
export const RECHECK_MS = 3_000;

export interface LiveStreamOptions<E> {
  /** The live events (already subscribed, e.g. pubsub.subscribe(...)). */
  live: AsyncIterable<E>;
  /** The current state, read from the database. */
  snapshot(): Promise<E>;
  /** True for the event after which the stream ends. */
  isFinal(event: E): boolean;
  /** What to push when a recheck finds the state final while its live event was missed. */
  finalFromSnapshot(snapshot: E): E;
  recheckMs?: number;
}

/**
 * First the current state, then every live event, ending after a final one. The live iteration
 * starts before the snapshot is read, so nothing falls between the two.
 */
export function liveStream<E>(options: LiveStreamOptions<E>): AsyncIterable<E> {
  const liveIterator = options.live[Symbol.asyncIterator]();
  // Starting the iteration registers the subscription now, before the snapshot is read.
  let pending = liveIterator.next();
  const recheckMs = options.recheckMs ?? RECHECK_MS;

  return new Repeater<E>(async (push, stop) => {
    let done = false;
    void stop.then(() => {
      done = true;
      void liveIterator.return?.();
    });
    try {
      const first = await options.snapshot();
      await push(first);
      if (options.isFinal(first)) return stop();
      while (!done) {
        const timer = new Promise<'recheck'>((resolve) => setTimeout(() => resolve('recheck'), recheckMs).unref());
        const next = await Promise.race([pending, timer, stop.then(() => 'stopped' as const)]);
        if (next === 'stopped') break;
        if (next === 'recheck') {
          const current = await options.snapshot();
          if (options.isFinal(current)) {
            await push(options.finalFromSnapshot(current));
            break;
          }
          continue;
        }
        if (next.done) break;
        pending = liveIterator.next();
        await push(next.value);
        if (options.isFinal(next.value)) break;
      }
      stop();
    } catch (err) {
      stop(err);
    } finally {
      void liveIterator.return?.();
    }
  });
}
