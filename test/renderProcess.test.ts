// The render pipeline across processes: the API here (no in-process workers), the worker as a
// separate `node --import tsx src/worker.ts` process, sharing Postgres, Redis (queues and pub/sub)
// and storage. Covers live progress over graphql-ws and SSE, late subscribers, ownership, and
// graceful shutdown of a worker in the middle of an encode, and two worker processes sharing one
// render (its segments encoded by both).
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQueue } from '../src/jobs/queues.js';
import { flowJobId } from '../src/jobs/renderFlow.js';
import { workRoot } from '../src/jobs/runStage.js';
import { startServer, type RunningServer } from '../src/server.js';
import { childEnv } from './childEnv.js';
import { createUser, globalId, prisma, rawId, seedRender, seedScript, type TestUser } from './helpers.js';
import { approvedScript, closeRenderInfra, enqueue, filesLeftAfter, filesUnder, waitForRender, wsClient } from './renderHelpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROGRESS = `subscription($id: ID!) { renderProgress(renderId: $id) { kind renderId stageName status progress elapsedMs } }`;
const FAST = { fps: 30, resolution: 'P480', preset: 'ULTRAFAST' };
const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

// Each render gets its own words: segments are cached by content, and a cached one is not encoded.
const SCRIPTS = {
  live: ['Otters hold hands while they sleep.', 'They keep a favourite stone in a pocket of skin.', 'A raft of otters floats together on the kelp.'],
  late: [
    'Octopuses have three hearts.',
    'Their blood is blue because of copper.',
    'Each arm can taste what it touches.',
    'They squeeze through any gap larger than their beak.',
  ],
  sse: ['Snails can sleep for three years.', 'Their shells grow in a spiral from the centre.', 'They leave a trail of slime to glide on.'],
  shutdown: [
    'Owls cannot move their eyes in their sockets.',
    'They turn their heads almost all the way round.',
    'Soft feathers make their flight silent.',
    'They swallow small prey whole.',
  ],
  shared: [
    'Bees dance to tell each other where the flowers are.',
    'The angle of the dance points the way from the sun.',
    'A longer waggle means the field is farther away.',
    'The whole hive can move by voting on a new home.',
  ],
};

type ProgressEvent = { kind: string; renderId: string; stageName: string | null; status: string; progress: number; elapsedMs: number | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- worker processes ----

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: boolean;
}

const spawned: WorkerProcess[] = [];

/**
 * `node --import tsx src/worker.ts` with this file's database, Redis prefix and folders; resolves once
 * its workers run. Logs at info (kept in memory, shown when a test fails): start-up and shutdown are read from them.
 */
async function spawnWorker(overrides: Record<string, string> = {}): Promise<WorkerProcess> {
  const env = childEnv(overrides);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const w: WorkerProcess = {
    child,
    output: () => out,
    exited: false,
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  void w.exit.then(() => (w.exited = true));
  spawned.push(w);
  await waitUntil(
    'the worker process to start its workers',
    () => {
      if (w.exited) throw new Error(`worker exited during start-up:\n${out}`);
      return out.includes('workers started');
    },
    20_000,
  );
  return w;
}

/** SIGTERM, then the exit (bounded); SIGKILL if it overstays. */
async function terminate(w: WorkerProcess, timeoutMs = 35_000) {
  const started = Date.now();
  w.child.kill('SIGTERM');
  try {
    const result = await within('the worker process to exit after SIGTERM', w.exit, timeoutMs);
    return { ...result, ms: Date.now() - started };
  } catch (err) {
    w.child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${w.output()}`);
  }
}

/** Pids of the process's children running `command` (read from /proc). */
async function childrenNamed(pid: number, command: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...
      const m = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (m && m[1] === command && Number(m[2]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

// ---- subscribers ----

interface Watch {
  events: ProgressEvent[];
  errors: unknown[];
  done: Promise<void>;
  completed: boolean;
}

function watchWs(url: string, key: string, renderId: string) {
  const client = wsClient(url, key);
  const w: Watch = { events: [], errors: [], completed: false, done: Promise.resolve() };
  w.done = new Promise<void>((resolve) => {
    client.subscribe<{ renderProgress: ProgressEvent }>(
      { query: PROGRESS, variables: { id: renderId } },
      {
        next: (v) => {
          if (v.errors) w.errors.push(...v.errors);
          if (v.data) w.events.push(v.data.renderProgress);
        },
        error: (e) => {
          w.errors.push(e);
          resolve();
        },
        complete: () => {
          w.completed = true;
          resolve();
        },
      },
    );
  });
  return { watch: w, client };
}

interface SseResult {
  status: number;
  contentType: string | null;
  results: { data?: { renderProgress: ProgressEvent } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** A `complete` event arrived, and the server ended the response. */
  completed: boolean;
  endedAt: number;
}

/** The subscription over SSE on the real server; reads until the server ends it (or `stopAfter` results). */
async function sse(url: string, key: string, renderId: string, timeoutMs: number, stopAfter = Infinity): Promise<SseResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`SSE stream still open after ${timeoutMs} ms`)), timeoutMs);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: PROGRESS, variables: { id: renderId } }),
      signal: abort.signal,
    });
    const out: SseResult = { status: res.status, contentType: res.headers.get('content-type'), results: [], completed: false, endedAt: 0 };
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (event === 'next' || (!event && data)) out.results.push(JSON.parse(data));
        if (event === 'complete') out.completed = true;
      }
      if (out.results.length >= stopAfter) {
        await reader.cancel();
        break;
      }
    }
    out.endedAt = Date.now();
    return out;
  } finally {
    clearTimeout(timer);
  }
}

// ---- event order ----

function expectValidOrder(events: ProgressEvent[], renderId: string, scenes: number) {
  expect(events[0]!.kind).toBe('SNAPSHOT');
  expect(events.at(-1)).toMatchObject({ kind: 'RENDER_STATUS', status: 'SUCCEEDED', progress: 1 });
  expect(events.every((e) => e.renderId === renderId)).toBe(true);
  // Exactly one snapshot, one RUNNING and one terminal status; nothing after the end.
  expect(events.filter((e) => e.kind === 'SNAPSHOT')).toHaveLength(1);
  expect(events.filter((e) => e.kind === 'RENDER_STATUS' && TERMINAL.includes(e.status))).toHaveLength(1);
  const at = (kind: string, stage: string) => events.findIndex((e) => e.kind === kind && e.stageName === stage);
  const started = (s: string) => at('STAGE_STARTED', s);
  const finished = (s: string) => at('STAGE_FINISHED', s);
  for (let i = 0; i < scenes; i++) {
    for (const kind of ['media', 'voice', 'segment']) {
      expect(started(`${kind}:${i}`), `${kind}:${i} started`).toBeGreaterThan(0);
      expect(finished(`${kind}:${i}`), `${kind}:${i} finished after it started`).toBeGreaterThan(started(`${kind}:${i}`));
    }
    expect(started(`segment:${i}`)).toBeGreaterThan(finished(`media:${i}`));
    expect(started(`segment:${i}`)).toBeGreaterThan(finished(`voice:${i}`));
    expect(started('soundtrack')).toBeGreaterThan(finished(`voice:${i}`));
    expect(started('stitch')).toBeGreaterThan(finished(`segment:${i}`));
  }
  expect(started('stitch')).toBeGreaterThan(finished('soundtrack'));
  expect(finished('stitch')).toBeGreaterThan(started('stitch'));
  expect(started('upload')).toBeGreaterThan(finished('stitch'));
  expect(events.length - 1).toBeGreaterThan(finished('upload'));
  expect(events.some((e) => e.kind === 'STAGE_FAILED')).toBe(false);
}

describe('rendering with the worker in its own process', () => {
  let alice: TestUser;
  let bob: TestUser;
  let server: RunningServer;
  /** The worker shared by the first tests. */
  let worker: WorkerProcess | null = null;

  beforeAll(async () => {
    alice = await createUser('alice');
    bob = await createUser('bob');
    server = await startServer(0, '127.0.0.1');
  });

  afterAll(async () => {
    // Never leave a worker process behind, whatever happened.
    for (const w of spawned) {
      if (w.exited) continue;
      w.child.kill('SIGKILL');
      await within('a killed worker to exit', w.exit, 5_000).catch(() => {});
    }
    await closeRenderInfra(null);
    await server?.close();
  });

  it('streams events published by a worker process to a graphql-ws subscriber, in order, to SUCCEEDED', async () => {
    const { scriptId } = await approvedScript(alice, SCRIPTS.live);
    const queued = await enqueue(alice, scriptId, FAST);
    const id = rawId(queued.id);
    const sub = watchWs(server.url, alice.key, queued.id);
    try {
      // Subscribed (the snapshot arrived) while no worker runs anywhere: the render waits.
      await waitUntil('the snapshot', () => sub.watch.events.length > 0, 10_000);
      expect(sub.watch.events[0]).toMatchObject({ kind: 'SNAPSHOT', status: 'QUEUED', progress: 0 });
      await sleep(300);
      expect((await prisma.render.findUniqueOrThrow({ where: { id } })).status).toBe('QUEUED');

      worker = await spawnWorker();
      await within('the subscription to complete', sub.watch.done, 40_000);
      const render = await prisma.render.findUniqueOrThrow({ where: { id } });
      expect(render.status, `${render.errorStage}: ${render.errorMessage}\n${worker.output()}`).toBe('SUCCEEDED');

      expect(sub.watch.errors).toEqual([]);
      expect(sub.watch.completed).toBe(true);
      const events = sub.watch.events;
      expectValidOrder(events, queued.id, SCRIPTS.live.length);
      expect(events.filter((e) => e.kind === 'RENDER_STATUS' && e.status === 'RUNNING')).toHaveLength(1);
      // Every stage of the render was announced, each start and finish exactly once.
      const stages = await prisma.renderStage.findMany({ where: { renderId: id } });
      for (const s of stages) {
        expect(
          events.filter((e) => e.kind === 'STAGE_STARTED' && e.stageName === s.name),
          s.name,
        ).toHaveLength(1);
        expect(
          events.filter((e) => e.kind === 'STAGE_FINISHED' && e.stageName === s.name),
          s.name,
        ).toHaveLength(1);
      }
    } finally {
      await sub.client.dispose();
    }
  }, 60_000);

  it('gives a late subscriber a RUNNING snapshot with progress, then the live events to the end', async () => {
    worker ??= await spawnWorker();
    const { scriptId } = await approvedScript(alice, SCRIPTS.late);
    const queued = await enqueue(alice, scriptId, FAST);
    const id = rawId(queued.id);
    const seen = await waitUntil(
      'a finished stage',
      async () => {
        const r = await prisma.render.findUniqueOrThrow({ where: { id }, include: { stages: true } });
        if (TERMINAL.includes(r.status)) throw new Error(`render ended (${r.status}) before the late subscriber came`);
        const done = r.stages.filter((s) => s.status === 'SUCCEEDED').length;
        return done >= 1 && r.progress > 0 ? { progress: r.progress, done } : null;
      },
      30_000,
      25,
    );

    const sub = watchWs(server.url, alice.key, queued.id);
    try {
      await within('the late subscription to complete', sub.watch.done, 40_000);
      const events = sub.watch.events;
      expect(sub.watch.errors).toEqual([]);
      expect(events[0]!.kind).toBe('SNAPSHOT');
      expect(events[0]!.status).toBe('RUNNING');
      expect(events[0]!.progress).toBeGreaterThan(0);
      expect(events[0]!.progress).toBeGreaterThanOrEqual(seen.progress);
      expect(events[0]!.progress).toBeLessThan(1);
      expect(events[0]!.elapsedMs).toBeGreaterThan(0);
      // Then live events: at least the final stages, ending with the render's success.
      expect(events.slice(1).some((e) => e.kind === 'STAGE_FINISHED' && e.stageName === 'upload')).toBe(true);
      expect(events.at(-1)).toMatchObject({ kind: 'RENDER_STATUS', status: 'SUCCEEDED', progress: 1 });
      expect(events.filter((e) => e.kind === 'SNAPSHOT')).toHaveLength(1);
      expect(sub.watch.completed).toBe(true);
    } finally {
      await sub.client.dispose();
    }
  }, 60_000);

  it('streams the same events over SSE, snapshot first, and ends the response after the render ends', async () => {
    worker ??= await spawnWorker();
    const { scriptId } = await approvedScript(alice, SCRIPTS.sse);
    const queued = await enqueue(alice, scriptId, FAST);
    const id = rawId(queued.id);

    const live = await sse(server.url, alice.key, queued.id, 40_000);
    expect(live.status).toBe(200);
    expect(live.contentType).toMatch(/text\/event-stream/);
    expect(live.results.every((r) => !r.errors)).toBe(true);
    const events = live.results.map((r) => r.data!.renderProgress);
    expect(events[0]!.kind).toBe('SNAPSHOT');
    expect(['QUEUED', 'RUNNING']).toContain(events[0]!.status);
    expect(events.at(-1)).toMatchObject({ kind: 'RENDER_STATUS', status: 'SUCCEEDED', progress: 1 });
    expect(events.some((e) => e.kind === 'STAGE_FINISHED' && e.stageName === 'upload')).toBe(true);
    expect(live.completed).toBe(true);
    const render = await prisma.render.findUniqueOrThrow({ where: { id } });
    expect(render.status).toBe('SUCCEEDED');
    expect(render.finishedAt!.getTime()).toBeLessThanOrEqual(live.endedAt);

    // Subscribing to a finished render: its snapshot, then the stream ends at once.
    const started = Date.now();
    const after = await sse(server.url, alice.key, queued.id, 5_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(after.results.map((r) => r.data!.renderProgress)).toMatchObject([{ kind: 'SNAPSHOT', status: 'SUCCEEDED', progress: 1 }]);
    expect(after.completed).toBe(true);
  }, 60_000);

  it("refuses a second user's subscription to someone else's render as not found, over graphql-ws and SSE", async () => {
    const { script } = await seedScript(alice, 1);
    const render = await seedRender(script.id, alice.id, { status: 'QUEUED' });
    const renderId = globalId('Render', render.id);
    const missingId = globalId('Render', '00000000-0000-4000-8000-000000000000');

    // The owner gets the snapshot (the id is good)...
    const owner = watchWs(server.url, alice.key, renderId);
    try {
      await waitUntil("the owner's snapshot", () => owner.watch.events.length > 0, 10_000);
      expect(owner.watch.events[0]).toMatchObject({ kind: 'SNAPSHOT', status: 'QUEUED' });
    } finally {
      await owner.client.dispose();
    }
    const ownerSse = await sse(server.url, alice.key, renderId, 10_000, 1);
    expect(ownerSse.results[0]!.data!.renderProgress).toMatchObject({ kind: 'SNAPSHOT', status: 'QUEUED' });

    // ...anyone else is told it does not exist, exactly as for an id that does not.
    const stranger = watchWs(server.url, bob.key, renderId);
    const nobody = watchWs(server.url, bob.key, missingId);
    try {
      await within('the refusal over graphql-ws', Promise.all([stranger.watch.done, nobody.watch.done]), 10_000);
    } finally {
      await Promise.all([stranger.client.dispose(), nobody.client.dispose()]);
    }
    expect(stranger.watch.events).toEqual([]);
    expect(stranger.watch.errors).toHaveLength(1);
    const wsError = stranger.watch.errors[0] as { message: string; extensions?: Record<string, unknown> };
    expect(wsError.message).toMatch(/^Render \S+ was not found$/);
    expect(wsError.extensions?.code).toBe('NOT_FOUND');
    // Messages name the global id sent.
    expect(wsError.message.replace(renderId, '<id>')).toBe((nobody.watch.errors[0] as { message: string }).message.replace(missingId, '<id>'));
    expect(wsError.message).toBe(`Render ${renderId} was not found`);

    const refused = await sse(server.url, bob.key, renderId, 10_000);
    expect(refused.results).toHaveLength(1);
    expect(refused.results[0]!.data ?? null).toBeNull();
    expect(refused.results[0]!.errors).toHaveLength(1);
    expect(refused.results[0]!.errors![0]!.message).toMatch(/^Render \S+ was not found$/);
    expect(refused.results[0]!.errors![0]!.extensions?.code).toBe('NOT_FOUND');
    expect(refused.completed).toBe(true);
    // Nothing about the render changed.
    expect(await prisma.render.findUniqueOrThrow({ where: { id: render.id } })).toMatchObject({ status: 'QUEUED', ownerId: alice.id });
  }, 30_000);

  it('a SIGTERM while a segment encodes: the worker finishes its job, exits 0, and another worker completes the render', async () => {
    // The shared worker, idle, stops at once and cleanly.
    if (worker) {
      const idle = await terminate(worker);
      expect(idle.code, worker.output()).toBe(0);
      expect(idle.ms).toBeLessThan(10_000);
      worker = null;
    }
    const first = await spawnWorker();
    const { scriptId } = await approvedScript(alice, SCRIPTS.shutdown);
    const queued = await enqueue(alice, scriptId, { ...FAST, preset: 'VERYFAST' });
    const id = rawId(queued.id);

    // Catch ffmpeg encoding a segment under the first worker.
    const encoding = await waitUntil(
      'a segment being encoded',
      async () => {
        const segment = await prisma.renderStage.findFirst({
          where: { renderId: id, name: { startsWith: 'segment:' }, status: 'RUNNING', progress: { gt: 0 } },
        });
        if (!segment) return null;
        const ffmpeg = await childrenNamed(first.child.pid!, 'ffmpeg');
        return ffmpeg.length > 0 ? { segment, ffmpeg } : null;
      },
      30_000,
      20,
    );
    const result = await terminate(first);
    expect(result, first.output()).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(30_000);
    expect(first.output()).toContain('worker stopping');
    // The job it was running was finished (not abandoned RUNNING); the rest waits for a worker.
    const segment = await prisma.renderStage.findUniqueOrThrow({ where: { id: encoding.segment.id } });
    expect(segment).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(await prisma.renderStage.count({ where: { renderId: id, status: 'RUNNING' } })).toBe(0);
    expect((await prisma.render.findUniqueOrThrow({ where: { id } })).status).toBe('RUNNING');
    for (const pid of encoding.ffmpeg) expect(() => process.kill(pid, 0)).toThrow();
    expect(await filesUnder(workRoot())).toEqual([]);

    const second = await spawnWorker();
    const done = await waitForRender(id, 40_000);
    expect(done.status, `${done.errorStage}: ${done.errorMessage}\n${second.output()}`).toBe('SUCCEEDED');
    const stages = await prisma.renderStage.findMany({ where: { renderId: id } });
    expect(stages.filter((s) => s.status !== 'SUCCEEDED').map((s) => s.name)).toEqual([]);
    const stopped = await terminate(second);
    expect(stopped.code).toBe(0);
    expect(await filesLeftAfter(workRoot())).toEqual([]);
  }, 90_000);

  it('two worker processes share one render: its segments are encoded by both', async () => {
    // One encode at a time in each, so the segments that are ready together cannot all go to one.
    const a = await spawnWorker({ COMPOSE_CONCURRENCY: '1' });
    const b = await spawnWorker({ COMPOSE_CONCURRENCY: '1' });
    const { scriptId } = await approvedScript(alice, SCRIPTS.shared);
    const queued = await enqueue(alice, scriptId, { ...FAST, preset: 'VERYFAST' });
    const id = rawId(queued.id);
    const done = await waitForRender(id, 60_000);
    expect(done.status, `${done.errorStage}: ${done.errorMessage}\n${a.output()}\n${b.output()}`).toBe('SUCCEEDED');
    // BullMQ records the worker's name (host:pid) on every job it takes.
    const segments = await Promise.all(
      SCRIPTS.shared.map(async (_, i) => (await getQueue('compose').getJob(flowJobId(id, done.attempt, `segment:${i}`)))?.processedBy),
    );
    const names = [a, b].map((w) => `${hostname()}:${w.child.pid}`);
    expect(
      segments.every((by) => by !== undefined && names.includes(by)),
      `segments ran on ${segments.join(', ')}`,
    ).toBe(true);
    expect(new Set(segments).size, `segments ran on ${segments.join(', ')}`).toBe(2);
    for (const w of [a, b]) expect((await terminate(w)).code).toBe(0);
  }, 90_000);
});
