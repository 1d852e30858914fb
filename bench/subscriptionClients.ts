// Child process of bench/subscriptions.ts: many WebSocket clients in one process, driven over IPC.
// `graphql` clients are graphql-ws createClient (ws, lazy: false, retryAttempts: 0), one
// subscription each (the parent's query: renderProgress or viewerEvents), ready once its snapshot
// arrived. `relay` clients are bare `ws` sockets on their channel (ready when open) that parse each
// frame as the graphql-ws client does.
//
// Receive times are process.hrtime (CLOCK_MONOTONIC, one clock for every process of the machine,
// ns resolution), taken first thing in the handler. Event n carries n in `elapsedMs`; the parent
// keeps the send time of each n, so latency = receive − send needs no wall clock (the parent checks
// the clocks agree over IPC before each run).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** What one client watches (see bench/subscriptions.ts). */
interface Target {
  key: string;
  id: string | null;
  channel: string;
}
type Event = { __typename?: string; kind?: string; elapsedMs?: number | null };
const eventOf = (data: Record<string, Event> | null | undefined): Event | undefined => (data ? Object.values(data)[0] : undefined);
const isSnapshot = (e: Event | undefined) => e?.kind === 'SNAPSHOT' || e?.__typename === 'ViewerSnapshot';

interface Live {
  close(): void;
}

let live: Live[] = [];
let recv: Float64Array | null = null;
let events = 0;
const counts = { received: 0, unexpected: 0, errors: 0, completed: 0 };
let firstFrame = '';

function record(slot: number, seq: unknown, t: number) {
  if (!recv || typeof seq !== 'number' || seq < 0 || seq >= events || slot >= live.length) {
    counts.unexpected++;
    return;
  }
  const i = seq * live.length + slot;
  if (Number.isNaN(recv[i]!)) counts.received++;
  recv[i] = t;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function connectGraphql(url: string, query: string, { key, id }: Target): Promise<void> {
  const slot = live.length;
  let client: Client;
  const ready = new Promise<void>((resolve, reject) => {
    client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: (err) => {
        counts.errors++;
        reject(err instanceof Error ? err : new Error(`connection closed: ${(err as { code?: number })?.code ?? String(err)}`));
      },
    });
    let first = true;
    client.subscribe<Record<string, Event>>(
      { query, variables: id ? { id } : {} },
      {
        next: (value) => {
          const t = now();
          const e = eventOf(value.data);
          if (first) {
            first = false;
            if (isSnapshot(e)) resolve();
            else reject(new Error(`first event is not a SNAPSHOT: ${JSON.stringify(value).slice(0, 300)}`));
            return;
          }
          if (!firstFrame) firstFrame = JSON.stringify({ id: '6f1c3a52-0d4e-4b8a-9a57-3f2b9c1e7d40', type: 'next', payload: value });
          record(slot, e?.elapsedMs, t);
        },
        error: (err) => {
          counts.errors++;
          reject(err instanceof Error ? err : new Error(JSON.stringify(err).slice(0, 300)));
        },
        complete: () => {
          counts.completed++;
          if (first) reject(new Error('completed before its snapshot'));
        },
      },
    );
  });
  live.push({ close: () => void client.dispose() });
  return ready;
}

function connectRelay(url: string, { channel }: Target): Promise<void> {
  const slot = live.length;
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}?channel=${encodeURIComponent(channel)}`);
  live.push({ close: () => ws.terminate() });
  ws.on('message', (data) => {
    const t = now();
    const text = data.toString();
    if (!firstFrame) firstFrame = text;
    const m = JSON.parse(text) as { payload?: { data?: Record<string, Event> } };
    record(slot, eventOf(m.payload?.data)?.elapsedMs, t);
  });
  ws.on('close', () => counts.completed++);
  return new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (err) => {
      counts.errors++;
      reject(err);
    });
  });
}

type Handler = (args: Record<string, unknown>) => unknown;
const handlers: Record<string, Handler> = {
  clock: () => now(),
  /** CPU time of this process so far (ms). */
  cpu: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
  /** Opens `count` more clients at once; resolves when all are subscribed (or open, for relay). */
  connect: async (a) => {
    const { mode, url, query, targets, count, timeoutMs } = a as {
      mode: 'graphql' | 'relay';
      url: string;
      query: string;
      targets: Target[];
      count: number;
      timeoutMs: number;
    };
    const started = live.length;
    const all: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const n = started + i;
      const target = targets[n % targets.length]!;
      all.push(mode === 'graphql' ? connectGraphql(url, query, target) : connectRelay(url, target));
    }
    const results = await withTimeout(Promise.allSettled(all), timeoutMs, `connecting ${count} ${mode} clients`);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new Error(`${failed.length}/${count} clients failed, first: ${String(failed[0]!.reason?.message ?? failed[0]!.reason)}`);
    return live.length;
  },
  /** From now on, event n (0 ≤ n < events) is recorded per client. */
  arm: (a) => {
    events = a.events as number;
    recv = new Float64Array(events * live.length).fill(Number.NaN);
    counts.received = 0;
    counts.unexpected = 0;
    return live.length;
  },
  status: () => ({ ...counts, clients: live.length }),
  collect: () => ({ recv, clients: live.length, frameBytes: Buffer.byteLength(firstFrame) }),
  closeAll: async () => {
    for (const c of live) c.close();
    live = [];
    recv = null;
    firstFrame = '';
    counts.completed = 0;
    counts.errors = 0;
    await new Promise((r) => setTimeout(r, 200));
    return null;
  },
};

process.on('message', (raw) => {
  const { id, cmd, ...args } = raw as { id: number; cmd: string } & Record<string, unknown>;
  Promise.resolve()
    .then(() => {
      const h = handlers[cmd];
      if (!h) throw new Error(`unknown command ${cmd}`);
      return h(args);
    })
    .then(
      (result) => process.send!({ id, result }),
      (err: unknown) => process.send!({ id, error: String((err as Error)?.stack ?? err) }),
    );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
