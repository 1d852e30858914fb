// What only the S3 driver does: object metadata, prefixes, public URLs, multipart uploads.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Storage, type S3StorageOptions } from '../../src/render/storage/s3.js';
import { BUCKET, expectSameBytes, patternBytes, readAll, S3_CREDENTIALS, sha256, startS3rver, tempDir } from './fixtures.js';

let s3: Awaited<ReturnType<typeof startS3rver>>;
let work: Awaited<ReturnType<typeof tempDir>>;
let raw: S3Client; // a plain client, to see what the driver actually stored
const made: { destroy(): void }[] = [];

const storageWith = (extra: Partial<S3StorageOptions> = {}) => {
  const storage = createS3Storage({ endpoint: s3.endpoint, region: 'us-east-1', bucket: BUCKET, forcePathStyle: true, ...S3_CREDENTIALS, ...extra });
  made.push(storage);
  return storage;
};
const head = (Key: string) => raw.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));

beforeAll(async () => {
  s3 = await startS3rver();
  work = await tempDir('s3-work');
  raw = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  for (const storage of made) storage.destroy();
  raw?.destroy();
  await s3?.close();
  await work?.remove();
});

describe('S3 storage', () => {
  it('stores Content-Type, a year of public caching for public copies, and private caching for the rest', async () => {
    const storage = storageWith();
    const before = s3.requests.length;
    await storage.put('segments/abc.mp4', { data: Buffer.from('seg') }, 'video/mp4');
    expect(s3.requests.slice(before)).toEqual([`PUT /${BUCKET}/segments/abc.mp4?x-id=PutObject`]); // one plain PUT
    await storage.put('renders/r1/thumbnail.jpg', { data: Buffer.from('jpg') }, 'image/jpeg');
    await storage.put('projects/p/scripts/s/scenes/c/voice.wav', { data: Buffer.from('wav') }, 'audio/wav');

    const segment = await head('segments/abc.mp4');
    expect(segment.ContentType).toBe('video/mp4');
    expect(segment.CacheControl).toBe('private, max-age=31536000, immutable');
    expect((await head('renders/r1/thumbnail.jpg')).CacheControl).toBe('private, max-age=31536000, immutable');
    const voice = await head('projects/p/scripts/s/scenes/c/voice.wav');
    expect(voice.ContentType).toBe('audio/wav');
    expect(voice.CacheControl).toBe('private, no-cache');
  });

  it('copies server-side, giving the copy the caching of its own key', async () => {
    const storage = storageWith();
    await storage.put('renders/r2/reel.mp4', { data: Buffer.from('private reel') }, 'video/mp4');
    const before = s3.requests.length;
    await storage.copy('renders/r2/reel.mp4', 'public/reels/t2/reel.mp4');
    expect(s3.requests.slice(before)).toEqual([`PUT /${BUCKET}/public/reels/t2/reel.mp4?x-id=CopyObject`]); // no bytes through us
    const copy = await head('public/reels/t2/reel.mp4');
    expect(copy).toMatchObject({ ContentLength: 12, ContentType: 'video/mp4', CacheControl: 'public, max-age=31536000, immutable' });
    expect((await head('renders/r2/reel.mp4')).CacheControl).toBe('private, max-age=31536000, immutable');
  });

  it('presigns GETs on the S3 endpoint (never the public base URL), stable within a window, for the configured lifetime', async () => {
    const storage = storageWith({ publicBaseUrl: 'https://cdn.example.com/', signedUrlTtlSeconds: 600 });
    await storage.put('renders/r3/reel.mp4', { data: Buffer.from('presigned') }, 'video/mp4');
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const url = new URL(await storage.signedUrl('renders/r3/reel.mp4', now));
    expect(`${url.origin}${url.pathname}`).toBe(`${s3.endpoint}/${BUCKET}/renders/r3/reel.mp4`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20300101T120000Z');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('660'); // 600 s + the 60 s window
    expect(await storage.signedUrl('renders/r3/reel.mp4', now + 59_000)).toBe(url.href);
    expect(await storage.signedUrl('renders/r3/reel.mp4', now + 60_000)).not.toBe(url.href);
    // A fresh one works against s3rver.
    const res = await fetch(await storage.signedUrl('renders/r3/reel.mp4'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('presigned');
  });

  it('keeps every key under the prefix, and puts the prefix in public and signed URLs', async () => {
    const storage = storageWith({ prefix: '/tenant-a/' });
    await storage.put('segments/p.mp4', { data: Buffer.from('prefixed') }, 'video/mp4');
    expect((await head('tenant-a/segments/p.mp4')).ContentLength).toBe(8);
    await expect(head('segments/p.mp4')).rejects.toMatchObject({ name: 'NotFound' });
    expect(await storage.size('segments/p.mp4')).toBe(8);
    expect(storage.publicUrl('public/p.mp4')).toBe(`${s3.endpoint}/${BUCKET}/tenant-a/public/p.mp4`);
    expect(await storage.signedUrl('segments/p.mp4')).toMatch(new RegExp(`^${s3.endpoint}/${BUCKET}/tenant-a/segments/p\\.mp4\\?`));
    await storage.copy('segments/p.mp4', 'public/p.mp4');
    expect((await head('tenant-a/public/p.mp4')).ContentLength).toBe(8);
  });

  it('rejects an unsafe prefix up front', () => {
    expect(() => storageWith({ prefix: '../other' })).toThrow(/Invalid storage key/);
  });

  it('uses publicBaseUrl (CDN / R2 public bucket) for public URLs when given', () => {
    const storage = storageWith({ publicBaseUrl: 'https://cdn.example.com/' });
    expect(storage.publicUrl('public/reels/r9/reel.mp4')).toBe('https://cdn.example.com/public/reels/r9/reel.mp4');
  });

  it('falls back to a path-style AWS URL without an endpoint', () => {
    const storage = createS3Storage({ region: 'eu-west-1', bucket: 'my-reels', ...S3_CREDENTIALS });
    made.push(storage);
    expect(storage.publicUrl('public/x.mp4')).toBe('https://s3.eu-west-1.amazonaws.com/my-reels/public/x.mp4');
  });

  it('uploads a file above the threshold as multipart, byte for byte', async () => {
    const storage = storageWith({ multipartThresholdBytes: 5 * 1024 * 1024 });
    const data = patternBytes(12_000_000, 'multipart');
    const source = join(work.path, 'multipart.bin');
    await writeFile(source, data);
    const before = s3.requests.length;
    const { bytes } = await storage.put('renders/big/reel.mp4', { path: source }, 'video/mp4');
    expect(bytes).toBe(12_000_000);
    const sent = s3.requests.slice(before);
    expect(sent.filter((r) => /^PUT .*partNumber=/.test(r))).toHaveLength(3); // 5 MiB + 5 MiB + the rest
    expect(sent.some((r) => /^POST .*uploadId=/.test(r))).toBe(true); // CompleteMultipartUpload
    const stored = await head('renders/big/reel.mp4');
    expect(stored.ContentLength).toBe(12_000_000);
    expect(stored.ContentType).toBe('video/mp4');
    expect(sha256(await readAll(await storage.get('renders/big/reel.mp4')))).toBe(sha256(data));
    expectSameBytes(await readAll(await storage.get('renders/big/reel.mp4', { start: 5_242_870, end: 5_242_889 })), data.subarray(5_242_870, 5_242_890));
  });

  it('surfaces connection failures instead of reporting absence', async () => {
    const storage = storageWith({ endpoint: 'http://127.0.0.1:9' }); // discard port: refused
    await expect(storage.size('segments/x.mp4')).rejects.toThrow();
  });
});
