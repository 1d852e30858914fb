// One behaviour for every driver: the same suite runs against the local folder and s3rver.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFileRoute } from '../../src/render/storage/fileRoute.js';
import { createLocalStorage } from '../../src/render/storage/local.js';
import { createS3Storage } from '../../src/render/storage/s3.js';
import { createFileSigner } from '../../src/render/storage/signing.js';
import { InvalidStorageKeyError, NotPublicKeyError, type Storage, StorageNotFoundError, StorageRangeError } from '../../src/render/storage/storage.js';
import { BUCKET, expectSameBytes, patternBytes, readAll, S3_CREDENTIALS, sha256, startS3rver, tempDir } from './fixtures.js';

interface DriverUnderTest {
  storage: Storage;
  /** The URL publicUrl() must give for a key. */
  expectedUrl(key: string): string;
  /** Where signed URLs must point (before the query). */
  signedBase: string;
  /** The server checks the signature itself (s3rver checks only a presigned URL's expiry, not its SigV4 signature). */
  checksSignatures: boolean;
  close(): Promise<void>;
}

/** Local storage served by its file route on a loopback port, as the API serves it. */
async function servedLocal(root: string): Promise<{ storage: Storage; base: string; close(): Promise<void> }> {
  const signer = createFileSigner('contract-test-secret-0123456789abcdef');
  let base = '';
  const server: Server = createServer((req, res) => {
    const served = route(req, res);
    if (!served) res.writeHead(404).end();
    else served.catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files`;
  const storage = createLocalStorage({ root, publicBaseUrl: `${base}/`, signer, signedUrlTtlSeconds: 60 });
  const route = createFileRoute({ storage, signer, basePath: '/files' });
  return {
    storage,
    base,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const drivers: { name: string; start(): Promise<DriverUnderTest> }[] = [
  {
    name: 'local',
    async start() {
      const root = await tempDir('local-storage');
      const served = await servedLocal(root.path);
      return {
        storage: served.storage,
        expectedUrl: (key) => `${served.base}/${key}`,
        signedBase: served.base,
        checksSignatures: true,
        async close() {
          await served.close();
          await root.remove();
        },
      };
    },
  },
  {
    name: 's3 (s3rver)',
    async start() {
      const s3 = await startS3rver();
      const storage = createS3Storage({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        bucket: BUCKET,
        forcePathStyle: true,
        signedUrlTtlSeconds: 60,
        ...S3_CREDENTIALS,
      });
      return {
        storage,
        expectedUrl: (key) => `${s3.endpoint}/${BUCKET}/${key}`,
        signedBase: `${s3.endpoint}/${BUCKET}`,
        checksSignatures: false,
        async close() {
          storage.destroy();
          await s3.close();
        },
      };
    },
  },
  {
    name: 's3 (s3rver), presigned for a browser-facing host',
    async start() {
      const s3 = await startS3rver();
      // The API reaches the server at 127.0.0.1; browsers at localhost (as minio:9000 vs localhost:9000 in compose).
      const browserFacing = s3.endpoint.replace('127.0.0.1', 'localhost');
      const storage = createS3Storage({
        endpoint: s3.endpoint,
        presignEndpoint: browserFacing,
        region: 'us-east-1',
        bucket: BUCKET,
        forcePathStyle: true,
        signedUrlTtlSeconds: 60,
        ...S3_CREDENTIALS,
      });
      return {
        storage,
        expectedUrl: (key) => `${s3.endpoint}/${BUCKET}/${key}`,
        signedBase: `${browserFacing}/${BUCKET}`,
        checksSignatures: false,
        async close() {
          storage.destroy();
          await s3.close();
        },
      };
    },
  },
];

const BAD_KEYS = ['../escape.mp4', 'renders/../../escape.mp4', '/abs/file.mp4', 'a//b.mp4', 'renders/x/', 'a b.mp4', 'a\\b.mp4', 'ünï.mp4', 'a?b=c', ''];

describe.each(drivers)('storage contract: $name', ({ start }) => {
  let driver: DriverUnderTest;
  let storage: Storage;
  let work: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    driver = await start();
    storage = driver.storage;
    work = await tempDir('storage-work');
  });
  afterAll(async () => {
    await driver?.close();
    await work?.remove();
  });

  it('puts from a file and reads the same bytes back', async () => {
    const data = patternBytes(10_000, 'file');
    const source = join(work.path, 'source.bin');
    await writeFile(source, data);
    const { bytes } = await storage.put('renders/r1/reel.mp4', { path: source }, 'video/mp4');
    expect(bytes).toBe(10_000);
    expectSameBytes(await readAll(await storage.get('renders/r1/reel.mp4')), data);
  });

  it('puts from a buffer and reads the same bytes back', async () => {
    const data = Buffer.from('{"hello":"world"}');
    const { bytes } = await storage.put('projects/p1/scripts/s1/scenes/c1/meta.json', { data }, 'application/json');
    expect(bytes).toBe(data.length);
    expectSameBytes(await readAll(await storage.get('projects/p1/scripts/s1/scenes/c1/meta.json')), data);
  });

  it('gets byte ranges: start-end inclusive, start only, end past the size clamped', async () => {
    const data = patternBytes(5_000, 'ranges');
    await storage.put('segments/ranges.mp4', { data }, 'video/mp4');
    expectSameBytes(await readAll(await storage.get('segments/ranges.mp4', { start: 100, end: 199 })), data.subarray(100, 200));
    expectSameBytes(await readAll(await storage.get('segments/ranges.mp4', { start: 0, end: 0 })), data.subarray(0, 1));
    expectSameBytes(await readAll(await storage.get('segments/ranges.mp4', { start: 4_000 })), data.subarray(4_000));
    expectSameBytes(await readAll(await storage.get('segments/ranges.mp4', { start: 4_990, end: 9_999 })), data.subarray(4_990));
  });

  it('rejects a range starting past the end, and a malformed range', async () => {
    await storage.put('segments/short.mp4', { data: Buffer.from('0123456789') }, 'video/mp4');
    await expect(storage.get('segments/short.mp4', { start: 10 })).rejects.toBeInstanceOf(StorageRangeError);
    await expect(storage.get('segments/short.mp4', { start: 5, end: 2 })).rejects.toBeInstanceOf(RangeError);
    await expect(storage.get('segments/short.mp4', { start: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('downloads to a path, creating its folder', async () => {
    const data = patternBytes(20_000, 'download');
    await storage.put('renders/r2/thumbnail.jpg', { data }, 'image/jpeg');
    const target = join(work.path, 'nested', 'dir', 'thumb.jpg');
    await storage.download('renders/r2/thumbnail.jpg', target);
    expectSameBytes(await readFile(target), data);
    // No temp files left beside it.
    expect(await readdir(join(work.path, 'nested', 'dir'))).toEqual(['thumb.jpg']);
  });

  it('download of a missing key → StorageNotFoundError, and no file is left', async () => {
    const target = join(work.path, 'missing', 'x.mp4');
    await expect(storage.download('renders/none/x.mp4', target)).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(readFile(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports size for present keys and null for absent ones', async () => {
    await storage.put('segments/sized.mp4', { data: Buffer.alloc(1234, 7) }, 'video/mp4');
    expect(await storage.size('segments/sized.mp4')).toBe(1234);
    expect(await storage.size('segments/absent.mp4')).toBeNull();
    // A "folder" is not an object.
    expect(await storage.size('segments')).toBeNull();
  });

  it('deletes present keys and accepts absent ones', async () => {
    await storage.put('segments/doomed.mp4', { data: Buffer.from('bye') }, 'video/mp4');
    expect(await storage.size('segments/doomed.mp4')).toBe(3);
    await storage.delete('segments/doomed.mp4');
    expect(await storage.size('segments/doomed.mp4')).toBeNull();
    await expect(storage.get('segments/doomed.mp4')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.delete('segments/doomed.mp4')).resolves.toBeUndefined();
    await expect(storage.delete('never/was/here.mp4')).resolves.toBeUndefined();
  });

  it('gives public URLs of the expected shape for public keys only', () => {
    const key = 'public/reels/abc_123/reel.mp4';
    expect(storage.publicUrl(key)).toBe(driver.expectedUrl(key));
    expect(() => new URL(storage.publicUrl(key))).not.toThrow();
    for (const priv of ['renders/abc_123/reel.mp4', 'segments/o/x.mp4', 'projects/p/a.jpg', 'publicity/x.mp4']) {
      expect(() => storage.publicUrl(priv)).toThrow(NotPublicKeyError);
    }
  });

  it('gives signed URLs that fetch the object (whole and by range) over HTTP, until they expire', async () => {
    const data = patternBytes(4_000, 'signed');
    await storage.put('renders/signed/reel.mp4', { data }, 'video/mp4');
    const url = await storage.signedUrl('renders/signed/reel.mp4');
    expect(url.startsWith(`${driver.signedBase}/renders/signed/reel.mp4?`)).toBe(true);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expectSameBytes(Buffer.from(await whole.arrayBuffer()), data);
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expectSameBytes(Buffer.from(await part.arrayBuffer()), data.subarray(100, 200));
    // Asked again within the same window: the same URL, so players and caches keep it.
    expect(await storage.signedUrl('renders/signed/reel.mp4')).toBe(url);
    // Signed 10 minutes ago for 60 s: expired.
    const old = await storage.signedUrl('renders/signed/reel.mp4', Date.now() - 600_000);
    expect(old).not.toBe(url);
    expect((await fetch(old)).status).toBe(403);
    if (driver.checksSignatures) {
      // The signature of one key does not open another.
      await storage.put('renders/signed/other.mp4', { data }, 'video/mp4');
      expect((await fetch(url.replace('/reel.mp4?', '/other.mp4?'))).status).toBe(403);
      expect((await fetch(url.split('?')[0]!)).status).toBe(403);
    }
  });

  it('copies an object to another key, replacing what was there', async () => {
    const data = patternBytes(7_000, 'copy');
    await storage.put('renders/c1/reel.mp4', { data }, 'video/mp4');
    await storage.put('public/reels/t1/reel.mp4', { data: Buffer.from('old') }, 'video/mp4');
    await storage.copy('renders/c1/reel.mp4', 'public/reels/t1/reel.mp4');
    expect(await storage.size('public/reels/t1/reel.mp4')).toBe(7_000);
    expectSameBytes(await readAll(await storage.get('public/reels/t1/reel.mp4')), data);
    expect(await storage.size('renders/c1/reel.mp4')).toBe(7_000); // the source stays
    await expect(storage.copy('renders/none/reel.mp4', 'public/reels/t2/reel.mp4')).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await storage.size('public/reels/t2/reel.mp4')).toBeNull();
  });

  it('overwrites a key with new content and size', async () => {
    await storage.put('projects/p1/scripts/s1/scenes/c1/image.png', { data: patternBytes(3_000, 'old') }, 'image/png');
    const fresh = patternBytes(1_000, 'new');
    await storage.put('projects/p1/scripts/s1/scenes/c1/image.png', { data: fresh }, 'image/png');
    expect(await storage.size('projects/p1/scripts/s1/scenes/c1/image.png')).toBe(1_000);
    expectSameBytes(await readAll(await storage.get('projects/p1/scripts/s1/scenes/c1/image.png')), fresh);
  });

  it.each(BAD_KEYS)('rejects the bad key %j with a clear error in every method', async (key) => {
    const expectation = { name: 'InvalidStorageKeyError', message: expect.stringContaining(`Invalid storage key ${JSON.stringify(key)}`) };
    await expect(storage.put(key, { data: Buffer.from('x') }, 'video/mp4')).rejects.toMatchObject(expectation);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.size(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.download(key, join(work.path, 'bad'))).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(() => storage.publicUrl(key)).toThrow(InvalidStorageKeyError);
    await expect(storage.signedUrl(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.copy(key, 'renders/x/y.mp4')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.copy('renders/x/y.mp4', key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it('stores a 3,000,000-byte file as exactly 3,000,000 bytes (the aws-chunked checksum trap)', async () => {
    const data = patternBytes(3_000_000, 'big');
    const source = join(work.path, 'big.bin');
    await writeFile(source, data);
    const { bytes } = await storage.put('segments/big.mp4', { path: source }, 'video/mp4');
    expect(bytes).toBe(3_000_000);
    expect(await storage.size('segments/big.mp4')).toBe(3_000_000);
    const back = await readAll(await storage.get('segments/big.mp4'));
    expect(back.length).toBe(3_000_000);
    expect(sha256(back)).toBe(sha256(data));
    expectSameBytes(await readAll(await storage.get('segments/big.mp4', { start: 2_999_990 })), data.subarray(2_999_990));
  });

  it('get of a missing key → StorageNotFoundError naming the key', async () => {
    const err = await storage.get('renders/missing/reel.mp4').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageNotFoundError);
    expect((err as StorageNotFoundError).key).toBe('renders/missing/reel.mp4');
    await expect(storage.get('renders/missing/reel.mp4', { start: 0, end: 10 })).rejects.toBeInstanceOf(StorageNotFoundError);
  });
});
