// One behaviour for every driver: the same suite runs against the local folder and s3rver.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../src/render/storage/local.js';
import { createS3Storage } from '../../src/render/storage/s3.js';
import {
  InvalidStorageKeyError,
  type Storage,
  StorageNotFoundError,
  StorageRangeError,
} from '../../src/render/storage/storage.js';
import { BUCKET, expectSameBytes, patternBytes, readAll, S3_CREDENTIALS, sha256, startS3rver, tempDir } from './fixtures.js';

interface DriverUnderTest {
  storage: Storage;
  /** The URL publicUrl() must give for a key. */
  expectedUrl(key: string): string;
  close(): Promise<void>;
}

const drivers: { name: string; start(): Promise<DriverUnderTest> }[] = [
  {
    name: 'local',
    async start() {
      const root = await tempDir('local-storage');
      const storage = createLocalStorage({ root: root.path, publicBaseUrl: 'http://localhost:4000/files/' });
      return { storage, expectedUrl: (key) => `http://localhost:4000/files/${key}`, close: root.remove };
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
        ...S3_CREDENTIALS,
      });
      return {
        storage,
        expectedUrl: (key) => `${s3.endpoint}/${BUCKET}/${key}`,
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

  it('gives public URLs of the expected shape', () => {
    const key = 'renders/abc_123/reel.mp4';
    expect(storage.publicUrl(key)).toBe(driver.expectedUrl(key));
    expect(() => new URL(storage.publicUrl(key))).not.toThrow();
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
