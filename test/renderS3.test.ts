// A whole render through the API with STORAGE_DRIVER=s3, against an in-process s3rver on loopback.
// src/config.ts reads process.env once, at import, and test/helpers.ts imports it: so s3rver starts
// and the S3_* variables are set first, and every project module is imported dynamically after that.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Helpers = typeof import('./helpers.js');
type RenderHelpers = typeof import('./renderHelpers.js');
type Providers = typeof import('../src/jobs/providers.js');
type Workers = ReturnType<RenderHelpers['startWorkers']>;

const run = promisify(execFile);
const BUCKET = 'reels';
const PUBLIC_BASE = 'https://cdn.example.test/reels';
const SENTENCES = ['Octopuses have three hearts and blue blood.', 'Each arm can taste what it touches.', 'They change colour in a fraction of a second.'];

async function ffprobe(path: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
  return JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] };
}

describe('rendering a reel into S3 storage (s3rver)', () => {
  let s3rver: S3rver | null = null;
  let s3rverDir: string | null = null;
  let scratch: string | null = null;
  let endpoint: string;
  let client: S3Client | null = null;
  let h: Helpers;
  let rh: RenderHelpers;
  let providers: Providers;
  let workers: Workers | null = null;

  beforeAll(async () => {
    s3rverDir = await mkdtemp(join(tmpdir(), 'reelforge-render-s3rver-'));
    scratch = await mkdtemp(join(tmpdir(), 'reelforge-render-s3-'));
    s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3rverDir, configureBuckets: [{ name: BUCKET }] });
    const { port } = await s3rver.run();
    endpoint = `http://127.0.0.1:${port}`;
    Object.assign(process.env, {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PUBLIC_BASE_URL: PUBLIC_BASE,
    });
    delete process.env.ELEVENLABS_API_KEY; // the offline voice: no network beyond loopback
    // A client of our own, independent of the driver under test, to look at what landed in the bucket.
    client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });

    h = await import('./helpers.js');
    rh = await import('./renderHelpers.js');
    providers = await import('../src/jobs/providers.js');
  });

  afterAll(async () => {
    if (rh) await rh.closeRenderInfra(workers);
    const storage = providers?.getStorage();
    if (storage && 'destroy' in storage && typeof storage.destroy === 'function') storage.destroy();
    client?.destroy();
    await s3rver?.close();
    for (const dir of [s3rverDir, scratch]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function head(key: string) {
    const out = await client!.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return { bytes: out.ContentLength, mime: out.ContentType, cacheControl: out.CacheControl };
  }

  async function fetchBytes(key: string): Promise<Buffer> {
    const out = await client!.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  }

  async function listKeys(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await client!.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
      keys.push(...(out.Contents ?? []).map((o) => o.Key!));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  it('the configured storage is the S3 driver, with public URLs under the public base', async () => {
    const storage = providers.getStorage();
    expect((storage as { kind?: string }).kind).toBe('s3');
    expect(storage.publicUrl('public/reels/x/reel.mp4')).toBe(`${PUBLIC_BASE}/public/reels/x/reel.mp4`);
    expect(() => storage.publicUrl('renders/x/reel.mp4')).toThrow(/private/);
  });

  it('renders a reel whose every file lives in the bucket at its layout key, with exactly the recorded size', async () => {
    const { createUser, gqlOk, prisma, rawId } = h;
    const user = await createUser('s3');
    const { projectId, scriptId, scenes } = await rh.approvedScript(user, SENTENCES);
    expect(scenes).toHaveLength(SENTENCES.length);
    const queued = await rh.enqueue(user, scriptId, { preset: 'ULTRAFAST' });
    expect(queued.status).toBe('QUEUED');
    workers = rh.startWorkers(['media', 'voice', 'compose']);
    const renderId = rawId(queued.id);
    const done = await rh.waitForRender(renderId, 25_000);
    expect(done.status, `${done.errorStage}: ${done.errorMessage}`).toBe('SUCCEEDED');

    // Unpublished: the API gives the owner presigned GETs on the S3 endpoint, which work (s3rver
    // checks their expiry; it does not check SigV4 signatures, real S3 and R2 do).
    const Q = `query($id: ID!) { node(id: $id) { ... on Render { status
        output { url mime bytes width height } thumbnail { url mime bytes width height } } } }`;
    const q = await gqlOk(Q, { id: queued.id }, user.key);
    expect(q.node.status).toBe('SUCCEEDED');
    expect(q.node.output).toMatchObject({ mime: 'video/mp4', width: 480, height: 854 });
    expect(q.node.thumbnail).toMatchObject({ mime: 'image/jpeg', width: 480, height: 854 });
    for (const [asset, name] of [
      [q.node.output, 'reel'],
      [q.node.thumbnail, 'thumbnail'],
    ] as const) {
      const url = new URL(asset.url);
      expect(`${url.origin}${url.pathname}`).toMatch(new RegExp(`^${endpoint}/${BUCKET}/renders/${renderId}/${name}-[0-9a-f]{32}\\.(mp4|jpg)$`));
      expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      const res = await fetch(asset.url, { headers: { range: 'bytes=0-99' } });
      expect(res.status).toBe(206);
      expect((await res.arrayBuffer()).byteLength).toBe(100);
    }
    // Nobody else can reach it: no reel, no render for another user.
    expect((await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: h.globalId('Reel', renderId) })).data.node).toBeNull();

    const stored = await prisma.render.findUniqueOrThrow({
      where: { id: renderId },
      include: { outputAsset: true, thumbnailAsset: true, stages: true },
    });
    const output = stored.outputAsset!;
    const thumbnail = stored.thumbnailAsset!;
    expect(output.storageKey).toMatch(new RegExp(`^renders/${renderId}/reel-[0-9a-f]{32}\\.mp4$`));
    expect(thumbnail.storageKey).toMatch(new RegExp(`^renders/${renderId}/thumbnail-[0-9a-f]{32}\\.jpg$`));
    expect(q.node.output.bytes).toBe(output.bytes);
    expect(q.node.thumbnail.bytes).toBe(thumbnail.bytes);
    expect(output.bytes).toBeGreaterThan(10_000);
    expect(thumbnail.bytes).toBeGreaterThan(1_000);

    // In the bucket: exactly the recorded bytes (aws-chunked framing stored in the object would add
    // some), the recorded type, and private immutable caching for render outputs.
    const storage = providers.getStorage();
    for (const asset of [output, thumbnail]) {
      expect(await head(asset.storageKey)).toEqual({ bytes: asset.bytes, mime: asset.mime, cacheControl: 'private, max-age=31536000, immutable' });
      expect(await storage.size(asset.storageKey)).toBe(asset.bytes);
    }
    const thumbBytes = await fetchBytes(thumbnail.storageKey);
    expect(thumbBytes.length).toBe(thumbnail.bytes);
    const thumbMeta = await sharp(thumbBytes).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height]).toEqual(['jpeg', 480, 854]);

    // Scene inputs (picture and narration of each scene) under the project/script/scene folder.
    const sceneAssets = await prisma.asset.findMany({ where: { scene: { scriptId: rawId(scriptId) } } });
    expect(sceneAssets.filter((a) => a.kind === 'IMAGE')).toHaveLength(SENTENCES.length);
    expect(sceneAssets.filter((a) => a.kind === 'AUDIO')).toHaveLength(SENTENCES.length);
    for (const a of sceneAssets) {
      const prefix = `projects/${rawId(projectId)}/scripts/${rawId(scriptId)}/scenes/${a.sceneId}/`;
      expect(a.storageKey.startsWith(prefix), a.storageKey).toBe(true);
      expect(a.storageKey.slice(prefix.length)).toMatch(a.kind === 'IMAGE' ? /^image-[0-9a-f]{32}\.(jpg|png)$/ : /^voice-[0-9a-f]{32}\.(wav|mp3|m4a)$/);
      expect(a.storageKey).not.toContain(a.contentHash.slice(0, 16));
      expect(a.url).toBeNull();
      expect(await head(a.storageKey)).toEqual({ bytes: a.bytes, mime: a.mime, cacheControl: 'private, no-cache' });
    }
    expect(new Set(sceneAssets.map((a) => a.sceneId))).toEqual(new Set(scenes.map((s) => rawId(s.id))));

    // Segments: one per scene, under the owner, named by a secret-keyed token of its content hash.
    const segmentStages = stored.stages.filter((s) => s.name.startsWith('segment:'));
    expect(segmentStages).toHaveLength(SENTENCES.length);
    const segmentKeys: string[] = [];
    for (const s of segmentStages) {
      const detail = s.detail as { result: { key: string; hash: string }; reused: boolean; bytes?: number; subtitlesKey: string };
      expect(detail.result.key).toMatch(new RegExp(`^segments/${user.id}/[0-9a-f]{32}\\.mp4$`));
      expect(detail.result.key).not.toContain(detail.result.hash.slice(0, 16));
      const obj = await head(detail.result.key);
      expect(obj).toMatchObject({ mime: 'video/mp4', cacheControl: 'private, max-age=31536000, immutable' });
      expect(obj.bytes).toBeGreaterThan(1_000);
      if (!detail.reused) expect(obj.bytes).toBe(detail.bytes);
      segmentKeys.push(detail.result.key, detail.subtitlesKey);
    }

    // Nothing else in the bucket, and nothing outside the layout.
    expect(await listKeys()).toEqual(
      [
        ...sceneAssets.map((a) => a.storageKey),
        ...new Set(segmentKeys),
        ...(await listKeys()).filter((k) => new RegExp(`^renders/${renderId}/soundtrack-[0-9a-f]{32}\\.m4a$`).test(k)),
        output.storageKey,
        thumbnail.storageKey,
      ].sort(),
    );

    // The reel itself, downloaded through the driver: H.264 480x854 with AAC audio, recorded size.
    const local = join(scratch!, 'reel.mp4');
    await storage.download(output.storageKey, local);
    expect((await stat(local)).size).toBe(output.bytes);
    const info = await ffprobe(local);
    const video = info.streams.filter((s) => s.codec_type === 'video');
    const audio = info.streams.filter((s) => s.codec_type === 'audio');
    expect(video).toHaveLength(1);
    expect(video[0]).toMatchObject({ codec_name: 'h264', width: 480, height: 854 });
    expect(audio).toHaveLength(1);
    expect(audio[0]!.codec_name).toBe('aac');
    expect(Number(info.format.duration) * 1000).toBeCloseTo(output.durationMs!, -3); // within 500 ms
    // And the same bytes come back from the bucket over the S3 API.
    expect((await fetchBytes(output.storageKey)).length).toBe(output.bytes);

    // Published: public copies under public/, at S3_PUBLIC_BASE_URL, cached for a year.
    const PUBLISH = `mutation($id: ID!, $p: Boolean!) { setRenderPublished(id: $id, published: $p) { __typename } }`;
    expect((await gqlOk(PUBLISH, { id: queued.id, p: true }, user.key)).setRenderPublished.__typename).toBe('SetRenderPublishedSuccess');
    const reel = (
      await h.gql(`query($id: ID!) { node(id: $id) { ... on Reel { video { url bytes } thumbnail { url } } } }`, { id: h.globalId('Reel', renderId) })
    ).data.node;
    expect(reel.video.url).toMatch(new RegExp(`^${PUBLIC_BASE}/public/reels/[0-9a-f]{32}/reel\\.mp4$`));
    expect(reel.thumbnail.url).toMatch(new RegExp(`^${PUBLIC_BASE}/public/reels/[0-9a-f]{32}/thumbnail\\.jpg$`));
    const publicKeys = [reel.video.url, reel.thumbnail.url].map((u: string) => u.slice(PUBLIC_BASE.length + 1));
    expect(await head(publicKeys[0]!)).toEqual({ bytes: output.bytes, mime: 'video/mp4', cacheControl: 'public, max-age=31536000, immutable' });
    expect(await head(publicKeys[1]!)).toEqual({ bytes: thumbnail.bytes, mime: 'image/jpeg', cacheControl: 'public, max-age=31536000, immutable' });
    // Unpublished: the copies are gone from the bucket; the private originals stay.
    expect((await gqlOk(PUBLISH, { id: queued.id, p: false }, user.key)).setRenderPublished.__typename).toBe('SetRenderPublishedSuccess');
    for (const key of publicKeys) await expect(head(key)).rejects.toMatchObject({ name: 'NotFound' });
    expect(await storage.size(output.storageKey)).toBe(output.bytes);
    expect((await listKeys()).filter((k) => k.startsWith('public/'))).toEqual([]);
  }, 40_000);
});
