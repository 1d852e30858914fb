// What only the local driver must guarantee: atomic replacement, no stray temp files.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../src/render/storage/local.js';
import { createFileSigner } from '../../src/render/storage/signing.js';
import type { Storage } from '../../src/render/storage/storage.js';
import { expectSameBytes, patternBytes, readAll, sha256, tempDir } from './fixtures.js';

let work: Awaited<ReturnType<typeof tempDir>>;
let root: string;
let storage: Storage;

beforeAll(async () => {
  work = await tempDir('local-only');
  root = join(work.path, 'not', 'yet', 'there'); // created on first write
  storage = createLocalStorage({ root, publicBaseUrl: 'http://localhost:4000/files', signer: createFileSigner('l'.repeat(32)) });
});
afterAll(async () => {
  await work?.remove();
});

describe('local storage', () => {
  // Local only: s3rver (the S3 stand-in) writes objects in place, so its concurrent puts interleave;
  // real S3 and R2 replace objects atomically.
  it('keeps one whole version when the same key is put concurrently', async () => {
    const versions = Array.from({ length: 6 }, (_, i) => patternBytes(200_000 + i, `v${i}`));
    await Promise.all(versions.map((data) => storage.put('segments/raced.mp4', { data }, 'video/mp4')));
    const stored = await readAll(await storage.get('segments/raced.mp4'));
    expect(versions.map(sha256)).toContain(sha256(stored));
  });

  it('creates its root on first write and lays files out by key', async () => {
    await storage.put('renders/r1/reel.mp4', { data: Buffer.from('mp4') }, 'video/mp4');
    expect(await readdir(join(root, 'renders', 'r1'))).toEqual(['reel.mp4']);
  });

  it('never shows a reader half a file while a put replaces it', async () => {
    const small = patternBytes(1_000, 'small');
    const big = patternBytes(24_000_000, 'atomic');
    const source = join(work.path, 'big.bin');
    await writeFile(source, big);
    await storage.put('segments/atomic.mp4', { data: small }, 'video/mp4');

    const seen = new Set<number | null>();
    let writing = true;
    const reader = (async () => {
      while (writing) {
        seen.add(await storage.size('segments/atomic.mp4'));
        await new Promise((r) => setImmediate(r));
      }
    })();
    await storage.put('segments/atomic.mp4', { path: source }, 'video/mp4');
    writing = false;
    await reader;

    expect(seen.size).toBeGreaterThan(0);
    for (const size of seen) expect([1_000, 24_000_000]).toContain(size);
    expect(sha256(await readAll(await storage.get('segments/atomic.mp4')))).toBe(sha256(big));
  });

  it('a stream opened before a replacement keeps reading the old content', async () => {
    const before = patternBytes(300_000, 'before');
    const after = patternBytes(200_000, 'after');
    await storage.put('segments/stable.mp4', { data: before }, 'video/mp4');
    const stream = await storage.get('segments/stable.mp4');
    await storage.put('segments/stable.mp4', { data: after }, 'video/mp4');
    expectSameBytes(await readAll(stream), before);
    expectSameBytes(await readAll(await storage.get('segments/stable.mp4')), after);
  });

  it('leaves no temp files behind, also when a put fails', async () => {
    await Promise.all([1, 2, 3, 4].map((i) => storage.put('segments/tidy.mp4', { data: patternBytes(50_000, `t${i}`) }, 'video/mp4')));
    await expect(storage.put('segments/failed.mp4', { path: join(work.path, 'no-such-source.bin') }, 'video/mp4')).rejects.toMatchObject({ code: 'ENOENT' });
    const names = await readdir(join(root, 'segments'));
    expect(names.filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(names).toContain('tidy.mp4');
    expect(names).not.toContain('failed.mp4');
  });
});
