/** With no event for this long, re-read the state: a missed final event must not hang a client. */
export const RECHECK_MS = 3_000;
/** Rechecks of the same object within this window share one read (thousands may watch one render). */
const SHARED_READ_MS = 1_000;

export interface LiveStreamOptions<E> {
  /** The live events, already subscribed (pubsub.subscribe(...)); `ready` once Redis confirmed it. */
  live: AsyncIterator<E> & { ready?: Promise<void>; queued?(): boolean };
  /** The current state, read from the database. */
  snapshot(): Promise<E>;
  /** The first snapshot, when the caller already read it after `live.ready` (saves a read). */
  first?: E;
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

const DONE: IteratorResult<never> = Object.freeze({ value: undefined, done: true });

/**
 * First the current state, then every live event, ending after a final one. The snapshot is read
 * once the live subscription is confirmed, so nothing falls between the two.
 *
 * A plain iterator rather than a Repeater: this runs once per subscriber per event, and the
 * Repeater's eight promises per push were most of the fan-out's cost and garbage. One timer per
 * stream (re-armed, never re-created), at most one pending read of the live iterator, no promise
 * races whose reactions would pile up for as long as the render runs.
 */
export function liveStream<E>(options: LiveStreamOptions<E>): AsyncIterableIterator<E> {
  const { live } = options;
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  const snapshot = () => sharedRead(options.snapshotKey, options.snapshot);

  let arrival: { ok: true; result: IteratorResult<E> } | { ok: false; error: unknown } | null = null;
  let pulling = false;
  let recheckDue = false;
  let started = false;
  let finished = false;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const pull = () => {
    pulling = true;
    live.next().then(
      (result) => {
        pulling = false;
        arrival = { ok: true, result };
        poke();
      },
      (error: unknown) => {
        pulling = false;
        arrival = { ok: false, error };
        poke();
      },
    );
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    void live.return?.();
    poke();
  };
  const armRecheck = () => {
    if (timer) return void timer.refresh();
    timer = setTimeout(() => {
      recheckDue = true;
      poke();
    }, recheckMs);
    timer.unref();
  };

  /** What a live event does to the stream (the recheck waits again; a final event ends it). */
  const afterLive = (result: IteratorResult<E>): IteratorResult<E> => {
    if (result.done) {
      finish();
      return DONE;
    }
    armRecheck();
    if (options.isFinal(result.value)) finish();
    return result;
  };

  async function produce(): Promise<IteratorResult<E>> {
    if (!started) {
      started = true;
      // The first read is this subscriber's own: it must follow its subscription, not precede it.
      let first = options.first;
      if (first === undefined) {
        await live.ready;
        first = await options.snapshot();
      }
      if (finished) return DONE;
      if (options.isFinal(first)) finish();
      else armRecheck();
      return { value: first, done: false };
    }
    for (;;) {
      if (finished) return DONE;
      const a = arrival;
      if (a) {
        arrival = null;
        if (!a.ok) {
          finish();
          throw a.error;
        }
        return afterLive(a.result);
      }
      if (recheckDue) {
        recheckDue = false;
        const current = await snapshot();
        if (finished) return DONE;
        if (options.isFinal(current)) {
          finish();
          return { value: options.finalFromSnapshot(current), done: false };
        }
        armRecheck();
        continue;
      }
      if (!pulling) pull();
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  return {
    next: () => {
      if (finished) return Promise.resolve(DONE);
      // The usual case during a burst, without produce()'s bookkeeping: a live event is waiting.
      if (started && !arrival && !pulling && !recheckDue && live.queued?.())
        return live.next().then(afterLive, (error: unknown) => {
          finish();
          throw error;
        });
      return produce();
    },
    return: () => {
      finish();
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
