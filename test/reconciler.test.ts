// The reconciler (src/jobs/reconciler.ts) against the real Postgres and Redis: this file's queues
// are wiped under it (every key of its Redis prefix, as a flush or an empty restart would), and
// each pass is run by hand. The whole story with processes and a real redis-server restarted
// empty is in test/queueLoss.test.ts.
import { Job } from 'bullmq';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const { createUser, gqlOk, prisma, rawId } = await import('./helpers.js');
const { approvedScript, closeRenderInfra, enqueue, startWorkers, waitForRender } = await import('./renderHelpers.js');
const { MAX_RECOVERIES, reconcileOnce } = await import('../src/jobs/reconciler.js');
const { flowJobId } = await import('../src/jobs/renderFlow.js');
const { bullPrefix, getQueue } = await import('../src/jobs/queues.js');
const { scriptJobId } = await import('../src/jobs/scriptJob.js');
const { RenderCancelledError, runStage } = await import('../src/jobs/runStage.js');
const { env } = await import('../src/config.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;
type Workers = ReturnType<typeof startWorkers>;

const FAST = { fps: 30, resolution: 'P480', preset: 'ULTRAFAST' };
const NONE = { recovered: { renders: [], scripts: [], publications: [], webhooks: [] }, failed: { renders: [], scripts: [], publications: [] } };
const ENQUEUE = `mutation($s: ID!, $o: RenderOptionsInput) { enqueueRender(scriptId: $s, options: $o) {
  __typename ... on EnqueueRenderSuccess { data { id status } } ... on QuotaExceededError { quota used limit } } }`;
const GENERATE = `mutation($input: GenerateScriptInput!) { generateScript(input: $input) {
  __typename ... on GenerateScriptSuccess { data { id status } } ... on QuotaExceededError { quota used limit } } }`;

const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
let workers: Workers | null = null;

/** Every queue key of this file gone, as after a flush or a restart of a Redis without persistence. */
async function wipeQueues(): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${bullPrefix()}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) n += await redis.del(...keys);
  } while (cursor !== '0');
  return n;
}

async function rootOf(renderId: string, attempt: number) {
  return Job.fromId(getQueue('compose'), flowJobId(renderId, attempt, 'stitch'));
}

async function cancel(user: TestUser, renderId: string) {
  const r = await gqlOk(`mutation($id: ID!) { cancelRender(id: $id) { __typename } }`, { id: renderId }, user.key);
  expect(r.cancelRender.__typename).toBe('CancelRenderSuccess');
}

beforeAll(async () => {
  await wipeQueues();
});

afterAll(async () => {
  await closeRenderInfra(workers);
  redis.disconnect();
});

describe('a render whose jobs the queue lost', () => {
  it('is re-queued as a new try from its recorded scenes; finished stages keep their results and it SUCCEEDS', async () => {
    const alice = await createUser('alice');
    const { scriptId } = await approvedScript(alice, ['Otters hold hands while they sleep.', 'A group of otters is a raft.']);
    // Pictures and voices get made; nothing composes (no compose worker).
    workers = startWorkers(['media', 'voice']);
    const queued = await enqueue(alice, scriptId, FAST);
    const id = rawId(queued.id);
    const early = ['media:0', 'media:1', 'voice:0', 'voice:1'];
    const deadline = Date.now() + 20_000;
    while ((await prisma.renderStage.count({ where: { renderId: id, name: { in: early }, status: 'SUCCEEDED' } })) < 4) {
      if (Date.now() > deadline) throw new Error('media and voice stages did not finish');
      await new Promise((r) => setTimeout(r, 100));
    }
    await workers.close();
    workers = null;
    const before = await prisma.renderStage.findMany({ where: { renderId: id, name: { in: early } }, orderBy: { name: 'asc' } });

    // Nothing is lost yet: nothing to do. And a render younger than the grace is never looked at.
    expect(await rootOf(id, 0)).toBeDefined();
    expect(await reconcileOnce({ graceMs: 0 })).toEqual(NONE);

    expect(await wipeQueues()).toBeGreaterThan(0);
    expect(await rootOf(id, 0)).toBeUndefined();
    expect(await reconcileOnce({ graceMs: 60_000 })).toEqual(NONE);
    expect((await prisma.render.findUniqueOrThrow({ where: { id } })).attempt).toBe(0);

    const report = await reconcileOnce({ graceMs: 0 });
    expect(report).toEqual({ ...NONE, recovered: { renders: [id], scripts: [], publications: [], webhooks: [] } });
    const render = await prisma.render.findUniqueOrThrow({ where: { id } });
    expect(render).toMatchObject({ attempt: 1, recoveries: 1, errorStage: null });
    expect(['QUEUED', 'RUNNING']).toContain(render.status);
    expect(await rootOf(id, 1)).toBeDefined();
    // Stages that finished are untouched (status, result, attempts).
    const after = await prisma.renderStage.findMany({ where: { renderId: id, name: { in: early } }, orderBy: { name: 'asc' } });
    expect(after.map((s) => [s.name, s.status, s.detail, s.attempts])).toEqual(before.map((s) => [s.name, s.status, s.detail, s.attempts]));
    // Its jobs exist again: the next pass leaves it alone.
    expect(await reconcileOnce({ graceMs: 0 })).toEqual(NONE);

    workers = startWorkers();
    const done = await waitForRender(id, 60_000);
    expect(done.status, `${done.errorStage}: ${done.errorMessage}`).toBe('SUCCEEDED');
    expect(done.outputAssetId).not.toBeNull();
    // The finished stages were not run again.
    const final = await prisma.renderStage.findMany({ where: { renderId: id, name: { in: early } }, orderBy: { name: 'asc' } });
    expect(final.map((s) => [s.name, s.attempts, s.startedAt])).toEqual(before.map((s) => [s.name, s.attempts, s.startedAt]));
    await workers.close();
    workers = null;
  }, 90_000);

  it('lost again and again: FAILED after MAX_RECOVERIES re-queues, says why, stops counting against the quota, and retryRender works', async () => {
    const bob = await createUser('bob');
    const { scriptId } = await approvedScript(bob, ['Crows remember faces.']);
    const quota = env.MAX_RENDERS_IN_FLIGHT;
    env.MAX_RENDERS_IN_FLIGHT = 1;
    try {
      const first = await enqueue(bob, scriptId, FAST);
      const id = rawId(first.id);
      // In flight, it takes bob's one slot.
      const refused = await gqlOk(ENQUEUE, { s: scriptId, o: FAST }, bob.key);
      expect(refused.enqueueRender).toMatchObject({ __typename: 'QuotaExceededError', quota: 'rendersInFlight', used: 1, limit: 1 });

      for (let i = 1; i <= MAX_RECOVERIES; i++) {
        await wipeQueues();
        expect((await reconcileOnce({ graceMs: 0 }))!.recovered.renders).toEqual([id]);
        expect(await prisma.render.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'QUEUED', attempt: i, recoveries: i });
        expect(await rootOf(id, i)).toBeDefined();
      }
      await wipeQueues();
      expect(await reconcileOnce({ graceMs: 0 })).toEqual({ ...NONE, failed: { renders: [id], scripts: [], publications: [] } });
      const failed = await prisma.render.findUniqueOrThrow({ where: { id } });
      expect(failed.status).toBe('FAILED');
      expect(failed.errorStage).toBe('queue');
      expect(failed.errorMessage).toMatch(
        new RegExp(`lost this render's jobs ${MAX_RECOVERIES + 1} times .*re-queued ${MAX_RECOVERIES} times; retryRender it`),
      );
      expect(failed.finishedAt).not.toBeNull();
      // Nothing more happens to it.
      expect(await reconcileOnce({ graceMs: 0 })).toEqual(NONE);

      // It no longer takes the slot.
      const second = await gqlOk(ENQUEUE, { s: scriptId, o: FAST }, bob.key);
      expect(second.enqueueRender.__typename).toBe('EnqueueRenderSuccess');
      await cancel(bob, second.enqueueRender.data.id);

      const retried = await gqlOk(
        `mutation($id: ID!) { retryRender(id: $id) { __typename ... on RetryRenderSuccess { data { status error { stage } } } } }`,
        { id: first.id },
        bob.key,
      );
      expect(retried.retryRender).toEqual({ __typename: 'RetryRenderSuccess', data: { status: 'QUEUED', error: null } });
      const again = await prisma.render.findUniqueOrThrow({ where: { id } });
      expect(again).toMatchObject({ status: 'QUEUED', attempt: MAX_RECOVERIES + 1, recoveries: 0 });
      expect(await rootOf(id, MAX_RECOVERIES + 1)).toBeDefined();
      // A fresh budget: the next loss is re-queued again.
      await wipeQueues();
      expect((await reconcileOnce({ graceMs: 0 }))!.recovered.renders).toEqual([id]);
      await cancel(bob, first.id);
    } finally {
      env.MAX_RENDERS_IN_FLIGHT = quota;
    }
  });

  it("a job of the lost try still running in a worker stops without writing the new try's stage rows", async () => {
    const carol = await createUser('carol');
    const { scriptId } = await approvedScript(carol, ['Octopuses taste with their arms.']);
    const queued = await enqueue(carol, scriptId, FAST);
    const id = rawId(queued.id);
    // The job as the worker that had taken it holds it (its Redis copy is about to vanish).
    const job = await Job.fromId(getQueue('media'), flowJobId(id, 0, 'media:0'));
    expect(job).toBeDefined();
    let aborted: unknown = null;
    const running = runStage(
      job!,
      id,
      'media:0',
      ({ signal }) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject((aborted = signal.reason)))),
    );
    running.catch(() => {});
    const deadline = Date.now() + 5_000;
    while ((await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: id, name: 'media:0' } } })).status !== 'RUNNING') {
      if (Date.now() > deadline) throw new Error('the stage never started');
      await new Promise((r) => setTimeout(r, 20));
    }

    await wipeQueues();
    expect((await reconcileOnce({ graceMs: 0 }))!.recovered.renders).toEqual([id]);
    // The reconciler handed the stage to the new try.
    const reset = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: id, name: 'media:0' } } });
    expect(reset).toMatchObject({ status: 'PENDING', progress: 0 });

    await expect(running).rejects.toBeInstanceOf(RenderCancelledError);
    expect(aborted).toBeInstanceOf(RenderCancelledError);
    const row = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: id, name: 'media:0' } } });
    expect(row.status).toBe('PENDING');
    expect(row.attempts).toBe(reset.attempts);
    expect(await prisma.render.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RUNNING', attempt: 1 });
    await cancel(carol, queued.id);
  });
});

describe('a script generation whose job the queue lost', () => {
  it('is re-queued; after MAX_RECOVERIES re-queues it ends FAILED, stops counting, and retryScriptGeneration writes it', async () => {
    const dave = await createUser('dave');
    const p = await gqlOk(`mutation { createProject(input: { title: "Lost" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, dave.key);
    const projectId = p.createProject.data.id;
    const prompt = 'Snails can sleep for three years. Their teeth are the strongest known material.';
    const quota = env.MAX_GENERATIONS_IN_FLIGHT;
    env.MAX_GENERATIONS_IN_FLIGHT = 1;
    try {
      const g = await gqlOk(GENERATE, { input: { projectId, prompt } }, dave.key);
      expect(g.generateScript.data.status).toBe('GENERATING');
      const id = rawId(g.generateScript.data.id);
      expect(await Job.fromId(getQueue('script'), scriptJobId(id, 0))).toBeDefined();
      const refused = await gqlOk(GENERATE, { input: { projectId, prompt } }, dave.key);
      expect(refused.generateScript).toMatchObject({ __typename: 'QuotaExceededError', quota: 'generationsInFlight', used: 1 });

      for (let i = 1; i <= MAX_RECOVERIES; i++) {
        await wipeQueues();
        expect(await reconcileOnce({ graceMs: 0 })).toEqual({ ...NONE, recovered: { renders: [], scripts: [id], publications: [], webhooks: [] } });
        expect(await prisma.script.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'GENERATING', attempt: i, recoveries: i });
        expect(await Job.fromId(getQueue('script'), scriptJobId(id, i))).toBeDefined();
      }
      await wipeQueues();
      expect(await reconcileOnce({ graceMs: 0 })).toEqual({ ...NONE, failed: { renders: [], scripts: [id], publications: [] } });
      const failed = await prisma.script.findUniqueOrThrow({ where: { id } });
      expect(failed.status).toBe('FAILED');
      expect(failed.failureReason).toMatch(new RegExp(`lost this script's jobs ${MAX_RECOVERIES + 1} times .*retryScriptGeneration it`));

      const other = await gqlOk(GENERATE, { input: { projectId, prompt } }, dave.key);
      expect(other.generateScript.__typename).toBe('GenerateScriptSuccess');
      // Its job is lost too; it is bound for FAILED the same way: end it now, by hand.
      await prisma.script.update({ where: { id: rawId(other.generateScript.data.id) }, data: { status: 'FAILED' } });

      const retried = await gqlOk(
        `mutation($id: ID!) { retryScriptGeneration(id: $id) { __typename ... on RetryScriptGenerationSuccess { data { status } } } }`,
        { id: g.generateScript.data.id },
        dave.key,
      );
      expect(retried.retryScriptGeneration).toEqual({ __typename: 'RetryScriptGenerationSuccess', data: { status: 'GENERATING' } });
      expect(await prisma.script.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempt: MAX_RECOVERIES + 1, recoveries: 0 });
      workers = startWorkers(['script']);
      const deadline = Date.now() + 20_000;
      let s = await prisma.script.findUniqueOrThrow({ where: { id } });
      while (s.status === 'GENERATING' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        s = await prisma.script.findUniqueOrThrow({ where: { id } });
      }
      expect(s.status, s.failureReason ?? '').toBe('DRAFT');
      expect(await prisma.scene.count({ where: { scriptId: id } })).toBeGreaterThan(0);
      await workers.close();
      workers = null;
    } finally {
      env.MAX_GENERATIONS_IN_FLIGHT = quota;
    }
  });
});

describe('one reconciler at a time', () => {
  it('a pass does nothing while another process holds the lock, and acts once it is released', async () => {
    const erin = await createUser('erin');
    const { scriptId } = await approvedScript(erin, ['Sloths can hold their breath for forty minutes.']);
    const queued = await enqueue(erin, scriptId, FAST);
    const id = rawId(queued.id);
    await wipeQueues();
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock(hashtext($1))', [`reelforge:reconciler:${process.env.DATABASE_SCHEMA}`]);
      expect(await reconcileOnce({ graceMs: 0 })).toBeNull();
      expect((await prisma.render.findUniqueOrThrow({ where: { id } })).attempt).toBe(0);
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [`reelforge:reconciler:${process.env.DATABASE_SCHEMA}`]);
      expect((await reconcileOnce({ graceMs: 0 }))!.recovered.renders).toEqual([id]);
    } finally {
      await other.end();
    }
    await cancel(erin, queued.id);
  });
});
