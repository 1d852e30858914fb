// Fault injection for test/faults.test.ts: private redis-server and Postgres instances that a test
// may stop and restart (the machine's shared ones are never touched), worker and API child
// processes, and Postgres backends terminated by application_name. Imports nothing from src/: the
// test sets REDIS_URL and DATABASE_URL before it loads any module that reads the configuration.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, redisAnswers } from '../src/infra.js';
import { childEnv } from './childEnv.js';
import pg from 'pg';

const exec = promisify(execFile);
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil<T>(
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

export async function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
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

export async function scratchDir(name: string): Promise<string> {
  await mkdir(join(tmpdir(), 'reelforge-faults'), { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'reelforge-faults', `${name}-`));
  scratchDirs.add(dir);
  return dir;
}

/** `url` with `application_name` set, so this file's backends can be told apart in pg_stat_activity. */
export function withAppName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

// ---- child processes ----

export interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: boolean;
}

const procs: Proc[] = [];
/** Daemons started here that are not our children (a pg_ctl-started postmaster), and scratch dirs. */
const daemonPids = new Set<number>();
const scratchDirs = new Set<string>();

// Last resort, if the file dies before its afterAll (e.g. an import fails at collection): nothing
// started here outlives this process.
process.once('exit', () => {
  for (const p of procs) if (!p.exited) p.child.kill('SIGKILL');
  for (const pid of daemonPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true });
});

function track(name: string, child: ChildProcess): Proc {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.length > 400_000) out = out.slice(-200_000);
  });
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const p: Proc = {
    name,
    child,
    output: () => out,
    exited: false,
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  void p.exit.then(() => (p.exited = true));
  procs.push(p);
  return p;
}

/** SIGKILLs every process started here that still runs (afterAll, whatever happened). */
export async function killAllStarted(): Promise<void> {
  await Promise.all(
    procs.map(async (p) => {
      if (p.exited) return;
      p.child.kill('SIGKILL');
      await within(`${p.name} to exit after SIGKILL`, p.exit, 5_000).catch(() => {});
    }),
  );
}

/** SIGKILL and the exit, bounded. */
export async function killHard(p: Proc, timeoutMs = 5_000) {
  p.child.kill('SIGKILL');
  return within(`${p.name} to exit after SIGKILL`, p.exit, timeoutMs);
}

/** SIGTERM, then the exit (bounded); SIGKILL if it overstays. */
export async function terminate(p: Proc, timeoutMs = 35_000) {
  p.child.kill('SIGTERM');
  try {
    return await within(`${p.name} to exit after SIGTERM`, p.exit, timeoutMs);
  } catch (err) {
    p.child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${p.output().slice(-4000)}`);
  }
}

/** `node --import tsx src/worker.ts` with this file's settings (plus overrides); resolves once its workers run. */
export async function spawnWorker(overrides: Record<string, string> = {}): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: ROOT, env: childEnv(overrides), stdio: ['ignore', 'pipe', 'pipe'] });
  const w = track(`worker ${child.pid}`, child);
  await waitUntil(
    'the worker process to start its workers',
    () => {
      if (w.exited) throw new Error(`worker exited during start-up:\n${w.output()}`);
      return w.output().includes('workers started');
    },
    20_000,
  );
  return w;
}

/** `node --import tsx src/main.ts` (the API) on a free loopback port; resolves with its GraphQL URL. */
export async function spawnApi(overrides: Record<string, string>): Promise<{ proc: Proc; url: string }> {
  const env = childEnv({ PORT: '0', HOST: '127.0.0.1', WORKER_QUEUES: 'none', DEMO_RENDER: 'false', GRAPHIQL: 'false', ...overrides });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc = track(`api ${child.pid}`, child);
  const url = await waitUntil(
    'the API process to listen',
    () => {
      if (proc.exited) throw new Error(`API exited during start-up:\n${proc.output()}`);
      return /API and GraphiQL at (http:\/\/127\.0\.0\.1:\d+\/graphql)/.exec(proc.output())?.[1];
    },
    30_000,
  );
  return { proc, url };
}

/** Pids of the process's children running `command` (read from /proc). */
export async function childrenNamed(pid: number, command: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const m = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (m && m[1] === command && Number(m[2]) === pid) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---- a private redis-server ----

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  running(): boolean;
  /** SIGKILL: a crash. With `appendfsync always` every acknowledged write survives it. */
  crash(): Promise<void>;
  /** Stops it and deletes its data: the next start() is an empty Redis (a flush, a failover to an empty replica). */
  wipe(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server on a free loopback port that the test may crash and restart on the same port.
 * Persistent (AOF, fsync on every write) like a production Redis behind BullMQ: a restart keeps the
 * queues, as it must for "the render completes after Redis is back". No RDB snapshots.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await scratchDir('redis');
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: Proc | null = null;
  const start = async () => {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--logfile',
        join(dir, 'redis.log'),
      ],
      { stdio: 'ignore' },
    );
    const p = track(`redis-server :${port}`, child);
    proc = p;
    await waitUntil(
      'redis-server to answer',
      async () => {
        if (p.exited) throw new Error(`redis-server exited at start-up:\n${await readFile(join(dir, 'redis.log'), 'utf8').catch(() => '')}`);
        return redisAnswers(url);
      },
      10_000,
      100,
    );
  };
  await start();
  return {
    url,
    port,
    dir,
    running: () => proc !== null && !proc.exited,
    crash: async () => {
      if (proc && !proc.exited) await killHard(proc);
    },
    wipe: async () => {
      if (proc && !proc.exited) await terminate(proc, 5_000);
      for (const entry of await readdir(dir)) if (entry !== 'redis.log') await rm(join(dir, entry), { recursive: true, force: true });
    },
    start,
    stop: async () => {
      if (proc && !proc.exited) await terminate(proc, 5_000).catch(() => killHard(proc!).catch(() => {}));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What BullMQ's stalled-job check sees once a dead worker's locks have lapsed (lockDuration, 30 s
 * here, then up to one stalledInterval, 30 s): each active job without a lock, already in the
 * `stalled` set. Used after a worker was SIGKILLed, to skip that minute; the next worker's start-up
 * check then moves these jobs back to wait, exactly as it would after the wait.
 */
export async function fastForwardStalledJobs(redisUrl: string, bullPrefix: string, queues: readonly string[]): Promise<string[]> {
  const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  const moved: string[] = [];
  try {
    for (const q of queues) {
      const base = `${bullPrefix}:${q}`;
      const active = await r.lrange(`${base}:active`, 0, -1);
      for (const id of active) {
        await r.del(`${base}:${id}:lock`);
        await r.sadd(`${base}:stalled`, id);
        moved.push(`${q}:${id}`);
      }
      await r.del(`${base}:stalled-check`);
    }
  } finally {
    r.disconnect();
  }
  return moved;
}

// ---- a private Postgres ----

export interface PrivatePostgres {
  url: string;
  dir: string;
  running(): Promise<boolean>;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: every connection is closed, the server is gone until start(). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

const PG_BIN = ['/usr/local/bin', '/usr/lib/postgresql/15/bin'];

function pgBinary(name: string): string | null {
  for (const d of PG_BIN) if (existsSync(join(d, name))) return join(d, name);
  return null;
}

async function postgresUid(): Promise<{ uid: number; gid: number } | null> {
  try {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    const { stdout: g } = await exec('id', ['-g', 'postgres']);
    return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
  } catch {
    return null;
  }
}

/** Why a private Postgres cannot run here, or null when it can. */
export async function privatePostgresUnavailable(): Promise<string | null> {
  if (!pgBinary('initdb') || !pgBinary('pg_ctl')) return 'initdb/pg_ctl not found';
  if (process.getuid?.() === 0 && !(await postgresUid())) return 'running as root and there is no "postgres" user to run initdb as';
  return null;
}

/**
 * initdb into a temp dir and pg_ctl start on a free loopback port (socket in the temp dir, trust
 * auth, fsync off). Postgres refuses to run as root, so as root it runs as the "postgres" user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await scratchDir('pg');
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUid() : null;
  if (owner) await chown(dir, owner.uid, owner.gid);
  const run = async (bin: string, args: string[], timeoutMs: number) => {
    const path = pgBinary(bin)!;
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    return exec(cmd, argv, { timeout: timeoutMs, killSignal: 'SIGKILL' });
  };
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions'], 30_000).catch(async (err: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const answers = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => {});
    }
  };
  const start = async () => {
    await run(
      'pg_ctl',
      ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '20', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'],
      25_000,
    );
    const pid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pid > 0) daemonPids.add(pid);
    await waitUntil('the private Postgres to answer', answers, 10_000, 100);
  };
  const stop = async () => {
    await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '20', 'stop'], 25_000);
  };
  const destroy = async () => {
    await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '10', 'stop'], 15_000).catch(async () => {
      // Not running, or pg_ctl failed: make sure no postmaster of ours is left.
      const pid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
      if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
    });
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (err) {
    await destroy();
    throw err;
  }
  return {
    url,
    dir,
    running: answers,
    start,
    stop,
    destroy,
  };
}

// ---- Postgres backends ----

/** Terminates every backend of `appName` in the URL's database; returns how many. */
export async function terminateBackends(adminUrl: string, appName: string): Promise<number> {
  const c = new pg.Client({ connectionString: adminUrl, application_name: 'reelforge-faults-admin' });
  c.on('error', () => {});
  await c.connect();
  try {
    const r = await c.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND datname = current_database() AND application_name = $1`,
      [appName],
    );
    return r.rows.filter((x) => x.ok).length;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Backends of `appName` waiting on a lock. */
export async function backendsWaitingOnLocks(adminUrl: string, appName: string): Promise<number> {
  const c = new pg.Client({ connectionString: adminUrl, application_name: 'reelforge-faults-admin' });
  c.on('error', () => {});
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'`,
      [appName],
    );
    return r.rows[0]!.n;
  } finally {
    await c.end().catch(() => {});
  }
}

// ---- GraphQL over HTTP, bounded ----

export interface HttpResult {
  status: number;
  ms: number;
  text: string;
  body: { data?: any; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] } | null;
}

export async function postGraphql(url: string, query: string, variables: Record<string, unknown> = {}, key?: string, timeoutMs = 10_000): Promise<HttpResult> {
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: HttpResult['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // left null: the assertion shows the text
  }
  return { status: res.status, ms: Date.now() - started, text, body };
}

/** Words that would mean an internal error reached the client. */
export const INTERNALS =
  /ECONNREFUSED|ECONNRESET|terminat|administrator|57P01|connect|socket|postgres|prisma|pg_|redis|stream isn't writeable|\.ts:\d+|node_modules|at [\w.]+ \(/i;
