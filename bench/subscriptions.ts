// npm run bench:subscriptions — N graphql-ws clients (1,000 then 5,000; SUBS_SIZES to change)
// subscribed to `renderProgress` while events are published through
// getPubSub().publish('renderProgress', …) as src/jobs/stages.ts does: first 10 paced at 2/s (each
// event's fan-out ends before the next: the latency of one fan-out), then a burst of 50 at 20/s
// (events overlap: does the server keep up?). Prints p50/p99 publish→receive latency over every
// (client, event) pair, CPU per delivered message, the server's memory per idle subscriber and
// subscribe throughput, next to a bare `ws` relay (same Redis channel, same clients, same frame
// size) as the baseline. Goals at 5,000 (issue 12), as ratios to the relay: paced p99 ≤ 1.5×, burst
// p99 ≤ 2×, server CPU per delivered message ≤ 2×, subscribe throughput ≥ 0.5×; no delivery
// missing; ≤ 8 KB of heap per idle subscriber.
//
// Processes: this one seeds the database and publishes; the server under test runs alone in a
// child (bench/subscriptionServer.ts, --expose-gc) so memory deltas are its own; the clients run in
// SUBS_CLIENT_PROCS children (bench/subscriptionClients.ts).
//
// Mixes (SUBS_MIXES, all three by default): `hot`, every subscriber on `renderProgress` of one
// render; `spread`, subscribers round-robin over SUBS_SPREAD_RENDERS renders (1,000: a few devices
// per render); `viewer`, `viewerEvents` subscribers round-robin over SUBS_VIEWERS users (1,000), each
// with its own API key. Each event goes to every render (or user), so every client gets every event.
//
// Latency: event n carries n in `elapsedMs` (an Int, so it cannot hold a timestamp); this process
// notes process.hrtime just before publishing n, the clients note it as their handler starts.
// hrtime is CLOCK_MONOTONIC, one clock for all processes of a machine, so receive − send is exact to
// the microsecond; the offset between processes is checked over IPC (NTP-style, least-RTT ping)
// and printed. Latency includes Redis, the server, the loopback and the client's own parsing.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { deleteRedisKeys, dropSchema, isolate } from './isolation.js';

const { schema, scratch } = await isolate('subscriptions');
process.env.DEMO_RENDER = 'false';
// Every subscribe still passes the per-key limiter (one Redis call), but 5,000 subscriptions on one
// bench key must not be refused.
process.env.RATE_LIMIT ??= 'none';

const SIZES = (process.env.SUBS_SIZES ?? '1000,5000').split(',').map(Number);
const EVENTS = Number(process.env.SUBS_EVENTS ?? 50);
const RATE = Number(process.env.SUBS_RATE ?? 20); // events per second
const PACED_EVENTS = Number(process.env.SUBS_PACED_EVENTS ?? 10);
const PACED_RATE = Number(process.env.SUBS_PACED_RATE ?? 2);
const BATCH = Number(process.env.SUBS_BATCH ?? 250); // subscriptions opened at once (all client processes)
const CLIENT_PROCS = Number(process.env.SUBS_CLIENT_PROCS ?? 2);
const MIXES = (process.env.SUBS_MIXES ?? 'hot,spread,viewer').split(',') as Mix[];
const SPREAD_RENDERS = Number(process.env.SUBS_SPREAD_RENDERS ?? 1000);
const VIEWERS = Number(process.env.SUBS_VIEWERS ?? 1000);
type Mix = 'hot' | 'spread' | 'viewer';
const QUERIES: Record<Mix, string> = {
  hot: `subscription Progress($id: ID!) {
  renderProgress(renderId: $id) { kind renderId stageName status progress elapsedMs at }
}`,
  spread: `subscription Progress($id: ID!) {
  renderProgress(renderId: $id) { kind renderId stageName status progress elapsedMs at }
}`,
  viewer: `subscription Events {
  viewerEvents { __typename ... on RenderProgressEvent { kind renderId stageName status progress elapsedMs at } }
}`,
};
/** What one subscriber watches: its credential, the subscription's variable, and the Redis channel. */
interface Target {
  key: string;
  id: string | null;
  channel: string;
}
/** One mix: its subscribers' targets, and what to publish for each event (one per render or user). */
interface Seed {
  mix: Mix;
  targets: Target[];
  publishTo: Array<{ topic: 'renderProgress' | 'viewerEvents'; id: string; renderId: string }>;
}
const IDLE_WINDOW_MS = 6_500; // > 2 × liveStream's 3 s recheck
const WARMUP = 100;
const DEADLINE_MS = 25 * 60_000;
/** Diagnostics: CPU profiles of the server per phase (ramp, paced, burst) and heap snapshots before/with N. */
const PROFILE_DIR = process.env.SUBS_PROFILE_DIR;
/** Extra Node flags for the server process under test, e.g. "--max-semi-space-size=64". */
const SERVER_FLAGS = (process.env.SUBS_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KB = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const MB = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A child process answering `{ id, cmd }` messages over IPC. */
class Child {
  readonly proc: ChildProcess;
  readonly ready: Promise<unknown>;
  private seq = 0;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(
    readonly name: string,
    file: string,
    args: string[],
    execArgv: string[],
  ) {
    this.proc = fork(fileURLToPath(new URL(file, import.meta.url)), args, {
      execArgv: ['--import', 'tsx', ...execArgv],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let onReady: (v: unknown) => void;
    let onFail: (e: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      onReady = resolve;
      onFail = reject;
    });
    const readyTimer = setTimeout(() => onFail(new Error(`${name}: not ready in 60 s`)), 60_000);
    this.proc.on('message', (raw) => {
      const m = raw as { ready?: unknown; id?: number; result?: unknown; error?: string };
      if (m.ready !== undefined) {
        clearTimeout(readyTimer);
        onReady(m.ready);
        return;
      }
      const p = this.pending.get(m.id!);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(`${name}: ${m.error}`));
      else p.resolve(m.result);
    });
    this.proc.on('exit', (code, signal) => {
      clearTimeout(readyTimer);
      const err = new Error(`${name} exited (${code ?? signal})`);
      onFail(err);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.send({ id, cmd, ...args });
    });
  }

  /** Asks it to close (bounded), then ends it by its pid. */
  async stop(closeCmd?: string): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    if (closeCmd) await this.call(closeCmd, {}, 15_000).catch(() => {});
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    await Promise.race([exited, sleep(3_000)]);
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }

  maxOpenFiles(): string {
    try {
      return (
        /^Max open files\s+(\S+)\s+(\S+)/m
          .exec(readFileSync(`/proc/${this.proc.pid}/limits`, 'utf8'))
          ?.slice(1)
          .join('/') ?? '?'
      );
    } catch {
      return '?';
    }
  }
}

// Everything started is stopped, and the schema and Redis keys dropped, whatever happens.
const children = new Set<Child>();
let cleaned: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    await Promise.all([...children].map((c) => c.stop().catch(() => {})));
    try {
      const { closePubSub } = await import('../src/pubsub.js');
      await closePubSub();
    } catch {}
    try {
      const { prisma } = await import('../src/db.js');
      await prisma.$disconnect();
    } catch {}
    await dropSchema(schema);
    await deleteRedisKeys();
    await rm(scratch, { recursive: true, force: true });
  })();
  return cleaned;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
const deadline = setTimeout(() => {
  console.error(`benchmark still running after ${DEADLINE_MS / 60_000} min: stopping`);
  void cleanup().finally(() => process.exit(1));
}, DEADLINE_MS);
deadline.unref();

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface Phase {
  events: number;
  rate: number;
  latencies: Float64Array;
  /** Per event: when its last client got it (the fan-out's end). */
  lastArrival: Float64Array;
  missing: number;
  server: { cpuMs: number; gcMs: { minor: number; major: number; incremental: number; weak: number }; loopDelayP99Ms: number; loopDelayMaxMs: number };
  clientCpuMs: number;
}

interface RunResult {
  mode: 'graphql' | 'relay';
  n: number;
  rampMs: number;
  firstBatchRate: number;
  lastBatchRate: number;
  before: Memory;
  after: Memory;
  afterIdle: Memory;
  afterEvents: Memory;
  queriesPerSub: number;
  idleQueriesPerSec: number;
  paced: Phase;
  burst: Phase;
  frameBytes: number;
  clockOffsetMs: number;
  clockRttMs: number;
  maxFiles: string;
  loadBefore: string;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Least-RTT IPC ping: the other process's monotonic clock minus ours (0 on one machine). */
async function clockOffset(child: Child): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 20; i++) {
    const t0 = now();
    const tc = await child.call<number>('clock');
    const t1 = now();
    if (t1 - t0 < best.rtt) best = { offset: tc - (t0 + t1) / 2, rtt: t1 - t0 };
  }
  return best;
}

const { migrate } = await import('../src/migrate.js');
await migrate(process.env.DATABASE_URL!, schema);
const { prisma } = await import('../src/db.js');
const { getPubSub } = await import('../src/pubsub.js');
const { newApiKey } = await import('../src/auth/apiKeys.js');
const { encodeId } = await import('../src/schema/globalId.js');
const { env } = await import('../src/config.js');

async function run(mode: 'graphql' | 'relay', n: number, seed: Seed): Promise<RunResult> {
  const loadBefore = load();
  const server = new Child(`${mode} server`, './subscriptionServer.ts', mode === 'relay' ? [mode, `${env.REDIS_PREFIX}:*`] : [mode], [
    '--expose-gc',
    ...SERVER_FLAGS,
  ]);
  children.add(server);
  const clients = Array.from({ length: CLIENT_PROCS }, (_, i) => new Child(`clients ${i}`, './subscriptionClients.ts', [], []));
  for (const c of clients) children.add(c);
  const profile = async <T>(phase: string, body: () => Promise<T>): Promise<T> => {
    if (PROFILE_DIR) await server.call('profileStart');
    const result = await body();
    if (PROFILE_DIR) console.log(`cpu profile: ${await server.call('profileStop', { path: `${PROFILE_DIR}/${mode}-${n}-${phase}.cpuprofile` }, 60_000)}`);
    return result;
  };
  try {
    const url = (await server.ready) as string;
    await Promise.all(clients.map((c) => c.ready));
    const connect = (count: number) =>
      Promise.all(
        clients.map((c, i) => {
          const share = Math.floor(count / clients.length) + (i < count % clients.length ? 1 : 0);
          return share === 0
            ? null
            : c.call('connect', { mode, url, query: QUERIES[seed.mix], targets: seed.targets, count: share, timeoutMs: 90_000 }, 100_000);
        }),
      );

    // Warm up code paths and caches (parse/validate cache, JIT, pools), then forget those clients.
    await connect(WARMUP);
    await Promise.all(clients.map((c) => c.call('closeAll')));
    await sleep(1_000);
    const before = await server.call<Memory>('memory');
    if (PROFILE_DIR) await server.call('heapSnapshot', { path: `${PROFILE_DIR}/${mode}-${n}-before.heapsnapshot` }, 120_000);
    const q0 = await server.call<number>('queries');

    // Ramp up in batches; every subscription is live (SNAPSHOT received) before the next batch.
    const rampStart = now();
    const rates: number[] = [];
    await profile('ramp', async () => {
      for (let done = 0; done < n; ) {
        const count = Math.min(BATCH, n - done);
        const t = now();
        await connect(count);
        rates.push(count / ((now() - t) / 1000));
        done += count;
      }
    });
    const rampMs = now() - rampStart;
    const q1 = await server.call<number>('queries');
    await sleep(1_000);
    const after = await server.call<Memory>('memory');
    if (PROFILE_DIR) await server.call('heapSnapshot', { path: `${PROFILE_DIR}/${mode}-${n}.heapsnapshot` }, 120_000);

    // Idle: what do N subscribers cost the database while nothing happens?
    let idleQueriesPerSec = 0;
    if (mode === 'graphql') {
      const i0 = await server.call<number>('queries');
      await sleep(IDLE_WINDOW_MS);
      idleQueriesPerSec = ((await server.call<number>('queries')) - i0) / (IDLE_WINDOW_MS / 1000);
    }
    const afterIdle = mode === 'graphql' ? await server.call<Memory>('memory') : after;

    const clocks = await Promise.all(clients.map((c) => clockOffset(c)));
    const pubsub = getPubSub();
    const stageId = randomUUID();

    /** Publishes `events` events at `rate`/s, exactly as stages.ts publishes, and collects every arrival. */
    const phase = (name: string, events: number, rate: number) =>
      profile(name, async (): Promise<Phase> => {
        await Promise.all(clients.map((c) => c.call('arm', { events })));
        const cpu0 = await Promise.all(clients.map((c) => c.call<number>('cpu')));
        await server.call('windowStart');
        const sentAt = new Float64Array(events);
        const start = now() + 50;
        for (let seq = 0; seq < events; seq++) {
          const wait = start + (seq * 1000) / rate - now();
          if (wait > 0) await sleep(wait);
          const at = new Date().toISOString();
          sentAt[seq] = now();
          for (const { topic, id, renderId } of seed.publishTo) {
            const event = {
              renderId,
              kind: 'STAGE_PROGRESS' as const,
              stageId,
              stageName: 'segment:0',
              status: 'RUNNING',
              progress: seq / events,
              elapsedMs: seq,
              at,
            };
            if (topic === 'renderProgress') void pubsub.publish(topic, id, event);
            else void pubsub.publish(topic, id, { type: 'render', event });
          }
        }
        // Wait (bounded) until every client has every event.
        const waitUntil = now() + 60_000;
        for (;;) {
          const statuses = await Promise.all(clients.map((c) => c.call<{ received: number }>('status', {}, 60_000)));
          if (statuses.reduce((sum, x) => sum + x.received, 0) >= events * n || now() > waitUntil) break;
          await sleep(50);
        }
        const serverWindow = await server.call<Phase['server']>('windowStop');
        const cpu1 = await Promise.all(clients.map((c) => c.call<number>('cpu')));
        const latencies: number[] = [];
        const lastArrival = new Float64Array(events).fill(Number.NEGATIVE_INFINITY);
        let missing = 0;
        for (const [i, c] of clients.entries()) {
          const { recv, clients: k } = await c.call<{ recv: Float64Array; clients: number }>('collect', {}, 60_000);
          const offset = clocks[i]!.offset;
          for (let seq = 0; seq < events; seq++) {
            for (let slot = 0; slot < k; slot++) {
              const t = recv[seq * k + slot]!;
              if (Number.isNaN(t)) {
                missing++;
                continue;
              }
              const l = t - offset - sentAt[seq]!;
              latencies.push(l);
              if (l > lastArrival[seq]!) lastArrival[seq] = l;
            }
          }
        }
        return {
          events,
          rate,
          latencies: Float64Array.from(latencies).sort(),
          lastArrival: lastArrival.filter(Number.isFinite).sort(),
          missing,
          server: serverWindow,
          clientCpuMs: cpu1.reduce((sum, x, i) => sum + x - cpu0[i]!, 0),
        };
      });

    // First paced (each fan-out ends before the next event: latency = one event's fan-out), then
    // the burst (events overlap: shows whether the server keeps up).
    const paced = await phase('paced', PACED_EVENTS, PACED_RATE);
    const burst = await phase('burst', EVENTS, RATE);
    // Does memory come back once the events are delivered? (Past liveStream's 3 s recheck timers.)
    await sleep(3_500);
    const afterEvents = await server.call<Memory>('memory');
    const frameBytes = (await clients[0]!.call<{ frameBytes: number }>('collect')).frameBytes;
    await Promise.all(clients.map((c) => c.call('closeAll', {}, 60_000)));
    const worst = clocks.reduce((a, b) => (Math.abs(b.offset) > Math.abs(a.offset) ? b : a));
    return {
      mode,
      n,
      rampMs,
      firstBatchRate: rates[0]!,
      lastBatchRate: rates.at(-1)!,
      before,
      after,
      afterIdle,
      afterEvents,
      queriesPerSub: (q1 - q0) / n,
      idleQueriesPerSec,
      paced,
      burst,
      frameBytes,
      clockOffsetMs: worst.offset,
      clockRttMs: Math.max(...clocks.map((c) => c.rtt)),
      maxFiles: server.maxOpenFiles(),
      loadBefore,
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.stop('close');
    for (const c of [server, ...clients]) children.delete(c);
  }
}

function print(mix: Mix, ours: RunResult, base: RunResult) {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const ratio = (x: number, y: number) => (y > 0 && Number.isFinite(x) ? `${(x / y).toFixed(1)}×` : 'n/a');
  const row = (label: string, x: string, y: string, r = '', goal = '') =>
    console.log(`  ${label.padEnd(36)} ${x.padStart(16)} ${y.padStart(16)} ${r.padStart(7)}  ${goal}`);
  const pair = (label: string, f: (r: RunResult) => number, fmt: (x: number) => string, goal = '') =>
    row(label, fmt(f(ours)), fmt(f(base)), ratio(f(ours), f(base)), goal);
  const goal5k = (g: string) => (ours.n >= 5000 ? g : '');
  const spread = { hot: '1 render', spread: `${SPREAD_RENDERS} renders`, viewer: `viewerEvents of ${VIEWERS} users` }[mix];
  console.log(`\n── ${mix}: N = ${ours.n} subscribers, ${spread}, ${CLIENT_PROCS} client processes ──`);
  console.log(`  load average before: ours ${ours.loadBefore} | relay ${base.loadBefore}; now ${load()}`);
  row('', 'reelforge', 'bare ws relay', 'ratio');
  for (const key of ['paced', 'burst'] as const) {
    const ph = ours[key];
    console.log(`  ${key}: ${ph.events} events at ${ph.rate}/s`);
    pair('  latency p50', (r) => quantile(r[key].latencies, 0.5), ms);
    pair('  latency p99', (r) => quantile(r[key].latencies, 0.99), ms, goal5k(key === 'paced' ? 'goal ≤ 1.5×' : 'goal ≤ 2×'));
    pair('  latency max', (r) => quantile(r[key].latencies, 1), ms);
    pair('  event reached all N: median', (r) => quantile(r[key].lastArrival, 0.5), ms);
    row('  deliveries missing', `${ours[key].missing}/${ours.n * ph.events}`, `${base[key].missing}/${base.n * ph.events}`, '', 'goal 0');
    pair(
      '  server CPU per delivered message',
      (r) => (r[key].server.cpuMs * 1000) / (r.n * r[key].events - r[key].missing),
      (x) => `${x.toFixed(1)} µs`,
      goal5k('goal ≤ 2×'),
    );
    pair(
      '  client CPU per delivered message',
      (r) => (r[key].clientCpuMs * 1000) / (r.n * r[key].events - r[key].missing),
      (x) => `${x.toFixed(1)} µs`,
    );
    const gc = (r: RunResult) => {
      const g = r[key].server.gcMs;
      return `${(g.minor + g.major + g.incremental + g.weak).toFixed(0)} (${g.minor.toFixed(0)}/${(g.major + g.incremental).toFixed(0)})`;
    };
    row('  server GC ms (scavenge/mark-sweep)', gc(ours), gc(base));
    row(
      '  server event-loop delay p99 / max',
      `${ms(ph.server.loopDelayP99Ms)} / ${ph.server.loopDelayMaxMs.toFixed(0)}`,
      `${ms(base[key].server.loopDelayP99Ms)} / ${base[key].server.loopDelayMaxMs.toFixed(0)}`,
    );
  }
  console.log('  memory (server process, after GC)');
  pair('  heap per idle subscriber', (r) => (r.after.heapUsed - r.before.heapUsed) / r.n, KB, goal5k('goal ≤ 8 KB'));
  row(
    '  + external/buffers per subscriber',
    KB((ours.after.external - ours.before.external) / ours.n),
    KB((base.after.external - base.before.external) / base.n),
  );
  pair('  RSS per idle subscriber', (r) => (r.after.rss - r.before.rss) / r.n, KB);
  row('  heap used before → with N', `${MB(ours.before.heapUsed)}→${MB(ours.after.heapUsed)}`, `${MB(base.before.heapUsed)}→${MB(base.after.heapUsed)}`);
  row(`  heap growth per sub over ${IDLE_WINDOW_MS / 1000} s idle`, `${((ours.afterIdle.heapUsed - ours.after.heapUsed) / ours.n).toFixed(0)} B`, '-');
  row(
    '  heap kept per sub per event (leak)',
    `${((ours.afterEvents.heapUsed - ours.afterIdle.heapUsed) / ours.n / (ours.paced.events + ours.burst.events)).toFixed(0)} B`,
    `${((base.afterEvents.heapUsed - base.afterIdle.heapUsed) / base.n / (base.paced.events + base.burst.events)).toFixed(0)} B`,
  );
  console.log('  subscribing');
  pair(
    '  subscribe throughput (whole ramp)',
    (r) => r.n / (r.rampMs / 1000),
    (x) => `${x.toFixed(0)}/s`,
    goal5k('goal ≥ 0.5×'),
  );
  row(
    '  first / last batch',
    `${ours.firstBatchRate.toFixed(0)} / ${ours.lastBatchRate.toFixed(0)}/s`,
    `${base.firstBatchRate.toFixed(0)} / ${base.lastBatchRate.toFixed(0)}/s`,
  );
  row('  SQL statements per subscribe', ours.queriesPerSub.toFixed(2), '0');
  row('  SQL/s with N idle subscribers', ours.idleQueriesPerSec.toFixed(0), '0');
  row('  frame size (bytes)', String(ours.frameBytes), String(base.frameBytes));
  console.log(
    `  clocks: worst client−publisher offset ${ms(Math.max(Math.abs(ours.clockOffsetMs), Math.abs(base.clockOffsetMs)))} (IPC RTT ≤ ${ms(Math.max(ours.clockRttMs, base.clockRttMs))}); server open-files limit ${ours.maxFiles}`,
  );
}

try {
  const user = await prisma.user.create({ data: { email: `${schema}@bench`, name: 'bench' } });
  const { key, prefix, secretHash } = newApiKey();
  await prisma.apiKey.create({ data: { userId: user.id, name: 'bench', prefix, secretHash } });
  const project = await prisma.project.create({ data: { ownerId: user.id, title: 'bench' } });
  const script = await prisma.script.create({
    data: { projectId: project.id, ownerId: user.id, title: 'bench', writerModel: 'bench', status: 'APPROVED', approvedAt: new Date() },
  });
  const newRenders = (count: number, ownerId: string) =>
    prisma.render.createManyAndReturn({
      data: Array.from({ length: count }, () => ({ scriptId: script.id, ownerId, status: 'RUNNING' as const, startedAt: new Date(), attempt: 1 })),
      select: { id: true },
    });
  const channel = (topic: string, id: string) => `${env.REDIS_PREFIX}:${topic}:${id}`;
  const renderSeed = async (mix: Mix, count: number): Promise<Seed> => {
    const renders = await newRenders(count, user.id);
    return {
      mix,
      targets: renders.map((r) => ({ key, id: encodeId('Render', r.id), channel: channel('renderProgress', r.id) })),
      publishTo: renders.map((r) => ({ topic: 'renderProgress', id: r.id, renderId: r.id })),
    };
  };
  const viewerSeed = async (): Promise<Seed> => {
    const users = await prisma.user.createManyAndReturn({
      data: Array.from({ length: VIEWERS }, (_, i) => ({ email: `${schema}-${i}@bench`, name: `viewer ${i}` })),
      select: { id: true },
    });
    const keys = users.map((u) => ({ userId: u.id, ...newApiKey() }));
    await prisma.apiKey.createMany({ data: keys.map((k) => ({ userId: k.userId, name: 'bench', prefix: k.prefix, secretHash: k.secretHash })) });
    // Each user's event is about one render of the bench user's (only its shape matters here).
    const [render] = await newRenders(1, user.id);
    return {
      mix: 'viewer',
      targets: keys.map((k) => ({ key: k.key, id: null, channel: channel('viewerEvents', k.userId) })),
      publishTo: keys.map((k) => ({ topic: 'viewerEvents', id: k.userId, renderId: render!.id })),
    };
  };

  console.log(`reelforge subscription benchmark — node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
  if (SERVER_FLAGS.length > 0) console.log(`server flags: ${SERVER_FLAGS.join(' ')}`);
  console.log(
    `schema ${schema}; Postgres pool ${env.DATABASE_POOL_SIZE}; batches of ${BATCH}; our open-files limit ${/^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1]}`,
  );
  for (const mix of MIXES) {
    const seed = mix === 'viewer' ? await viewerSeed() : await renderSeed(mix, mix === 'hot' ? 1 : SPREAD_RENDERS);
    for (const n of SIZES) {
      const ours = await run('graphql', n, seed);
      const base = await run('relay', n, seed);
      print(mix, ours, base);
    }
  }
} finally {
  await cleanup();
}
