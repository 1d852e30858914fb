// deleteAccount against real renders (local storage): every row and stored file of the user goes,
// through the `account` queue job; keys and sessions stop at once; the status stays readable with
// its token after the account is gone; another user's rows and files are untouched.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { createUser, gql, gqlOk, prisma, rawId, type TestUser } from './helpers.js';
import { approvedScript, closeRenderInfra, enqueue, filesUnder, startWorkers, waitForRender, type RunningWorkers } from './renderHelpers.js';

const DELETE = `mutation { deleteAccount { __typename ... on DeleteAccountSuccess { data { statusToken deletion { status requestedAt } } } ... on Error { message } } }`;
const STATUS = `query($t: String!) { accountDeletion(statusToken: $t) { status finishedAt error removed { rows objects } } }`;
const PUBLISH = `mutation($id: ID!) { setRenderPublished(id: $id, published: true) { __typename } }`;

let server: RunningServer;
let workers: RunningWorkers;
const storageDir = process.env.STORAGE_DIR!;

async function renderedUser(name: string): Promise<{ user: TestUser; renderId: string; projectId: string }> {
  const user = await createUser(name);
  const s = await approvedScript(user, ['Otters hold hands while they sleep.', 'They keep a favourite stone.']);
  const render = await waitForRender(rawId((await enqueue(user, s.scriptId, { preset: 'ULTRAFAST' })).id));
  expect(render.status, `${render.errorStage}: ${render.errorMessage}`).toBe('SUCCEEDED');
  return { user, renderId: render.id, projectId: rawId(s.projectId) };
}

/** Stored files that belong to the user: under their project and render folders and their segment cache, and their public copies. */
async function filesOf(userId: string, projectIds: string[], renderIds: string[], publicKeys: string[]) {
  const all = await filesUnder(storageDir);
  return all
    .filter(
      (f) =>
        f.startsWith(join('segments', userId)) ||
        projectIds.some((p) => f.startsWith(join('projects', p))) ||
        renderIds.some((r) => f.startsWith(join('renders', r))) ||
        publicKeys.includes(f),
    )
    .filter((f) => /\.[a-z0-9]+$/.test(f));
}

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
  workers = startWorkers(['media', 'voice', 'compose', 'account']);
});

afterAll(async () => {
  await closeRenderInfra(workers);
  await server.close();
});

describe('deleteAccount', () => {
  it('removes every row and stored file the user owns, says when it is done, and leaves others alone', { timeout: 120_000 }, async () => {
    const [alice, bob] = await Promise.all([renderedUser('alice'), renderedUser('bob')]);
    const aliceRender = Buffer.from(`Render:${alice.renderId}`).toString('base64');
    expect((await gqlOk(PUBLISH, { id: aliceRender }, alice.user.key)).setRenderPublished.__typename).toBe('SetRenderPublishedSuccess');
    // A second way in: a session (bearer) beside the API key.
    await prisma.session.create({ data: { userId: alice.user.id, tokenHash: 'a'.repeat(64), method: 'demo', expiresAt: new Date(Date.now() + 86_400_000) } });
    await prisma.identity.create({ data: { userId: alice.user.id, provider: 'google', subject: `sub-${alice.user.id}`, email: 'alice@gmail.test' } });

    const publicKeys = (await prisma.asset.findMany({ where: { project: { ownerId: alice.user.id }, publicKey: { not: null } } })).map((a) => a.publicKey!);
    expect(publicKeys.length).toBe(2);
    const aliceFilesBefore = await filesOf(alice.user.id, [alice.projectId], [alice.renderId], publicKeys);
    expect(aliceFilesBefore.some((f) => f.startsWith('segments'))).toBe(true);
    expect(aliceFilesBefore.some((f) => f.startsWith('renders'))).toBe(true);
    expect(aliceFilesBefore.some((f) => f.startsWith('public'))).toBe(true);
    const bobFiles = await filesOf(bob.user.id, [bob.projectId], [bob.renderId], []);
    expect(bobFiles.length).toBeGreaterThan(0);
    const bobRows = await prisma.project.findMany({
      where: { ownerId: bob.user.id },
      include: { scripts: { include: { scenes: true, renders: true } }, assets: true },
    });

    const r = await gql(DELETE, {}, alice.user.key);
    expect(r.errors).toBeUndefined();
    const { statusToken, deletion } = r.data.deleteAccount.data;
    expect(statusToken).toMatch(/^rfd_[A-Za-z0-9_-]{43}$/);
    expect(['QUEUED', 'RUNNING', 'DONE']).toContain(deletion.status);
    // The key stops at once, before the job has run.
    const after = await gql('{ viewer { id } }', {}, alice.user.key);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    let status: any;
    await expect
      .poll(async () => (status = (await gql(STATUS, { t: statusToken })).data.accountDeletion).status, { timeout: 60_000, interval: 200 })
      .toBe('DONE');
    expect(status.error).toBeNull();
    expect(status.finishedAt).toEqual(expect.any(String));
    expect(status.removed.objects).toBeGreaterThanOrEqual(aliceFilesBefore.length);
    expect(status.removed.rows).toBeGreaterThan(10);

    // Rows: nothing of alice's is left anywhere.
    const owned = { ownerId: alice.user.id };
    expect(await prisma.user.findUnique({ where: { id: alice.user.id } })).toBeNull();
    expect(await prisma.project.count({ where: owned })).toBe(0);
    expect(await prisma.script.count({ where: owned })).toBe(0);
    expect(await prisma.render.count({ where: owned })).toBe(0);
    expect(await prisma.asset.count({ where: { projectId: alice.projectId } })).toBe(0);
    expect(await prisma.apiKey.count({ where: { userId: alice.user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: alice.user.id } })).toBe(0);
    expect(await prisma.identity.count({ where: { userId: alice.user.id } })).toBe(0);
    // Files: none of alice's, all of bob's.
    expect(await filesOf(alice.user.id, [alice.projectId], [alice.renderId], publicKeys)).toEqual([]);
    expect(await filesOf(bob.user.id, [bob.projectId], [bob.renderId], [])).toEqual(bobFiles);
    expect(
      await prisma.project.findMany({ where: { ownerId: bob.user.id }, include: { scripts: { include: { scenes: true, renders: true } }, assets: true } }),
    ).toEqual(bobRows);
    // The public reel is gone from the feed.
    const feed = await gql('{ reels(first: 100) { edges { node { id } } } }');
    expect(feed.data.reels.edges.map((e: any) => e.node.id)).not.toContain(Buffer.from(`Reel:${alice.renderId}`).toString('base64'));
  });

  it('finishes a deletion whose job the queue lost, once the reconciler looks', async () => {
    const { recoverAccountDeletions } = await import('../src/jobs/accountRecovery.js');
    const user = await createUser('lost');
    await prisma.project.create({ data: { ownerId: user.id, title: 'Left behind' } });
    await prisma.user.update({ where: { id: user.id }, data: { deletingAt: new Date() } });
    const deletion = await prisma.accountDeletion.create({ data: { userId: user.id, tokenHash: 'b'.repeat(64), requestedAt: new Date(Date.now() - 60_000) } });
    expect(await recoverAccountDeletions({ graceMs: 1_000 })).toEqual([deletion.id]);
    await expect.poll(async () => (await prisma.accountDeletion.findUniqueOrThrow({ where: { id: deletion.id } })).status, { timeout: 20_000 }).toBe('DONE');
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
    expect(await prisma.project.count({ where: { ownerId: user.id } })).toBe(0);
    // Done: nothing more to re-queue.
    expect(await recoverAccountDeletions({ graceMs: 0 })).toEqual([]);
  });

  it('answers null for an unknown or malformed status token, and needs a signed-in caller', async () => {
    for (const t of [`rfd_${'A'.repeat(43)}`, 'nonsense', 'x'.repeat(1000)]) expect((await gql(STATUS, { t })).data.accountDeletion).toBeNull();
    const anonymous = await gql(DELETE);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('with the queue unreachable, changes nothing and says so', async () => {
    const user = await createUser('carol');
    const { env } = await import('../src/config.js');
    const { closeQueues } = await import('../src/jobs/queues.js');
    await closeQueues();
    const saved = env.REDIS_URL;
    env.REDIS_URL = 'redis://127.0.0.1:1';
    try {
      const r = await gql(DELETE, {}, user.key);
      expect(r.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/job queue is unavailable: deleteAccount/),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    } finally {
      await closeQueues();
      env.REDIS_URL = saved;
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletingAt).toBeNull();
    expect(await prisma.accountDeletion.count({ where: { userId: user.id } })).toBe(0);
    expect((await gql('{ viewer { id } }', {}, user.key)).errors).toBeUndefined();
  });
});
