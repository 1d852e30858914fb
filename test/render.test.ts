import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStorage, localStorageDir } from '../src/jobs/providers.js';
import { workRoot } from '../src/jobs/runStage.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createUser, gqlOk, prisma, rawId, type TestUser } from './helpers.js';
import {
  approvedScript,
  closeRenderInfra,
  collect,
  enqueue,
  filesLeftAfter,
  filesUnder,
  settled,
  startWorkers,
  waitForRender,
  wsClient,
  type RunningWorkers,
} from './renderHelpers.js';

const run = promisify(execFile);

const SENTENCES = [
  'Honeybees dance to tell the hive where flowers are.',
  'A forager visits a hundred flowers on every trip.',
  'Wax cells hold the nectar while it slowly thickens.',
  'Sealed honey can stay good for thousands of years.',
];

const PROGRESS = `subscription($id: ID!) { renderProgress(renderId: $id) {
  kind stageName status progress elapsedMs render { status } } }`;

async function ffprobe(path: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
  return JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate?: string }[];
  };
}

describe('rendering a reel', () => {
  let alice: TestUser;
  let bob: TestUser;
  let server: RunningServer;
  let workers: RunningWorkers | null = null;

  beforeAll(async () => {
    alice = await createUser('alice');
    bob = await createUser('bob');
    server = await startServer(0, '127.0.0.1');
  });

  afterAll(async () => {
    await closeRenderInfra(workers);
    await server.close();
  });

  it('renders a 480p reel, streaming every stage in order to a subscriber', async () => {
    const { scriptId } = await approvedScript(alice, SENTENCES);
    const queued = await enqueue(alice, scriptId, { fps: 30, resolution: 'P480', preset: 'VERYFAST', music: { track: 'UPBEAT', volume: 0.2 } });
    expect(queued.status).toBe('QUEUED');

    // Subscribed before any worker runs: sees the whole render.
    const client = wsClient(server.url, alice.key);
    const sub = collect(client, PROGRESS, { id: queued.id });
    const refused = collect(wsClient(server.url, bob.key), PROGRESS, { id: queued.id });
    await refused.done;
    expect(JSON.stringify(refused.errors)).toMatch(/not found/i);
    expect(refused.events).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 300));
    workers = startWorkers(['media', 'voice', 'compose']);
    const render = await waitForRender(rawId(queued.id));
    expect(render.status, `${render.errorStage}: ${render.errorMessage}`).toBe('SUCCEEDED');
    await sub.done;
    await client.dispose();

    // Events: a snapshot first, then stages in a valid order, ending with the render's status.
    const events = sub.events.map((e: any) => e.renderProgress);
    expect(sub.errors).toEqual([]);
    expect(events[0].kind).toBe('SNAPSHOT');
    expect(events.at(-1)).toMatchObject({ kind: 'RENDER_STATUS', status: 'SUCCEEDED', progress: 1 });
    const index = (kind: string, stage: string) => events.findIndex((e: any) => e.kind === kind && e.stageName === stage);
    for (let i = 0; i < SENTENCES.length; i++) {
      for (const kind of ['media', 'voice', 'segment']) {
        expect(index('STAGE_STARTED', `${kind}:${i}`)).toBeGreaterThan(0);
        expect(index('STAGE_FINISHED', `${kind}:${i}`)).toBeGreaterThan(index('STAGE_STARTED', `${kind}:${i}`));
      }
      expect(index('STAGE_STARTED', `segment:${i}`)).toBeGreaterThan(index('STAGE_FINISHED', `media:${i}`));
      expect(index('STAGE_STARTED', `segment:${i}`)).toBeGreaterThan(index('STAGE_FINISHED', `voice:${i}`));
      expect(index('STAGE_STARTED', 'stitch')).toBeGreaterThan(index('STAGE_FINISHED', `segment:${i}`));
    }
    expect(index('STAGE_STARTED', 'upload')).toBeGreaterThan(index('STAGE_FINISHED', 'stitch'));
    // The soundtrack is mixed once every narration exists, before the stitch needs it.
    for (let i = 0; i < SENTENCES.length; i++) {
      expect(index('STAGE_STARTED', 'soundtrack')).toBeGreaterThan(index('STAGE_FINISHED', `voice:${i}`));
    }
    expect(index('STAGE_STARTED', 'stitch')).toBeGreaterThan(index('STAGE_FINISHED', 'soundtrack'));
    // Weighted progress climbs: below 1 until the last stage finishes, exactly 1 at the end.
    const uploadDone = index('STAGE_FINISHED', 'upload');
    expect(Math.max(...events.slice(0, uploadDone).map((e: any) => e.progress))).toBeLessThan(1);
    expect(events[uploadDone].progress).toBe(1);
    expect(events[index('STAGE_FINISHED', 'stitch')].progress).toBeGreaterThan(0.8);

    // The video: H.264 480x854 at 30 fps with AAC audio, as long as the narration (±5 %).
    const stored = await prisma.render.findUniqueOrThrow({
      where: { id: rawId(queued.id) },
      include: { outputAsset: true, thumbnailAsset: true, stages: true },
    });
    const videoPath = join(localStorageDir(), stored.outputAsset!.storageKey);
    const info = await ffprobe(videoPath);
    const video = info.streams.find((s) => s.codec_type === 'video')!;
    const audio = info.streams.find((s) => s.codec_type === 'audio')!;
    expect(video).toMatchObject({ codec_name: 'h264', width: 480, height: 854, r_frame_rate: '30/1' });
    expect(audio.codec_name).toBe('aac');
    expect(info.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    const soundtrack = stored.stages.find((s) => s.name === 'soundtrack')!;
    expect(soundtrack.detail).toMatchObject({ music: 'UPBEAT' });
    const voices = await prisma.asset.findMany({ where: { kind: 'AUDIO', scene: { scriptId: rawId(scriptId) } } });
    expect(voices).toHaveLength(SENTENCES.length);
    const narrationMs = voices.reduce((sum, a) => sum + a.durationMs!, 0);
    const durationMs = Number(info.format.duration) * 1000;
    expect(Math.abs(durationMs - narrationMs) / narrationMs).toBeLessThan(0.05);

    // The thumbnail is an image at output size; the output is served over HTTP by the API.
    const thumb = await sharp(join(localStorageDir(), stored.thumbnailAsset!.storageKey)).metadata();
    expect([thumb.width, thumb.height]).toEqual([480, 854]);
    const signed = new URL(await getStorage().signedUrl(stored.outputAsset!.storageKey));
    const res = await fetch(server.url.replace('/graphql', `${signed.pathname}${signed.search}`), { headers: { range: 'bytes=0-99' } });
    expect(res.status).toBe(206);
    expect((await res.arrayBuffer()).byteLength).toBe(100);

    // Stage rows: all SUCCEEDED with timings that fit inside the render's.
    expect(stored.stages).toHaveLength(SENTENCES.length * 3 + 3);
    for (const s of stored.stages) {
      expect(s.status, s.name).toBe('SUCCEEDED');
      expect(s.durationMs, s.name).toBeGreaterThanOrEqual(0);
      expect(s.finishedAt!.getTime() - s.startedAt!.getTime()).toBe(s.durationMs);
      expect(s.startedAt!.getTime()).toBeGreaterThanOrEqual(stored.startedAt!.getTime());
      expect(s.finishedAt!.getTime()).toBeLessThanOrEqual(stored.finishedAt!.getTime());
    }
    const total = stored.stages.reduce((sum, s) => sum + s.durationMs!, 0);
    expect(stored.durationMs!).toBeLessThanOrEqual(total + 2000);
    expect(stored.progress).toBe(1);
    expect(await filesUnder(workRoot())).toEqual([]);
  }, 180_000);

  it('re-encodes only the edited scene on a second render, and its output differs', async () => {
    workers ??= startWorkers(['media', 'voice', 'compose']);
    const { scriptId, scenes } = await approvedScript(alice, SENTENCES);
    const first = await waitForRender(rawId((await enqueue(alice, scriptId)).id));
    expect(first.status).toBe('SUCCEEDED');

    const edited = await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: scenes[2]!.id, version: scenes[2]!.version, narration: 'Bees fan their wings to dry the nectar.' } },
      alice.key,
    );
    expect(edited.updateScene.__typename).toBe('UpdateSceneSuccess');
    await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id: scriptId }, alice.key);
    const second = await waitForRender(rawId((await enqueue(alice, scriptId)).id));
    expect(second.status).toBe('SUCCEEDED');

    const segments = await prisma.renderStage.findMany({ where: { renderId: second.id, name: { startsWith: 'segment:' } }, orderBy: { name: 'asc' } });
    const reused = segments.map((s) => (s.detail as { reused: boolean }).reused);
    expect(reused).toEqual([true, true, false, true]);
    const stitch = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: second.id, name: 'stitch' } } });
    expect(stitch.detail).toMatchObject({ segments: 4, reusedSegments: 3 });

    const [a, b] = await Promise.all([first, second].map((r) => prisma.asset.findUniqueOrThrow({ where: { id: r.outputAssetId! } })));
    expect(a!.storageKey).not.toBe(b!.storageKey);
    const storage = getStorage();
    const [sizeA, sizeB] = await Promise.all([storage.size(a!.storageKey), storage.size(b!.storageKey)]);
    expect(sizeA).not.toBe(sizeB);
    expect(await filesUnder(workRoot())).toEqual([]);
  }, 180_000);

  it('renders 720p at 24 fps with one-word-at-a-time subtitles', async () => {
    workers ??= startWorkers(['media', 'voice', 'compose']);
    const { scriptId } = await approvedScript(alice, ['Tall frames hold more detail.', 'Cinema runs at twenty four frames.']);
    const done = await waitForRender(rawId((await enqueue(alice, scriptId, { resolution: 'P720', fps: 24, subtitleStyle: 'WORD', preset: 'ULTRAFAST' })).id));
    expect(done.status, `${done.errorStage}: ${done.errorMessage}`).toBe('SUCCEEDED');
    const output = await prisma.asset.findUniqueOrThrow({ where: { id: done.outputAssetId! } });
    const info = await ffprobe(join(localStorageDir(), output.storageKey));
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 720, height: 1280, r_frame_rate: '24/1' });
    expect(output).toMatchObject({ width: 720, height: 1280, mime: 'video/mp4' });
    expect(done.options).toMatchObject({ resolution: 'P720', fps: 24, subtitleStyle: 'WORD', preset: 'ULTRAFAST' });
  }, 60_000);

  it('renders the script as enqueued, whatever is edited or removed meanwhile, and records where each scene sits', async () => {
    workers ??= startWorkers(['media', 'voice', 'compose']);
    const original = ['Owls turn their heads almost all the way round.', 'Their feathers make no sound in flight.'];
    const { scriptId, scenes } = await approvedScript(alice, original);
    const queued = await enqueue(alice, scriptId);
    // Straight after enqueueing, whether or not a worker has begun: rewrite one scene, remove the other.
    const edited = await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: scenes[0]!.id, version: scenes[0]!.version, narration: 'Something else entirely.' } },
      alice.key,
    );
    expect(edited.updateScene.__typename).toBe('UpdateSceneSuccess');
    const removed = await gqlOk(`mutation($id: ID!) { removeScene(id: $id) { __typename } }`, { id: scenes[1]!.id }, alice.key);
    expect(removed.removeScene.__typename).toBe('RemoveSceneSuccess');

    const done = await waitForRender(rawId(queued.id));
    expect(done.status, `${done.errorStage}: ${done.errorMessage}`).toBe('SUCCEEDED');
    const rendered = await prisma.renderedScene.findMany({
      where: { renderId: done.id },
      orderBy: { position: 'asc' },
      include: { narrationAsset: true, asset: true },
    });
    expect(rendered.map((r) => r.narration)).toEqual(original);
    expect(rendered[1]!.sceneId).toBeNull();
    // The words spoken and burned in are the enqueued ones.
    for (const [i, r] of rendered.entries()) {
      const words = (r.narrationAsset!.metadata as { words: { word: string }[] }).words.map((w) => w.word).join(' ');
      expect(words.replace(/[.,]/g, '')).toBe(original[i]!.replace(/[.,]/g, ''));
      expect(r.asset?.kind).toBe('IMAGE');
    }
    // Scenes tile the video: each starts where the last ended, and together they last as long as it.
    const output = await prisma.asset.findUniqueOrThrow({ where: { id: done.outputAssetId! } });
    expect(rendered[0]!.startMs).toBe(0);
    expect(rendered[1]!.startMs).toBe(rendered[0]!.durationMs);
    const total = rendered[1]!.startMs! + rendered[1]!.durationMs!;
    expect(Math.abs(total - output.durationMs!)).toBeLessThan(60);
    const reel = await gqlOk(`query($id: ID!) { node(id: $id) { ... on Render { title scenes(first: 5) { totalCount } } } }`, { id: queued.id }, alice.key);
    expect(reel.node.scenes.totalCount).toBe(2);
  }, 60_000);

  it('fails naming the stage when an image is unreadable, and retries from there once fixed', async () => {
    workers ??= startWorkers(['media', 'voice', 'compose']);
    const { projectId, scriptId, scenes } = await approvedScript(alice, SENTENCES.slice(0, 2));
    // A "picture" that is not one: the media stage cannot read it.
    const key = `projects/${rawId(projectId)}/broken.jpg`;
    await getStorage().put(key, { data: Buffer.from('this is not a jpeg') }, 'image/jpeg');
    const broken = await prisma.asset.create({
      data: {
        projectId: rawId(projectId),
        sceneId: rawId(scenes[1]!.id),
        kind: 'IMAGE',
        storageKey: key,
        url: 'x',
        mime: 'image/jpeg',
        bytes: 18,
        provider: 'upload',
        contentHash: 'broken',
      },
    });
    await prisma.scene.update({ where: { id: rawId(scenes[1]!.id) }, data: { selectedAssetId: broken.id } });

    const queued = await enqueue(alice, scriptId);
    const failed = await waitForRender(rawId(queued.id));
    expect(failed.status).toBe('FAILED');
    expect(failed.errorStage).toBe('media:1');
    expect(failed.errorMessage).toBeTruthy();
    const r = await gqlOk(`query($id: ID!) { node(id: $id) { ... on Render { status error { stage message } } } }`, { id: queued.id }, alice.key);
    expect(r.node.error.stage).toBe('media:1');
    const mediaStage = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: failed.id, name: 'media:1' } } });
    expect(mediaStage.status).toBe('FAILED');
    expect(mediaStage.attempts).toBe(1); // a permanent error is not retried
    await settled(failed.id);
    // Work that was running when the render failed stops within a second, leaving nothing behind.
    expect(await filesLeftAfter(workRoot())).toEqual([]);

    // A retry renders the same record (the picture chosen at enqueue), so editing the scene changes
    // nothing; repairing the stored file does. Finished stages are kept, the failed one runs again.
    await prisma.scene.update({ where: { id: rawId(scenes[1]!.id) }, data: { selectedAssetId: null } });
    const jpeg = await sharp({ create: { width: 64, height: 96, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    await getStorage().put(key, { data: jpeg }, 'image/jpeg');
    const voice0Before = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: failed.id, name: 'voice:0' } } });
    const retried = await gqlOk(
      `mutation($id: ID!) { retryRender(id: $id) { __typename ... on RetryRenderSuccess { data { status } } } }`,
      { id: queued.id },
      alice.key,
    );
    expect(retried.retryRender.data.status).toBe('QUEUED');
    const done = await waitForRender(failed.id);
    expect(done.status).toBe('SUCCEEDED');
    const voice0After = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: failed.id, name: 'voice:0' } } });
    expect(voice0After.attempts).toBe(voice0Before.attempts);
    const media1 = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: failed.id, name: 'media:1' } } });
    expect(media1).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const rendered = await prisma.renderedScene.findUniqueOrThrow({ where: { renderId_position: { renderId: failed.id, position: 1 } } });
    expect(rendered.assetId).toBe(broken.id);

    // Bob can neither retry nor cancel Alice's render.
    const bobRetry = await gqlOk(`mutation($id: ID!) { retryRender(id: $id) { __typename } }`, { id: queued.id }, bob.key);
    expect(bobRetry.retryRender.__typename).toBe('NotFoundError');
  }, 180_000);

  it('retries a transient failure with backoff and succeeds once the cause is gone', async () => {
    workers ??= startWorkers(['media', 'voice', 'compose']);
    const { projectId, scriptId, scenes } = await approvedScript(alice, SENTENCES.slice(0, 1));
    // The scene's picture points at a file that is not in storage yet: a transient failure.
    const key = `projects/${rawId(projectId)}/late.png`;
    const late = await prisma.asset.create({
      data: {
        projectId: rawId(projectId),
        sceneId: rawId(scenes[0]!.id),
        kind: 'IMAGE',
        storageKey: key,
        url: 'x',
        mime: 'image/png',
        bytes: 0,
        provider: 'upload',
        contentHash: 'late',
      },
    });
    await prisma.scene.update({ where: { id: rawId(scenes[0]!.id) }, data: { selectedAssetId: late.id } });
    const queued = await enqueue(alice, scriptId);
    const id = rawId(queued.id);
    // Wait for the first failed attempt, then make the file appear.
    for (let i = 0; i < 200; i++) {
      const stage = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: id, name: 'media:0' } } });
      if (stage.attempts >= 1 && stage.error) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const failedOnce = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: id, name: 'media:0' } } });
    expect(failedOnce).toMatchObject({ status: 'PENDING' });
    expect(failedOnce.error).toMatch(/not found/i);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    await getStorage().put(key, { data: png }, 'image/png');
    const done = await waitForRender(id);
    expect(done.status).toBe('SUCCEEDED');
    const media = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: id, name: 'media:0' } } });
    expect(media.status).toBe('SUCCEEDED');
    expect(media.attempts).toBeGreaterThanOrEqual(2);
    expect(media.error).toBeNull();
  }, 60_000);

  it('cancels a running render: it ends CANCELLED, work stops, no temp files remain', async () => {
    workers ??= startWorkers(['media', 'voice', 'compose']);
    const long = Array.from({ length: 8 }, (_, i) => `Scene number ${i + 1} talks for a while about bees and their long summer days.`);
    const { scriptId } = await approvedScript(alice, long);
    const queued = await enqueue(alice, scriptId);
    const id = rawId(queued.id);
    for (let i = 0; i < 300; i++) {
      const running = await prisma.renderStage.count({ where: { renderId: id, status: 'SUCCEEDED' } });
      if (running >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const c = await gqlOk(
      `mutation($id: ID!) { cancelRender(id: $id) { __typename ... on CancelRenderSuccess { data { status } } } }`,
      { id: queued.id },
      alice.key,
    );
    expect(c.cancelRender.data.status).toBe('CANCELLED');
    // Running stages stop on their own; nothing finishes the render afterwards.
    await settled(id);
    expect(await filesLeftAfter(workRoot())).toEqual([]);
    const after = await prisma.render.findUniqueOrThrow({ where: { id }, include: { stages: true } });
    expect(after.status).toBe('CANCELLED');
    expect(after.outputAssetId).toBeNull();
    expect(after.stages.filter((s) => s.status === 'RUNNING' || s.status === 'PENDING')).toEqual([]);
    expect(after.stages.some((s) => s.status === 'CANCELLED')).toBe(true);
    expect(await filesUnder(workRoot())).toEqual([]);
    const again = await gqlOk(`mutation($id: ID!) { cancelRender(id: $id) { __typename ... on ValidationError { message } } }`, { id: queued.id }, alice.key);
    expect(again.cancelRender.__typename).toBe('ValidationError');
  }, 120_000);

  it('a worker that cannot wait at shutdown aborts its stages, cleans up, and hands the work back', async () => {
    await workers?.close();
    workers = null;
    const impatient = startWorkers(['media', 'voice', 'compose'], 0);
    const { scriptId } = await approvedScript(alice, [
      'Shutdown test scene one speaks about the river at dawn.',
      'Shutdown test scene two speaks about boats on the water.',
    ]);
    const queued = await enqueue(alice, scriptId);
    const id = rawId(queued.id);
    for (let i = 0; i < 400; i++) {
      const encoding = await prisma.renderStage.count({ where: { renderId: id, name: { startsWith: 'segment:' }, status: 'RUNNING' } });
      if (encoding > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await impatient.close();
    const interrupted = await prisma.renderStage.findMany({ where: { renderId: id, name: { startsWith: 'segment:' } } });
    // Nothing is left running or failed: an encode that was cut off is PENDING (handed back, saying
    // why); one that finished just before the cut is SUCCEEDED.
    for (const stage of interrupted) {
      expect(['PENDING', 'SUCCEEDED'], stage.name).toContain(stage.status);
      if (stage.status === 'PENDING' && stage.attempts > 0) expect(stage.error).toMatch(/shut down/);
    }
    expect(await filesUnder(workRoot())).toEqual([]);
    expect((await prisma.render.findUniqueOrThrow({ where: { id } })).status).toBe('RUNNING');
    // Another worker picks the handed-back work up (after the retry backoff) and finishes.
    workers = startWorkers(['media', 'voice', 'compose']);
    const done = await waitForRender(id);
    expect(done.status).toBe('SUCCEEDED');
  }, 60_000);

  it('refuses to render a draft script and bad options, naming them, and writes nothing', async () => {
    const { scriptId, scenes } = await approvedScript(alice, SENTENCES.slice(0, 1));
    await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: scenes[0]!.id, version: scenes[0]!.version, narration: 'Changed.' } },
      alice.key,
    );
    const before = await prisma.render.count();
    const draft = await gqlOk(
      `mutation($id: ID!) { enqueueRender(scriptId: $id) { __typename ... on ValidationError { fields { path message } } } }`,
      { id: scriptId },
      alice.key,
    );
    expect(draft.enqueueRender.__typename).toBe('ValidationError');
    expect(draft.enqueueRender.fields[0].message).toMatch(/DRAFT/);
    const fps = await gqlOk(
      `mutation($id: ID!) { enqueueRender(scriptId: $id, options: { fps: 25 }) { __typename ... on ValidationError { fields { path message } } } }`,
      { id: scriptId },
      alice.key,
    );
    expect(fps.enqueueRender.__typename).toBe('ValidationError');
    expect(fps.enqueueRender.fields[0].path).toEqual(['options', 'fps']);
    expect(await prisma.render.count()).toBe(before);
  });
});
