import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from 'pino';

// Finds the services the run command needs, or starts private ones, so that `npm start` works on
// a machine with nothing but Node. Never used by tests: they need the real services.

export interface Infra {
  databaseUrl: string;
  /** True when the database is the embedded PGlite (one connection only). */
  embeddedDatabase: boolean;
  redisUrl: string | null;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function startEmbeddedPostgres(dataDir: string, log: Logger) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dir = resolve(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  log.info({ dataDir: dir, port }, 'started embedded Postgres (PGlite): data kept under %s', dir);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function startPrivateRedis(dataDir: string, log: Logger) {
  const port = await freePort();
  const dir = resolve(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    // Append-only file under DATA_DIR (fsync every second): a restart keeps the queues. No snapshots.
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir, '--logfile', join(dir, 'redis.log')],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) {
      log.info({ port, dataDir: dir }, 'started a private redis-server on port %d: data kept under %s', port, dir);
      // SIGTERM makes it write out the append-only file; wait (bounded) so a restart reads all of it.
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      return {
        url,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server was started but never answered');
}

export async function resolveInfra(opts: { databaseUrl?: string; redisUrl?: string; dataDir: string; allowEmbedded: boolean; log: Logger }): Promise<Infra> {
  const stops: (() => Promise<void>)[] = [];
  const { log } = opts;

  let databaseUrl = opts.databaseUrl;
  let embeddedDatabase = false;
  if (databaseUrl && !(await postgresAnswers(databaseUrl))) {
    if (!opts.allowEmbedded) throw new Error(`DATABASE_URL does not answer (${new URL(databaseUrl).host})`);
    log.warn('DATABASE_URL (%s) does not answer: using the embedded database instead', new URL(databaseUrl).host);
    databaseUrl = undefined;
  }
  if (!databaseUrl) {
    if (!opts.allowEmbedded) throw new Error('DATABASE_URL is not set');
    const pgl = await startEmbeddedPostgres(opts.dataDir, log);
    databaseUrl = pgl.url;
    embeddedDatabase = true;
    stops.push(pgl.stop);
  }

  let redisUrl: string | null = opts.redisUrl ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(redisUrl))) {
    // In production a private Redis would take jobs no worker reads: stop here instead.
    if (!opts.allowEmbedded) throw new Error(opts.redisUrl ? `REDIS_URL does not answer (${new URL(opts.redisUrl).host})` : 'REDIS_URL is not set');
    if (opts.redisUrl) log.warn('REDIS_URL (%s) does not answer', new URL(opts.redisUrl).host);
    if (hasBinary('redis-server')) {
      const r = await startPrivateRedis(opts.dataDir, log);
      redisUrl = r.url;
      stops.push(r.stop);
    } else {
      redisUrl = null;
      log.warn('No Redis: install one with `apt-get install redis-server` or run `docker compose up -d redis`, then set REDIS_URL');
    }
  }

  return {
    databaseUrl,
    embeddedDatabase,
    redisUrl,
    stop: async () => {
      for (const s of stops.reverse()) await s().catch(() => {});
    },
  };
}
