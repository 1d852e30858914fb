// npm run bench:scale — compose work shared by separate worker processes (`src/worker.ts`, the same
// process `npm run worker` starts), each render enqueued through the real enqueueRender path, every
// worker talking to the others only through Postgres, Redis and the storage folder.
//
// Configurations, each with freshly started workers and fresh users (segments are cached per owner,
// so nothing is reused from an earlier run):
//   A  one worker process on both cores (the baseline),
//   B  two worker processes pinned to one core each (`taskset -c 0`, `taskset -c 1`),
//   C  as B with COMPOSE_CONCURRENCY=1 (one encode at a time on each core, to measure whether two
//      encodes sharing one core help or hurt).
// SCALE_SETUPS=A,B runs a subset, SCALE_ROUNDS=3 repeats them in turn. For each: one 6-scene, ~32 s reel (480p, 30 fps, veryfast) and a batch of SCALE_BATCH (default 20)
// such reels enqueued at once, one user each: wall time, renders per minute, both as ratios to A; and
// which process ran each stage of the single render (BullMQ records the worker's name on each job),
// proving that one render's segments are spread over both processes.
//
// Every wait has a deadline; workers are stopped (SIGKILL after a grace period) and the schema, Redis
// keys and scratch files removed at the end, also on failure. The machine may be shared: the load
// average is printed with every figure.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, hostname, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteRedisKeys, dropSchema, isolate } from './isolation.js';

const BATCH = Number(process.env.SCALE_BATCH ?? 20);
if (!Number.isInteger(BATCH) || BATCH < 1 || BATCH > 100) throw new Error('SCALE_BATCH must be 1–100');
const POLL_MS = 50;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 35_000;
const SINGLE_DEADLINE_MS = 120_000;
/** A render takes ~10 CPU-seconds here: a batch gets 30 s per render on top of a minute, then aborts. */
const BATCH_DEADLINE_MS = 60_000 + BATCH * 30_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { schema, scratch } = await isolate('scale');
// Every process of a deployment shares the signing secret (it names the cached segments) and, for
// local storage, the storage folder (STORAGE_DIR, set by isolate).
process.env.DATA_DIR = join(scratch, 'data');
process.env.FILE_SIGNING_SECRET = randomBytes(32).toString('hex');

const { migrate } = await import('../src/migrate.js');
await migrate(process.env.DATABASE_URL!, schema);
const { prisma } = await import('../src/db.js');
const { closeQueues, getQueue } = await import('../src/jobs/queues.js');
const { flowJobId } = await import('../src/jobs/renderFlow.js');
const { closePubSub } = await import('../src/pubsub.js');
const { enqueueRender } = await import('../src/resolvers/renders.js');
const { RENDER_OPTIONS, seedReelScript } = await import('./reelScript.js');

const OPTIONS = RENDER_OPTIONS;

interface ProcessSpec {
  /** `taskset -c` cpu list; none: the process may use every core. */
  cpus?: string;
  env?: Record<string, string>;
}
interface Setup {
  key: string;
  label: string;
  processes: ProcessSpec[];
}

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
const SETUPS: Setup[] = [
  { key: 'A', label: '1 process, both cores', processes: [{}] },
  { key: 'B', label: '2 processes, pinned to cpu 0 / cpu 1', processes: [{ cpus: '0' }, { cpus: '1' }] },
  {
    key: 'C',
    label: '2 pinned, COMPOSE_CONCURRENCY=1',
    processes: [
      { cpus: '0', env: { COMPOSE_CONCURRENCY: '1' } },
      { cpus: '1', env: { COMPOSE_CONCURRENCY: '1' } },
    ],
  },
];

// ---- worker processes ----

interface WorkerProcess {
  label: string;
  child: ChildProcess;
  /** BullMQ's record of this process on the jobs it took (src/jobs/workers.ts workerName). */
  name: string;
  output: () => string;
  exit: Promise<unknown>;
  exited: boolean;
}

const live = new Set<WorkerProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a worker needs to join this deployment: the database, the queues, the storage, the secret. */
function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  const pass = ['PATH', 'HOME', 'TMPDIR', 'NODE_ENV', 'DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'REDIS_PREFIX', 'STORAGE_DIR', 'WORK_DIR', 'DATA_DIR'];
  // Worker settings from the caller's shell are passed on (and printed), the setup's own win.
  pass.push('FILE_SIGNING_SECRET', 'MEDIA_TOOLS', 'MEDIA_CONCURRENCY', 'VOICE_CONCURRENCY', 'COMPOSE_CONCURRENCY');
  const env: Record<string, string> = { LOG_LEVEL: 'info', WORKER_QUEUES: 'media,voice,compose' };
  for (const k of pass) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return { ...env, ...extra };
}

async function startWorker(label: string, spec: ProcessSpec): Promise<WorkerProcess> {
  const node = [process.execPath, '--import', 'tsx', 'src/worker.ts'];
  // taskset execs node in place: the pid (and so the worker's name) is node's.
  const [cmd, ...args] = spec.cpus ? ['taskset', '-c', spec.cpus, ...node] : node;
  const child = spawn(cmd!, args, { cwd: ROOT, env: workerEnv(spec.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // Logs kept in memory for a failure report, the last 64 KB only.
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-65_536));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const w: WorkerProcess = {
    label,
    child,
    name: `${hostname()}:${child.pid}`,
    output: () => out,
    exited: false,
    exit: new Promise((resolve) => child.once('exit', resolve)),
  };
  void w.exit.then(() => {
    w.exited = true;
    live.delete(w);
  });
  live.add(w);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!out.includes('workers started')) {
    if (w.exited) throw new Error(`worker ${label} exited during start-up:\n${out}`);
    if (Date.now() > deadline) throw new Error(`worker ${label} did not start within ${START_TIMEOUT_MS} ms:\n${out}`);
    await sleep(POLL_MS);
  }
  return w;
}

async function stopWorker(w: WorkerProcess): Promise<void> {
  if (w.exited) return;
  w.child.kill('SIGTERM');
  const timer = setTimeout(() => w.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await w.exit;
  clearTimeout(timer);
}

/** CPU seconds a process and its waited-for children (ffmpeg, espeak-ng) used, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime stime cutime cstime: fields 14–17, here 11–14 after "pid (comm)".
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0) / 100;
  } catch {
    return Number.NaN;
  }
}

// ---- renders ----

type Viewer = Parameters<typeof enqueueRender>[0];

/** `n` users, each with one approved 6-scene script. */
async function makeScripts(tag: string, n: number): Promise<{ viewer: Viewer; scriptId: string }[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const { viewer, script } = await seedReelScript(prisma, `${tag}-${i}@${schema}.bench`, `${tag} ${i}`);
      return { viewer, scriptId: script.id };
    }),
  );
}

/** Enqueues every script at once and waits (bounded) until all succeeded; wall ms from the first enqueue to the last finish. */
async function renderAll(scripts: { viewer: Viewer; scriptId: string }[], deadlineMs: number, workers: WorkerProcess[]) {
  const started = Date.now();
  const ids: string[] = [];
  for (const s of scripts) ids.push((await enqueueRender(s.viewer, s.scriptId, OPTIONS)).id);
  for (;;) {
    const rows = await prisma.render.findMany({ where: { id: { in: ids } }, select: { status: true, errorStage: true, errorMessage: true, finishedAt: true } });
    const bad = rows.find((r) => r.status === 'FAILED' || r.status === 'CANCELLED');
    if (bad) throw new Error(`a render ended ${bad.status}: ${bad.errorStage}: ${bad.errorMessage}`);
    if (rows.every((r) => r.status === 'SUCCEEDED')) {
      const last = Math.max(...rows.map((r) => r.finishedAt!.getTime()));
      return { ms: last - started, ids };
    }
    const gone = workers.find((w) => w.exited);
    if (gone) throw new Error(`worker ${gone.label} exited during the run:\n${gone.output()}`);
    if (Date.now() - started > deadlineMs) {
      const done = rows.filter((r) => r.status === 'SUCCEEDED').length;
      throw new Error(`deadline: ${done} of ${ids.length} renders finished after ${deadlineMs} ms (aborted)`);
    }
    await sleep(POLL_MS);
  }
}

const QUEUE_OF = { media: 'media', voice: 'voice', soundtrack: 'voice', segment: 'compose', stitch: 'compose', upload: 'compose' } as const;

/** Which worker (BullMQ's processedBy) ran each stage of these renders, and how many segments were reused from a cache. */
async function whoRan(renderIds: string[]) {
  const stages = await prisma.renderStage.findMany({
    where: { renderId: { in: renderIds } },
    select: { renderId: true, name: true, position: true, detail: true, render: { select: { attempt: true } } },
    orderBy: { position: 'asc' },
  });
  let reused = 0;
  const ran = await Promise.all(
    stages.map(async (s) => {
      const kind = s.name.split(':')[0] as keyof typeof QUEUE_OF;
      if (kind === 'segment' && (s.detail as { reused?: boolean }).reused) reused++;
      // stitch and upload are one job (the stitched file never leaves its machine before upload).
      const jobId = flowJobId(s.renderId, s.render.attempt, kind === 'upload' ? 'stitch' : s.name);
      const job = await getQueue(QUEUE_OF[kind]).getJob(jobId);
      return { renderId: s.renderId, name: s.name, kind, by: job?.processedBy ?? '?' };
    }),
  );
  return { ran, reused };
}

// ---- one configuration ----

interface Figures {
  setup: Setup;
  singleMs: number;
  batchMs: number;
  perMinute: number;
  single: string;
  segmentsBy: string;
  cpu: string;
  loadBefore: string;
  loadAfter: string;
  reused: number;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function runSetup(setup: Setup, round: number): Promise<Figures> {
  const tag = `r${round}-${setup.key}`;
  const loadBefore = load();
  const workers: WorkerProcess[] = [];
  try {
    for (const [i, spec] of setup.processes.entries()) workers.push(await startWorker(`${setup.key}${i + 1}`, spec));
    const labelOf = new Map(workers.map((w) => [w.name, w.label]));
    const cpu0 = workers.map((w) => cpuSeconds(w.child.pid!));
    // A one-render warm-up, not measured: each process's first ffmpeg feature probe, sharp and font set-up.
    await renderAll(await makeScripts(`${tag}-warm`, 1), SINGLE_DEADLINE_MS, workers);

    const single = await renderAll(await makeScripts(`${tag}-one`, 1), SINGLE_DEADLINE_MS, workers);
    const batchScripts = await makeScripts(`${tag}-batch`, BATCH);
    const batch = await renderAll(batchScripts, BATCH_DEADLINE_MS, workers);
    const used = workers.map((w, i) => cpuSeconds(w.child.pid!) - cpu0[i]!);
    // Per render (warm-up and single included): unlike wall time, barely moved by other tenants.
    const cpu = `${workers.map((w, i) => `${w.label} ${used[i]!.toFixed(1)} s`).join(', ')} (${(used.reduce((a, b) => a + b, 0) / (BATCH + 2)).toFixed(2)} s per render)`;

    const one = await whoRan(single.ids);
    const label = (by: string) => labelOf.get(by) ?? by;
    const byKind = new Map<string, string[]>();
    for (const r of one.ran) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), label(r.by)]);
    const singleText = [...byKind].map(([kind, who]) => `${kind} ${who.join(' ')}`).join(' | ');
    const many = await whoRan(batch.ids);
    const segCount = new Map<string, number>();
    for (const r of many.ran.filter((x) => x.kind === 'segment')) segCount.set(label(r.by), (segCount.get(label(r.by)) ?? 0) + 1);
    return {
      setup,
      singleMs: single.ms,
      batchMs: batch.ms,
      perMinute: (BATCH * 60_000) / batch.ms,
      single: singleText,
      segmentsBy: [...segCount].map(([w, n]) => `${w} ${n}`).join(', '),
      cpu,
      loadBefore,
      loadAfter: load(),
      reused: one.reused + many.reused,
    };
  } finally {
    await Promise.all(workers.map(stopWorker));
  }
}

// ---- main ----

// SCALE_ROUNDS > 1 repeats every configuration in turn (A B C, A B C, …), each ratio taken to the
// baseline of its own round: on a shared machine the load moves between runs minutes apart.
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 1);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 5) throw new Error('SCALE_ROUNDS must be 1–5');
// SCALE_SETUPS=A,B runs only those; the first one run is the baseline.
const chosen = process.env.SCALE_SETUPS ? SETUPS.filter((s) => process.env.SCALE_SETUPS!.split(',').includes(s.key)) : SETUPS;
const setups = hasTaskset ? chosen : chosen.filter((s) => s.processes.every((p) => !p.cpus));
if (!hasTaskset) console.warn('taskset (util-linux) not found: the pinned configurations are skipped');
if (setups.length === 0) throw new Error(`SCALE_SETUPS: none of ${SETUPS.map((s) => s.key).join(', ')}`);

// The whole run is bounded too: past it, workers are killed and the process exits.
const TOTAL_DEADLINE_MS = ROUNDS * setups.length * (3 * START_TIMEOUT_MS + 2 * SINGLE_DEADLINE_MS + BATCH_DEADLINE_MS + STOP_TIMEOUT_MS);
const watchdog = setTimeout(() => {
  console.error(`bench:scale overran ${TOTAL_DEADLINE_MS} ms: killing the workers`);
  for (const w of live) w.child.kill('SIGKILL');
  process.exit(1);
}, TOTAL_DEADLINE_MS).unref();

const results: (Figures & { round: number })[] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const setup of setups) {
      console.error(`round ${round}, running ${setup.key}: ${setup.label} …`);
      const r = await runSetup(setup, round);
      results.push({ round, ...r });
      console.error(
        `  one render ${(r.singleMs / 1000).toFixed(2)} s, batch ${(r.batchMs / 1000).toFixed(2)} s (${r.perMinute.toFixed(2)}/min), load ${r.loadAfter}`,
      );
    }
  }
  const baseKey = setups[0]!.key;
  const baseOf = (round: number) => results.find((r) => r.round === round && r.setup.key === baseKey)!;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const shell = ['MEDIA_CONCURRENCY', 'VOICE_CONCURRENCY', 'COMPOSE_CONCURRENCY'].filter((k) => process.env[k] !== undefined);
  console.log(`\nreelforge scale-out benchmark: 6-scene ~32 s reels (480x854, 30 fps, veryfast), ${cpus().length} cores`);
  console.log(`each worker: a separate src/worker.ts process, WORKER_QUEUES=media,voice,compose; batch = ${BATCH} renders enqueued at once, one user each`);
  if (shell.length > 0) console.log(`from the shell: ${shell.map((k) => `${k}=${process.env[k]}`).join(' ')}`);
  console.log('');
  console.log(
    `${'round configuration'.padEnd(44)} ${'one render'.padStart(10)} ${'ratio'.padStart(6)} ${`batch ×${BATCH}`.padStart(10)} ${'renders/min'.padStart(11)} ${'ratio'.padStart(6)}  load avg (1/5/15 min) before → after`,
  );
  for (const r of results) {
    const base = baseOf(r.round);
    console.log(
      `${`${r.round}     ${r.setup.key}  ${r.setup.label}`.padEnd(44)} ${s(r.singleMs).padStart(10)} ${(r.singleMs / base.singleMs).toFixed(2).padStart(6)} ${s(r.batchMs).padStart(10)} ${r.perMinute.toFixed(2).padStart(11)} ${(r.perMinute / base.perMinute).toFixed(2).padStart(6)}  ${r.loadBefore} → ${r.loadAfter}`,
    );
  }
  console.log(`(ratios to ${baseKey} of the same round: one render's wall time, lower is better; renders per minute, higher is better)\n`);
  for (const r of results) {
    console.log(`${r.round} ${r.setup.key}  one render, stage → process: ${r.single}`);
    console.log(`     batch segments encoded per process: ${r.segmentsBy}; CPU used (with children): ${r.cpu}; segments reused from a cache: ${r.reused}`);
  }
} finally {
  clearTimeout(watchdog);
  for (const w of live) await stopWorker(w);
  await closeQueues();
  await closePubSub();
  await prisma.$disconnect();
  await dropSchema(schema);
  await deleteRedisKeys();
  await rm(scratch, { recursive: true, force: true });
}
