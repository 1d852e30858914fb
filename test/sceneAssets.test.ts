// A scene's picture: web search into candidate assets (searchSceneImages), choosing among them
// (selectSceneAsset) and uploading your own image or clip (uploadSceneAsset, GraphQL multipart).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRAVE_KEY, braveBody, CSE_CX, CSE_KEY, cseBody, SERP_KEY, serpBody, startFakeApi, startImageHost, type Reply } from './images/search/fakeSearch.js';

const host = await startImageHost();
let cseReply: (n: number) => Reply = () => ({ status: 200, json: cseBody([]) });
let serpReply: (n: number) => Reply = () => ({ status: 200, json: serpBody([]) });
let braveReply: (n: number) => Reply = () => ({ status: 200, json: braveBody([]) });
const cse = await startFakeApi((_r, n) => cseReply(n));
const serp = await startFakeApi((_r, n) => serpReply(n));
const brave = await startFakeApi((_r, n) => braveReply(n));
Object.assign(process.env, {
  GOOGLE_CSE_API_KEY: CSE_KEY,
  GOOGLE_CSE_CX: CSE_CX,
  GOOGLE_CSE_BASE_URL: cse.url,
  SERPAPI_API_KEY: SERP_KEY,
  SERPAPI_BASE_URL: serp.url,
  BRAVE_API_KEY: BRAVE_KEY,
  BRAVE_BASE_URL: brave.url,
  DOWNLOAD_ALLOW_LOOPBACK: 'true',
  MAX_IMAGE_MB: '0.2',
  MAX_VIDEO_MB: '0.5',
});

const { createUser, gqlOk, prisma, rawId, globalId } = await import('./helpers.js');
const { approvedScript, closeRenderInfra, enqueue, startWorkers, waitForRender } = await import('./renderHelpers.js');
const { startServer } = await import('../src/server.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;

const SEARCH = `mutation($sceneId: ID!, $query: String) { searchSceneImages(sceneId: $sceneId, query: $query) {
  __typename
  ... on SearchSceneImagesSuccess { data { provider failures { provider reason }
      candidates { id kind provider width height mime metadata }
      scene { selectedAsset { id } } } }
  ... on ProviderFailedError { message failures { provider reason } }
  ... on ValidationError { message fields { path message } }
  ... on NotFoundError { message } } }`;

const hits = {
  good: [
    { image: host.url('/landscape.jpg'), page: 'https://example.org/wide', title: 'wide harbour', width: 1600, height: 900 },
    { image: host.url('/page.jpg'), page: 'https://example.org/fake', title: 'honeybee on a flower', width: 1080, height: 1920 },
    { image: host.url('/portrait.jpg'), page: 'https://example.org/bee', title: 'honeybee on a flower', width: 1080, height: 1920 },
    { image: 'https://www.shutterstock.com/bee.jpg', page: 'https://www.shutterstock.com/p', title: 'honeybee stock photo', width: 3000, height: 5000 },
    { image: host.url('/square.png'), page: 'https://example.org/sq', title: 'bee', width: 1200, height: 1200 },
  ],
};

let alice: TestUser;
let bob: TestUser;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  alice = await createUser('alice');
  bob = await createUser('bob');
  server = await startServer(0, '127.0.0.1');
});
afterAll(async () => {
  await server.close();
  await Promise.all([host.close(), cse.close(), serp.close(), brave.close()]);
});
beforeEach(() => {
  cseReply = () => ({ status: 200, json: cseBody(hits.good) });
  serpReply = () => ({ status: 200, json: serpBody(hits.good) });
  braveReply = () => ({ status: 200, json: braveBody(hits.good) });
});

async function sceneOf(user: TestUser) {
  const { scriptId, scenes } = await approvedScript(user, ['Honeybees dance to tell the hive where flowers are.', 'Wax cells hold the nectar.']);
  return { scriptId, sceneId: scenes[0]!.id as string, otherSceneId: scenes[1]!.id as string };
}

describe('searchSceneImages', () => {
  it('stores the best candidates (portrait first, non-images skipped, stock last) and selects the best', async () => {
    const { sceneId } = await sceneOf(alice);
    const r = (await gqlOk(SEARCH, { sceneId, query: 'honeybee flower' }, alice.key)).searchSceneImages;
    expect(r.__typename).toBe('SearchSceneImagesSuccess');
    const { candidates, provider, failures, scene } = r.data;
    expect(provider).toBe('google-cse');
    expect(failures).toEqual([]);
    expect(candidates).toHaveLength(3);
    expect(candidates[0].metadata.originalUrl).toBe(host.url('/portrait.jpg'));
    expect(candidates[0].metadata.sourcePage).toBe('https://example.org/bee');
    expect(candidates.map((c: any) => c.metadata.originalUrl)).not.toContain(host.url('/page.jpg'));
    for (const c of candidates) expect(c).toMatchObject({ kind: 'IMAGE', provider: 'google-cse', width: 720, height: 1280, mime: 'image/jpeg' });
    expect(candidates[0].metadata.score).toBeGreaterThan(candidates[1].metadata.score);
    expect(scene.selectedAsset.id).toBe(candidates[0].id);
    const q = cse.requests.at(-1)!.query;
    expect(q.get('q')).toBe('honeybee flower');
    expect(q.get('searchType')).toBe('image');
  });

  it('falls back to the next provider, listing the failure, and keeps a chosen picture', async () => {
    const { sceneId } = await sceneOf(alice);
    const first = (await gqlOk(SEARCH, { sceneId, query: 'honeybee' }, alice.key)).searchSceneImages.data;
    cseReply = () => ({ status: 403, json: { error: { code: 403, message: `key ${CSE_KEY} refused` } } });
    const r = (await gqlOk(SEARCH, { sceneId, query: 'honeybee flower' }, alice.key)).searchSceneImages;
    expect(r.data.provider).toBe('serpapi');
    expect(r.data.failures).toEqual([{ provider: 'google-cse', reason: expect.stringContaining('HTTP 403') }]);
    expect(JSON.stringify(r)).not.toContain(CSE_KEY);
    // The same pictures are the same assets, and the first choice stays selected.
    expect(r.data.candidates.map((c: any) => c.id)).toEqual(first.candidates.map((c: any) => c.id));
    expect(r.data.scene.selectedAsset.id).toBe(first.scene.selectedAsset.id);
  });

  it('answers ProviderFailedError naming each provider when all fail, storing nothing', async () => {
    const { sceneId } = await sceneOf(alice);
    cseReply = () => ({ status: 401, json: { error: { message: 'bad key' } } });
    serpReply = () => ({ status: 401, json: { error: 'Invalid API key' } });
    braveReply = () => ({ status: 401, json: { error: { detail: 'bad token' } } });
    const r = (await gqlOk(SEARCH, { sceneId, query: 'honeybee' }, alice.key)).searchSceneImages;
    expect(r.__typename).toBe('ProviderFailedError');
    expect(r.failures.map((f: any) => f.provider)).toEqual(['google-cse', 'serpapi', 'brave']);
    expect(r.message).toMatch(/google-cse.*serpapi.*brave/);
    expect(await prisma.asset.count({ where: { sceneId: rawId(sceneId) } })).toBe(0);
  });

  it('answers no candidates when nothing is found anywhere, and refuses bad input by name', async () => {
    const { sceneId } = await sceneOf(alice);
    cseReply = () => ({ status: 200, json: cseBody([]) });
    serpReply = () => ({ status: 200, json: serpBody([]) });
    braveReply = () => ({ status: 200, json: braveBody([]) });
    const none = (await gqlOk(SEARCH, { sceneId, query: 'zzqxj' }, alice.key)).searchSceneImages;
    expect(none.data.candidates).toEqual([]);
    const noQuery = (await gqlOk(SEARCH, { sceneId }, alice.key)).searchSceneImages;
    expect(noQuery.fields[0]).toEqual({ path: ['query'], message: expect.stringMatching(/imageQuery/) });
    const long = (await gqlOk(SEARCH, { sceneId, query: 'x'.repeat(301) }, alice.key)).searchSceneImages;
    expect(long.fields[0].path).toEqual(['query']);
    const foreign = (await gqlOk(SEARCH, { sceneId, query: 'bee' }, bob.key)).searchSceneImages;
    expect(foreign.__typename).toBe('NotFoundError');
  });
});

describe('generateSceneImage without a generator', () => {
  it('answers a ProviderFailedError naming no server variables, and Query.capabilities says so beforehand', async () => {
    const { sceneId } = await sceneOf(alice);
    const caps = await gqlOk('{ capabilities { imageSearch aiImages } }', {}, alice.key);
    expect(caps.capabilities).toEqual({ imageSearch: true, aiImages: false });
    const r = (
      await gqlOk(
        `mutation($sceneId: ID!) { generateSceneImage(sceneId: $sceneId, prompt: "a honeybee") { __typename
          ... on ProviderFailedError { message failures { provider reason } } } }`,
        { sceneId },
        alice.key,
      )
    ).generateSceneImage;
    expect(r).toEqual({
      __typename: 'ProviderFailedError',
      message: expect.stringMatching(/AI images are not configured on this server/),
      failures: [{ provider: 'aiImages', reason: 'not configured' }],
    });
    expect(r.message).not.toMatch(/GEMINI|API_KEY/);
    expect(await prisma.asset.count({ where: { sceneId: rawId(sceneId) } })).toBe(0);
  });
});

const SELECT = `mutation($sceneId: ID!, $assetId: ID) { selectSceneAsset(sceneId: $sceneId, assetId: $assetId) {
  __typename ... on SelectSceneAssetSuccess { data { version selectedAsset { id } script { status } } }
  ... on ValidationError { message fields { path message } } ... on NotFoundError { message } } }`;

describe('selectSceneAsset', () => {
  it("chooses among the scene's own images, returns an approved script to DRAFT, and refuses others'", async () => {
    const { sceneId, otherSceneId } = await sceneOf(alice);
    const found = (await gqlOk(SEARCH, { sceneId, query: 'honeybee' }, alice.key)).searchSceneImages.data;
    await prisma.script.updateMany({ where: { scenes: { some: { id: rawId(sceneId) } } }, data: { status: 'APPROVED' } });
    const chosen = found.candidates[2].id;
    const r = (await gqlOk(SELECT, { sceneId, assetId: chosen }, alice.key)).selectSceneAsset;
    expect(r.data.selectedAsset.id).toBe(chosen);
    expect(r.data.script.status).toBe('DRAFT');
    const wrongScene = (await gqlOk(SELECT, { sceneId: otherSceneId, assetId: chosen }, alice.key)).selectSceneAsset;
    expect(wrongScene.fields[0].path).toEqual(['assetId']);
    const bobs = (await gqlOk(SELECT, { sceneId, assetId: chosen }, bob.key)).selectSceneAsset;
    expect(bobs.__typename).toBe('NotFoundError');
    const cleared = (await gqlOk(SELECT, { sceneId, assetId: null }, alice.key)).selectSceneAsset;
    expect(cleared.data.selectedAsset).toBeNull();
    const unknown = (await gqlOk(SELECT, { sceneId, assetId: globalId('Asset', '00000000-0000-4000-8000-000000000000') }, alice.key)).selectSceneAsset;
    expect(unknown.__typename).toBe('ValidationError');
  });
});

const UPLOAD = `mutation($sceneId: ID!, $file: File!) { uploadSceneAsset(sceneId: $sceneId, file: $file) {
  __typename ... on UploadSceneAssetSuccess { data { id kind mime width height durationMs provider metadata } }
  ... on ValidationError { message fields { path message } } ... on NotFoundError { message } } }`;

/** A GraphQL multipart request (the spec's operations / map / file parts) over real HTTP. */
async function upload(key: string, sceneId: string, body: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: UPLOAD, variables: { sceneId, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(body)], { type }), name);
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'graphql-require-preflight': '1' },
    body: form,
  });
  const out = { status: res.status, body: (await res.json()) as any };
  return out;
}

describe('uploadSceneAsset', () => {
  it('stores an image typed by its content, compressed to the frame, and selects it', async () => {
    const { sceneId } = await sceneOf(alice);
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const r = await upload(alice.key, sceneId, png, 'holiday.jpg', 'image/jpeg');
    const asset = r.body.data.uploadSceneAsset.data;
    expect(asset).toMatchObject({ kind: 'IMAGE', mime: 'image/jpeg', width: 720, height: 1280, provider: 'upload' });
    expect(asset.metadata).toMatchObject({ fileName: 'holiday.jpg', originalMime: 'image/png', originalBytes: png.length });
    const scene = await prisma.scene.findUniqueOrThrow({ where: { id: rawId(sceneId) } });
    expect(scene.selectedAssetId).toBe(rawId(asset.id));
  });

  it('stores a clip after probing it', async () => {
    const { sceneId } = await sceneOf(alice);
    const dir = await mkdtemp(join(tmpdir(), 'clip-'));
    const clip = join(dir, 'clip.mp4');
    await promisify(execFile)('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25:duration=1',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      clip,
    ]);
    const r = await upload(alice.key, sceneId, await readFile(clip), 'clip.mp4', 'video/mp4');
    expect(r.body.data.uploadSceneAsset.data).toMatchObject({ kind: 'VIDEO', mime: 'video/mp4', width: 320, height: 240, provider: 'upload' });
    expect(r.body.data.uploadSceneAsset.data.durationMs).toBeGreaterThan(900);
  });

  it('refuses what is not media, damaged or too large, naming the problem and storing nothing', async () => {
    const { sceneId } = await sceneOf(alice);
    const before = await prisma.asset.count();
    const text = await upload(alice.key, sceneId, Buffer.from('<html>definitely a picture</html>'), 'cat.png', 'image/png');
    expect(text.body.data.uploadSceneAsset.fields[0]).toEqual({ path: ['file'], message: expect.stringMatching(/not an image or video/) });
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#a33' } })
      .png()
      .toBuffer();
    const truncated = await upload(alice.key, sceneId, png.subarray(0, Math.floor(png.length / 2)), 'half.png', 'image/png');
    expect(truncated.body.data.uploadSceneAsset.fields[0].message).toMatch(/cannot be read/);
    // Over the image cap (0.2 MB) but under the upload cap (0.5 MB).
    const big = Buffer.concat([png, Buffer.alloc(300_000)]);
    const tooBigImage = await upload(alice.key, sceneId, big, 'big.png', 'image/png');
    expect(tooBigImage.body.data.uploadSceneAsset.fields[0].message).toMatch(/at most 209715/);
    // Over the upload cap: refused while streaming.
    const huge = await upload(alice.key, sceneId, Buffer.concat([png, Buffer.alloc(600_000)]), 'huge.png', 'image/png');
    expect(JSON.stringify(huge.body)).toMatch(/larger than|too large|limit/i);
    const empty = await upload(alice.key, sceneId, Buffer.alloc(0), 'empty.png', 'image/png');
    expect(JSON.stringify(empty.body)).toMatch(/empty/);
    const foreign = await upload(bob.key, sceneId, png, 'x.png', 'image/png');
    expect(foreign.body.data.uploadSceneAsset.__typename).toBe('NotFoundError');
    expect(await prisma.asset.count()).toBe(before);
  });
});

describe('rendering with an uploaded clip', () => {
  it('renders a reel that opens on the clip, its poster a frame of it', { timeout: 120_000 }, async () => {
    const { scriptId, sceneId } = await sceneOf(alice);
    const dir = await mkdtemp(join(tmpdir(), 'clip-'));
    const clip = join(dir, 'clip.mp4');
    // 1 s of red, shorter than the narration: it loops.
    await promisify(execFile)('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=red:size=320x240:rate=25:duration=1',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      clip,
    ]);
    const up = await upload(alice.key, sceneId, await readFile(clip), 'red.mp4', 'video/mp4');
    expect(up.body.data.uploadSceneAsset.data.kind).toBe('VIDEO');
    await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id: scriptId }, alice.key);
    const workers = startWorkers(['media', 'voice', 'compose']);
    try {
      const render = await enqueue(alice, scriptId, { resolution: 'P480', fps: 24 });
      const done = await waitForRender(rawId(render.id));
      expect(done.status).toBe('SUCCEEDED');
      const media0 = await prisma.renderStage.findFirstOrThrow({ where: { renderId: rawId(render.id), name: 'media:0' } });
      expect(media0.detail).toMatchObject({ clip: true, provider: 'upload' });
      const thumb = await prisma.asset.findUniqueOrThrow({ where: { id: done.thumbnailAssetId! } });
      const local = join(dir, 'thumb.jpg');
      const { getStorage } = await import('../src/jobs/providers.js');
      await getStorage().download(thumb.storageKey, local);
      // The poster is the red clip, not a drawn card.
      const { dominant } = await sharp(local).stats();
      expect(dominant.r).toBeGreaterThan(200);
      expect(dominant.g).toBeLessThan(60);
    } finally {
      await closeRenderInfra(workers);
    }
  });
});
