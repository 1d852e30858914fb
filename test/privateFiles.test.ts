// Caches never cross owners, and private files stay private: real renders (local storage, served by
// the API's /files route) by two users of the same narration, then publishing and unpublishing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { createUser, globalId, gql, gqlOk, prisma, rawId, type TestUser } from './helpers.js';
import { approvedScript, closeRenderInfra, enqueue, startWorkers, waitForRender, type RunningWorkers } from './renderHelpers.js';

const SENTENCES = ['Lighthouses once burned whale oil.', 'Their lenses bend light into one beam.'];
const FAST = { preset: 'ULTRAFAST' };

const RENDER = `query($id: ID!) { node(id: $id) { ... on Render { status published output { url } thumbnail { url } } } }`;
const REEL = `query($id: ID!) { node(id: $id) { ... on Reel { id video { url } thumbnail { url } } } }`;
const PUBLISH = `mutation($id: ID!, $published: Boolean!) { setRenderPublished(id: $id, published: $published) {
  __typename ... on SetRenderPublishedSuccess { data { published } } ... on Error { message } } }`;

interface SegmentDetail {
  reused: boolean;
  subtitlesKey: string;
  result: { key: string; hash: string };
}

async function segmentsOf(renderId: string): Promise<SegmentDetail[]> {
  const stages = await prisma.renderStage.findMany({ where: { renderId, name: { startsWith: 'segment:' } }, orderBy: { name: 'asc' } });
  return stages.map((s) => s.detail as unknown as SegmentDetail);
}

describe('private files and owner-scoped caches', () => {
  let alice: TestUser;
  let bob: TestUser;
  let server: RunningServer;
  let workers: RunningWorkers;
  let origin: string;
  let aliceFirst: string;
  let aliceScriptId: string;

  /** The API gives URLs under PUBLIC_URL; the server under test listens on its own port. */
  const fetchFile = (url: string, headers: Record<string, string> = {}) => {
    const u = new URL(url);
    return fetch(`${origin}${u.pathname}${u.search}`, { headers, signal: AbortSignal.timeout(10_000) });
  };

  beforeAll(async () => {
    alice = await createUser('alice');
    bob = await createUser('bob');
    server = await startServer(0, '127.0.0.1');
    origin = new URL(server.url).origin;
    workers = startWorkers(['media', 'voice', 'compose']);
  });

  afterAll(async () => {
    await closeRenderInfra(workers);
    await server.close();
  });

  it("does not reuse another user's segments of the same narration, and reuses the same owner's", async () => {
    const a = await approvedScript(alice, SENTENCES);
    aliceScriptId = a.scriptId;
    const first = await waitForRender(rawId((await enqueue(alice, a.scriptId, FAST)).id));
    expect(first.status, `${first.errorStage}: ${first.errorMessage}`).toBe('SUCCEEDED');
    aliceFirst = first.id;
    const b = await approvedScript(bob, SENTENCES);
    const bobs = await waitForRender(rawId((await enqueue(bob, b.scriptId, FAST)).id));
    expect(bobs.status, `${bobs.errorStage}: ${bobs.errorMessage}`).toBe('SUCCEEDED');

    const aliceSegments = await segmentsOf(first.id);
    const bobSegments = await segmentsOf(bobs.id);
    // Bob's scenes are encoded again: nothing says Alice rendered them, nothing points at her files.
    expect(bobSegments.map((s) => s.reused)).toEqual([false, false]);
    for (const [i, s] of bobSegments.entries()) {
      expect(s.result.key.startsWith(`segments/${bob.id}/`), s.result.key).toBe(true);
      expect(s.result.key).not.toBe(aliceSegments[i]!.result.key);
      expect(s.result.hash).not.toBe(aliceSegments[i]!.result.hash);
    }
    for (const s of aliceSegments) expect(s.result.key.startsWith(`segments/${alice.id}/`)).toBe(true);

    // Alice rendering the same script again reuses all of hers.
    const again = await waitForRender(rawId((await enqueue(alice, a.scriptId, FAST)).id));
    expect(again.status).toBe('SUCCEEDED');
    const reused = await segmentsOf(again.id);
    expect(reused.map((s) => s.reused)).toEqual([true, true]);
    expect(reused.map((s) => s.result.key)).toEqual(aliceSegments.map((s) => s.result.key));
  }, 120_000);

  it('names every private file with a secret token, never a plain content hash or a bare id', async () => {
    const assets = await prisma.asset.findMany({ where: { project: { ownerId: { in: [alice.id, bob.id] } } } });
    expect(assets.length).toBeGreaterThanOrEqual(10);
    for (const a of assets) {
      expect(a.storageKey).not.toContain(a.contentHash.slice(0, 16));
      expect(a.storageKey, a.storageKey).toMatch(/[-/][0-9a-f]{32}(\.[a-z0-9]+)?$/); // the token
      expect(a.publicKey).toBeNull();
      expect(a.url).toBeNull(); // the column is no longer written
    }
    const render = await prisma.render.findUniqueOrThrow({ where: { id: aliceFirst }, include: { outputAsset: true } });
    expect(render.outputAsset!.storageKey).toMatch(new RegExp(`^renders/${aliceFirst}/reel-[0-9a-f]{32}\\.mp4$`));
    for (const s of await segmentsOf(aliceFirst)) {
      expect(s.result.key).not.toContain(s.result.hash.slice(0, 16));
      expect(s.result.key).toMatch(/^segments\/[0-9a-f-]{36}\/[0-9a-f]{32}\.mp4$/);
      expect(s.subtitlesKey).toBe(s.result.key.replace(/\.mp4$/, '.ass'));
    }
  });

  it("serves an unpublished render only through its owner's signed URLs", async () => {
    const id = (await prisma.render.findUniqueOrThrow({ where: { id: aliceFirst } })).id;
    const r = await gqlOk(RENDER, { id: globalRender(id) }, alice.key);
    const video = new URL(r.node.output.url);
    expect(video.searchParams.get('signature')).toBeTruthy();
    expect(Number(video.searchParams.get('expires')) * 1000).toBeGreaterThan(Date.now() + 3_000_000); // about an hour
    const whole = await fetchFile(r.node.output.url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('cache-control')).toMatch(/^private/);
    const part = await fetchFile(r.node.output.url, { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetchFile(r.node.thumbnail.url)).status).toBe(200);
    // Without the signature, or with another file's: refused.
    expect((await fetchFile(`${video.origin}${video.pathname}`)).status).toBe(403);
    const thumbPath = new URL(r.node.thumbnail.url).pathname;
    expect((await fetchFile(`${video.origin}${thumbPath}${video.search}`)).status).toBe(403);
    // Nobody else gets a URL: Bob and anonymous callers cannot reach the render; it is no reel yet.
    expect((await gqlOk(RENDER, { id: globalRender(id) }, bob.key)).node).toBeNull();
    expect((await gql(REEL, { id: globalReel(id) })).data.node).toBeNull();
  });

  it('publishing gives the video and thumbnail public, long-cached URLs; unpublishing takes them away', async () => {
    const id = aliceFirst;
    const published = await gqlOk(PUBLISH, { id: globalRender(id), published: true }, alice.key);
    expect(published.setRenderPublished).toMatchObject({ __typename: 'SetRenderPublishedSuccess', data: { published: true } });

    const reel = (await gql(REEL, { id: globalReel(id) })).data.node;
    expect(reel.video.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/files\/public\/reels\/[0-9a-f]{32}\/reel\.mp4$/);
    expect(reel.thumbnail.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/files\/public\/reels\/[0-9a-f]{32}\/thumbnail\.jpg$/);
    expect(reel.video.url).not.toContain(id);
    // The scenes' own pictures stay private: a reel's viewers get the video, not the inputs.
    const scene = await prisma.scene.findFirstOrThrow({ where: { scriptId: rawId(aliceScriptId), position: 0 } });
    const picture = await prisma.asset.findFirstOrThrow({ where: { sceneId: scene.id, kind: 'IMAGE' } });
    await prisma.scene.update({ where: { id: scene.id }, data: { selectedAssetId: picture.id } });
    const SCENE = `query($id: ID!) { node(id: $id) { ... on Scene { selectedAsset { url } } } }`;
    expect((await gql(SCENE, { id: globalId('Scene', scene.id) })).data.node).toBeNull();
    const own = await gqlOk(SCENE, { id: globalId('Scene', scene.id) }, alice.key);
    expect((await fetchFile(own.node.selectedAsset.url)).status).toBe(200);
    expect((await fetchFile(own.node.selectedAsset.url.split('?')[0])).status).toBe(403);

    for (const url of [reel.video.url, reel.thumbnail.url]) {
      const res = await fetchFile(url, { range: 'bytes=0-9' });
      expect(res.status, url).toBe(206);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const bytes = Buffer.from(await (await fetchFile(reel.video.url)).arrayBuffer());
    const asset = await prisma.asset.findFirstOrThrow({ where: { outputOf: { some: { id } } } });
    expect(bytes.length).toBe(asset.bytes);
    // The owner sees the same public URLs; publishing twice changes nothing.
    expect((await gqlOk(RENDER, { id: globalRender(id) }, alice.key)).node.output.url).toBe(reel.video.url);
    await gqlOk(PUBLISH, { id: globalRender(id), published: true }, alice.key);
    expect((await gql(REEL, { id: globalReel(id) })).data.node.video.url).toBe(reel.video.url);
    // Bob cannot unpublish it.
    expect((await gqlOk(PUBLISH, { id: globalRender(id), published: false }, bob.key)).setRenderPublished.__typename).toBe('NotFoundError');
    expect((await fetchFile(reel.video.url)).status).toBe(200);

    const unpublished = await gqlOk(PUBLISH, { id: globalRender(id), published: false }, alice.key);
    expect(unpublished.setRenderPublished.data.published).toBe(false);
    for (const url of [reel.video.url, reel.thumbnail.url]) expect((await fetchFile(url)).status, url).toBe(404);
    expect((await gql(REEL, { id: globalReel(id) })).data.node).toBeNull();
    // The owner still has the private file, through a signed URL again.
    const back = (await gqlOk(RENDER, { id: globalRender(id) }, alice.key)).node.output.url;
    expect(new URL(back).pathname).toMatch(/^\/files\/renders\//);
    expect((await fetchFile(back)).status).toBe(200);

    // Published again, then the script deleted: the public copies go with it.
    await gqlOk(PUBLISH, { id: globalRender(id), published: true }, alice.key);
    expect((await fetchFile(reel.video.url)).status).toBe(200);
    const deleted = await gqlOk(`mutation($id: ID!) { deleteScript(id: $id) { __typename } }`, { id: aliceScriptId }, alice.key);
    expect(deleted.deleteScript.__typename).toBe('DeleteScriptSuccess');
    for (const url of [reel.video.url, reel.thumbnail.url]) expect((await fetchFile(url)).status, url).toBe(404);
  });
});

const globalRender = (id: string) => globalId('Render', id);
const globalReel = (id: string) => globalId('Reel', id);
