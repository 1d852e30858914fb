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
  return new LiveStream(options);
}

/** The timer's callback, shared by every stream (setTimeout hands it the stream). */
function fireRecheck(stream: LiveStream<unknown>): void {
  stream.recheckDue = true;
  stream.poke();
}

/**
 * A class rather than closures over the stream's state: thousands of idle subscribers each hold
 * one, and tsx (esbuild's keepNames) gives every named closure its own `name` property, which
 * costs ~0.3 KB each; a class holds its state in one object and its methods once.
 */
class LiveStream<E> implements AsyncIterableIterator<E> {
  private readonly live: LiveStreamOptions<E>['live'];
  private readonly recheckMs: number;
  private arrival: { ok: true; result: IteratorResult<E> } | { ok: false; error: unknown } | null = null;
  private pulling = false;
  recheckDue = false;
  private started = false;
  private finished = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: LiveStreamOptions<E>) {
    this.live = options.live;
    this.recheckMs = options.recheckMs ?? RECHECK_MS;
  }

  next(): Promise<IteratorResult<E>> {
    if (this.finished) return Promise.resolve(DONE);
    // The usual case during a burst, without produce()'s bookkeeping: a live event is waiting.
    if (this.started && !this.arrival && !this.pulling && !this.recheckDue && this.live.queued?.())
      return this.live.next().then(
        (result) => this.afterLive(result),
        (error: unknown) => {
          this.finish();
          throw error;
        },
      );
    return this.produce();
  }

  return(): Promise<IteratorResult<E>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private pull(): void {
    this.pulling = true;
    this.live.next().then(
      (result) => {
        this.pulling = false;
        this.arrival = { ok: true, result };
        this.poke();
      },
      (error: unknown) => {
        this.pulling = false;
        this.arrival = { ok: false, error };
        this.poke();
      },
    );
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    void this.live.return?.();
    this.poke();
  }

  private armRecheck(): void {
    if (this.timer) return void this.timer.refresh();
    this.timer = setTimeout(fireRecheck, this.recheckMs, this);
    this.timer.unref();
  }

  /** What a live event does to the stream (the recheck waits again; a final event ends it). */
  private afterLive(result: IteratorResult<E>): IteratorResult<E> {
    if (result.done) {
      this.finish();
      return DONE;
    }
    this.armRecheck();
    if (this.options.isFinal(result.value)) this.finish();
    return result;
  }

  private async produce(): Promise<IteratorResult<E>> {
    const { options } = this;
    if (!this.started) {
      this.started = true;
      // The first read is this subscriber's own: it must follow its subscription, not precede it.
      let first = options.first;
      if (first === undefined) {
        await this.live.ready;
        first = await options.snapshot();
      }
      if (this.finished) return DONE;
      if (options.isFinal(first)) this.finish();
      else this.armRecheck();
      return { value: first, done: false };
    }
    for (;;) {
      if (this.finished) return DONE;
      const a = this.arrival;
      if (a) {
        this.arrival = null;
        if (!a.ok) {
          this.finish();
          throw a.error;
        }
        return this.afterLive(a.result);
      }
      if (this.recheckDue) {
        this.recheckDue = false;
        const current = await sharedRead(options.snapshotKey, options.snapshot);
        if (this.finished) return DONE;
        if (options.isFinal(current)) {
          this.finish();
          return { value: options.finalFromSnapshot(current), done: false };
        }
        this.armRecheck();
        continue;
      }
      if (!this.pulling) this.pull();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
