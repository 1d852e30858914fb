// A publish worker process SIGKILLed mid-upload: the next worker resumes the recorded session from
// the byte YouTube confirmed, so exactly one video exists and no byte was accepted twice. And a
// publish job the queue lost (Redis flushed) is re-created by the reconciler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, startFakeGoogle } from './fakes/youtube.js';
import { fastForwardStalledJobs, killAllStarted, killHard, spawnWorker, waitUntil } from './faultHelpers.js';

const fake = await startFakeGoogle();
const FAKE_ENV = {
  GOOGLE_ISSUER: fake.url,
  GOOGLE_CLIENT_ID: CLIENT_ID,
  GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
  YOUTUBE_API_URL: fake.url,
  YOUTUBE_CHUNK_KB: '256',
  YOUTUBE_POLL_MS: '20',
};
Object.assign(process.env, FAKE_ENV);

const { createUser, globalId, gqlOk, prisma, rawId } = await import('./helpers.js');
const { closeRenderInfra, startWorkers } = await import('./renderHelpers.js');
const { PUBLISH, publishInput, renderWithVideo, seedChannel, waitForPublication } = await import('./publishHelpers.js');
const { bullPrefix, getQueue } = await import('../src/jobs/queues.js');
const { reconcileOnce } = await import('../src/jobs/reconciler.js');
const { publishJobId } = await import('../src/jobs/publishJob.js');

type TestUser = Awaited<ReturnType<typeof createUser>>;
let alice: TestUser;

beforeAll(async () => {
  alice = await createUser('alice');
});

afterAll(async () => {
  await killAllStarted();
  await closeRenderInfra();
  await fake.close();
});

/** Every byte of the video accepted exactly once, in order, in one session that made one video. */
function expectUploadedOnce(videoId: string, data: Buffer) {
  const videos = fake.videos.filter((v) => v.id === videoId);
  expect(videos).toHaveLength(1);
  expect(videos[0]!.bytes.equals(data)).toBe(true);
  const session = [...fake.sessions.values()].find((s) => s.videoId === videoId)!;
  const accepted = fake.accepted.filter((a) => a.session === session.id);
  expect(accepted.reduce((n, a) => (a.start === n ? n + a.length : -1), 0)).toBe(data.length);
}

describe('a publish worker SIGKILLed mid-upload', () => {
  it('is resumed by the next worker from the confirmed byte: one video, no byte twice', async () => {
    const { channel } = await seedChannel(alice, fake);
    const { renderId, data } = await renderWithVideo(alice, { bytes: 1_600_000 });
    fake.knobs.chunkDelayMs = 300;
    const first = await spawnWorker({ ...FAKE_ENV, WORKER_QUEUES: 'publish' });
    const initiations = fake.initiations;
    const queries = fake.statusQueries;
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const id = rawId(r.publishRender.data.id);
    // Killed once YouTube confirmed part of the video, with more to send.
    const caught = await waitUntil(
      'YouTube to confirm part of the upload',
      async () => {
        const p = await prisma.publication.findUniqueOrThrow({ where: { id } });
        return p.bytesConfirmed > 0 && p.bytesConfirmed < data.length ? p : null;
      },
      20_000,
      20,
    );
    expect(caught.uploadUri).toMatch(/upload_id=/);
    const killed = await killHard(first);
    expect(killed.signal).toBe('SIGKILL');
    fake.knobs.chunkDelayMs = 0;

    expect(await fastForwardStalledJobs(process.env.REDIS_URL!, bullPrefix(), ['publish'])).toEqual([`publish:${publishJobId(id, 0)}`]);
    const second = await spawnWorker({ ...FAKE_ENV, WORKER_QUEUES: 'publish' });
    const done = await waitForPublication(id, 30_000);
    expect(done.status, `${done.errorCode}: ${done.errorMessage}\n${second.output().slice(-2000)}`).toBe('PUBLISHED');
    expect(done.uploadUri).toBe(caught.uploadUri);
    expect(fake.initiations - initiations).toBe(1);
    expect(fake.statusQueries).toBeGreaterThan(queries);
    expectUploadedOnce(done.videoId!, data);
    await killHard(second);
  }, 90_000);
});

describe('a publish job the queue lost', () => {
  it('is re-created by the reconciler as a new try, which publishes once', async () => {
    const { channel } = await seedChannel(alice, fake);
    const { renderId, data } = await renderWithVideo(alice, { bytes: 900_000 });
    // No worker yet: the publication waits QUEUED; then its job vanishes (as after a Redis flush).
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const id = rawId(r.publishRender.data.id);
    await (await getQueue('publish').getJob(publishJobId(id, 0)))!.remove();
    await prisma.publication.update({ where: { id }, data: { enqueuedAt: new Date(Date.now() - 60_000) } });

    const report = await reconcileOnce({ graceMs: 0 });
    expect(report!.recovered.publications).toEqual([id]);
    expect((await prisma.publication.findUniqueOrThrow({ where: { id } })).attempt).toBe(1);
    const workers = startWorkers(['publish']);
    try {
      const done = await waitForPublication(id, 30_000);
      expect(done.status, `${done.errorCode}: ${done.errorMessage}`).toBe('PUBLISHED');
      expectUploadedOnce(done.videoId!, data);
    } finally {
      await workers.close();
    }
  }, 60_000);
});
