// Collecting candidates from a local image host: real JPEG/PNG made with sharp, a page that only
// claims to be an image, an oversize body, a redirect into 10.x, a truncated file, a busy server.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectCandidates, type CollectOptions, type ScoredCandidate } from '../../../src/render/images/search/index.js';
import { type ImageHost, OVERSIZE_BYTES, startImageHost } from './fakeSearch.js';

const SIZE = { width: 180, height: 320 };

let host: ImageHost;
beforeAll(async () => {
  host = await startImageHost();
});
afterAll(async () => {
  await host.close();
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-collect-'));
  host.requests.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Candidates in the given order, best first, as the scorer would hand them over. */
function ranked(paths: string[]): ScoredCandidate[] {
  return paths.map((p, i) => ({ url: host.url(p), title: p, provider: 'test', score: 100 - i, reasons: [] }));
}

function options(extra: Partial<CollectOptions> = {}): CollectOptions {
  return { dir, size: SIZE, maxBytes: 100_000, timeoutMs: 5_000, allowLoopback: true, ...extra };
}

const requested = () => host.requests.map((r) => r.path);

describe('collectCandidates', () => {
  it('keeps the best three that work, skipping the ones that do not, and says why', async () => {
    const list = ranked([
      '/page.jpg',
      '/portrait.jpg',
      '/huge.jpg',
      '/to-private.jpg',
      '/busy.jpg',
      '/landscape.jpg',
      '/truncated.jpg',
      '/square.png',
      '/grey-0.jpg',
    ]);
    const { files, failures } = await collectCandidates(list, options({ concurrency: 1 }));

    expect(files.map((f) => f.candidate.url)).toEqual([host.url('/portrait.jpg'), host.url('/landscape.jpg'), host.url('/square.png')]);
    expect(failures.map((f) => f.url)).toEqual(['/page.jpg', '/huge.jpg', '/to-private.jpg', '/busy.jpg', '/truncated.jpg'].map(host.url));
    const reasons = failures.map((f) => f.reason);
    expect(reasons[0]).toMatch(/^refused: content is .*not an image/);
    expect(reasons[1]).toBe('refused: body larger than 100000 bytes');
    expect(reasons[2]).toBe('refused: 10.1.2.3 is a private address');
    expect(reasons[3]).toBe(`HTTP 503 from ${host.url('/busy.jpg')}`);
    expect(reasons[4]).toMatch(/^Unreadable image/);
    // Nothing past the third success was fetched.
    expect(requested()).not.toContain('/grey-0.jpg');

    for (const [i, f] of files.entries()) {
      const data = await readFile(f.path);
      const meta = await sharp(data).metadata();
      expect(meta.format).toBe('jpeg');
      expect([meta.width, meta.height]).toEqual([SIZE.width, SIZE.height]);
      expect(f).toMatchObject({ mime: 'image/jpeg', width: SIZE.width, height: SIZE.height, bytes: data.length });
      expect(f.contentHash).toBe(createHash('sha256').update(data).digest('hex'));
      const source = ['/portrait.jpg', '/landscape.jpg', '/square.png'][i]!;
      expect(f.originalBytes).toBe(host.pictures[source]!.length);
      expect(f.originalMime).toBe(source.endsWith('.png') ? 'image/png' : 'image/jpeg');
      expect(f.finalUrl).toBe(host.url(source));
      expect(f.candidate.score).toBe(list.find((c) => c.url === host.url(source))!.score);
    }
    // Only the three frames are left: no originals, no partial files.
    expect((await readdir(dir)).sort()).toEqual(files.map((f) => f.path.slice(dir.length + 1)).sort());
  });

  it('keeps score order even when a better candidate arrives later', async () => {
    const list = ranked(['/grey-0.jpg?delay=200', '/grey-1.jpg', '/grey-2.jpg']);
    const { files } = await collectCandidates(list, options());
    expect(files.map((f) => f.candidate.url)).toEqual(list.map((c) => c.url));
  });

  it('runs at most `concurrency` downloads at once', async () => {
    const list = ranked([0, 1, 2, 3, 4, 5].map((i) => `/grey-${i}.jpg?delay=60`));
    const { files } = await collectCandidates(list, options({ keep: 6, concurrency: 2 }));
    expect(files).toHaveLength(6);
    expect(host.maxActive()).toBeLessThanOrEqual(2);
    expect(requested()).toHaveLength(6);
  });

  it('treats the same picture under another URL as a failure', async () => {
    const list = ranked(['/portrait.jpg', '/copy-of-portrait.jpg', '/landscape.jpg']);
    const { files, failures } = await collectCandidates(list, options({ keep: 2, concurrency: 1 }));
    expect(files.map((f) => f.finalUrl)).toEqual([host.url('/portrait.jpg'), host.url('/landscape.jpg')]);
    expect(failures).toEqual([{ url: host.url('/copy-of-portrait.jpg'), reason: `same picture as ${host.url('/portrait.jpg')}` }]);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('returns no files, the reasons, and an empty directory when nothing works', async () => {
    const list = ranked(['/page.jpg', '/huge.jpg', '/missing.jpg', '/truncated.jpg']);
    const { files, failures } = await collectCandidates(list, options({ maxBytes: OVERSIZE_BYTES / 2 }));
    expect(files).toEqual([]);
    expect(failures.map((f) => f.url)).toEqual(list.map((c) => c.url));
    expect(failures[2]!.reason).toBe(`refused: HTTP 404 from ${host.url('/missing.jpg')}`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('on abort, rejects with the reason and leaves nothing behind', async () => {
    const list = ranked(['/grey-0.jpg', '/grey-1.jpg?delay=2000', '/grey-2.jpg?delay=2000']);
    const controller = new AbortController();
    const reason = new Error('render cancelled');
    setTimeout(() => controller.abort(reason), 100);
    await expect(collectCandidates(list, options({ signal: controller.signal }))).rejects.toBe(reason);
    expect(await readdir(dir)).toEqual([]);
  });

  it('checks its numbers', async () => {
    await expect(collectCandidates([], options({ keep: 0 }))).rejects.toThrow(/keep must be a positive integer/);
    await expect(collectCandidates([], options({ concurrency: 1.5 }))).rejects.toThrow(/concurrency must be a positive integer/);
    expect(await collectCandidates([], options())).toEqual({ files: [], failures: [] });
  });
});
