// The queue's Redis loses its data: work is enqueued while no worker runs, Redis is stopped, its
// data deleted and started empty, then a worker process starts. The database is the source of
// truth: the worker's reconciler re-creates the jobs and the render and the script both finish.
// Runs on its own redis-server (test/faultHelpers.ts); the machine's shared Redis is never touched.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllStarted, spawnWorker, startPrivateRedis, terminate, waitUntil } from './faultHelpers.js';

// Before any module reads the configuration (src/config.ts parses env once, at import).
const ORIGINAL_REDIS_URL = process.env.REDIS_URL;
const redis = await startPrivateRedis();
afterAll(async () => {
  // Registered first, so it runs last: processes, then Redis.
  await killAllStarted();
  await redis.stop();
  process.env.REDIS_URL = ORIGINAL_REDIS_URL;
});
process.env.REDIS_URL = redis.url;

const [
  { createUser, gqlOk, prisma, rawId },
  { approvedScript, closeRenderInfra, enqueue, waitForRender },
  { reconcileOnce },
  { flowJobId },
  { getQueue },
  { scriptJobId },
  { freePort, resolveInfra },
] = await Promise.all([
  import('./helpers.js'),
  import('./renderHelpers.js'),
  import('../src/jobs/reconciler.js'),
  import('../src/jobs/renderFlow.js'),
  import('../src/jobs/queues.js'),
  import('../src/jobs/scriptJob.js'),
  import('../src/infra.js'),
]).catch(async (err: unknown) => {
  await redis.stop();
  throw err;
});

afterAll(async () => {
  await closeRenderInfra(null);
});

const FAST = { fps: 30, resolution: 'P480', preset: 'ULTRAFAST' };

describe('Redis restarted empty while work waits for a worker', () => {
  it('a worker started afterwards re-creates the lost jobs: the render SUCCEEDS and the script is written', async () => {
    const alice = await createUser('alice');
    const { scriptId, projectId } = await approvedScript(alice, ['Bees dance to give directions.']);
    const queued = await enqueue(alice, scriptId, FAST);
    const renderId = rawId(queued.id);
    const g = await gqlOk(
      `mutation($input: GenerateScriptInput!) { generateScript(input: $input) { __typename ... on GenerateScriptSuccess { data { id status } } } }`,
      { input: { projectId, prompt: 'Koalas sleep most of the day. They eat eucalyptus leaves.' } },
      alice.key,
    );
    expect(g.generateScript.data.status).toBe('GENERATING');
    const genId = rawId(g.generateScript.data.id);
    expect(await Job.fromId(getQueue('compose'), flowJobId(renderId, 0, 'stitch'))).toBeDefined();
    expect(await Job.fromId(getQueue('script'), scriptJobId(genId, 0))).toBeDefined();

    await redis.wipe();
    // Redis down: a pass cannot tell what is lost, so it changes nothing.
    await expect(reconcileOnce({ graceMs: 0 })).rejects.toThrow();
    expect(await prisma.render.findUniqueOrThrow({ where: { id: renderId } })).toMatchObject({ status: 'QUEUED', attempt: 0, recoveries: 0 });
    expect(await prisma.script.findUniqueOrThrow({ where: { id: genId } })).toMatchObject({ status: 'GENERATING', attempt: 0 });

    await redis.start();
    // Once the producer has reconnected: the queue answers, and it no longer holds the render's flow.
    const found = await waitUntil(
      'the queue to answer again',
      () =>
        Job.fromId(getQueue('compose'), flowJobId(renderId, 0, 'stitch')).then(
          (j) => ({ j }),
          () => null,
        ),
      10_000,
      100,
    );
    expect(found.j).toBeUndefined();
    // The empty Redis also evicts keys under memory pressure: the worker says so at start-up.
    const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    admin.disconnect();

    const worker = await spawnWorker({ RECONCILE_INTERVAL_MS: '1000', RECONCILE_GRACE_MS: '2000', LOG_LEVEL: 'info' });
    const rendered = await waitForRender(renderId, 40_000);
    expect(rendered.status, `${rendered.errorStage}: ${rendered.errorMessage}\n${worker.output().slice(-3000)}`).toBe('SUCCEEDED');
    expect(rendered).toMatchObject({ attempt: 1, recoveries: 1 });
    expect(rendered.outputAssetId).not.toBeNull();
    const written = await waitUntil(
      'the script to be written',
      async () => {
        const s = await prisma.script.findUniqueOrThrow({ where: { id: genId } });
        return s.status === 'GENERATING' ? null : s;
      },
      20_000,
    );
    expect(written, written.failureReason ?? '').toMatchObject({ status: 'DRAFT', attempt: 1, recoveries: 1 });
    expect(await prisma.scene.count({ where: { scriptId: genId } })).toBeGreaterThan(0);

    const log = worker.output();
    expect(log).toMatch(/maxmemory-policy is \\?"allkeys-lru\\?"/);
    expect(log).toMatch(/re-queued it from its recorded scenes/);
    expect(log).toMatch(/writer job: re-queued it/);
    await terminate(worker, 30_000);
  }, 60_000);
});

describe("npm start's private redis-server", () => {
  it('keeps its data across a restart (append-only file under DATA_DIR)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reelforge-infra-'));
    const log = pino({ level: 'silent' });
    // A REDIS_URL that does not answer, so a private redis-server is started.
    const opts = { databaseUrl: process.env.DATABASE_URL, redisUrl: `redis://127.0.0.1:${await freePort()}`, dataDir, allowEmbedded: true, log };
    try {
      const first = await resolveInfra(opts);
      expect(first.redisUrl).not.toBe(opts.redisUrl);
      const a = new Redis(first.redisUrl!, { maxRetriesPerRequest: 1 });
      await a.set('reelforge:kept', 'yes');
      a.disconnect();
      await first.stop();
      expect(await readdir(join(dataDir, 'redis'))).toContain('appendonlydir');

      const second = await resolveInfra({ ...opts, redisUrl: `redis://127.0.0.1:${await freePort()}` });
      const b = new Redis(second.redisUrl!, { maxRetriesPerRequest: 1 });
      expect(await b.get('reelforge:kept')).toBe('yes');
      expect(await b.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      b.disconnect();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
