// The /files route of local storage: private keys need a valid, unexpired signature; public/ does not.
// The route's clock is injected, so expiry is tested without waiting.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileRoute } from '../../src/render/storage/fileRoute.js';
import { createLocalStorage } from '../../src/render/storage/local.js';
import { createFileSigner, signedWindow } from '../../src/render/storage/signing.js';
import type { Storage } from '../../src/render/storage/storage.js';
import { expectSameBytes, patternBytes, tempDir } from './fixtures.js';

const SECRET = 'route-test-secret-0123456789abcdefghij';
const TTL = 100;
const PRIVATE = 'renders/r1/reel-0123456789abcdef0123456789abcdef.mp4';
const PUBLIC = 'public/reels/0123456789abcdef0123456789abcdef/reel.mp4';
const data = patternBytes(5_000, 'route');

let work: Awaited<ReturnType<typeof tempDir>>;
let storage: Storage;
let server: Server;
let base: string;
let clock = Date.UTC(2030, 0, 1);

beforeAll(async () => {
  work = await tempDir('file-route');
  const signer = createFileSigner(SECRET);
  server = createServer((req, res) => {
    const served = route(req, res);
    if (served === false) res.writeHead(418).end();
    else served.catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files`;
  storage = createLocalStorage({ root: join(work.path, 'root'), publicBaseUrl: base, signer, signedUrlTtlSeconds: TTL });
  const route = createFileRoute({ storage, signer, basePath: '/files', now: () => clock });
  await storage.put(PRIVATE, { data }, 'video/mp4');
  await storage.put(PUBLIC, { data }, 'video/mp4');
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await work?.remove();
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, signal: AbortSignal.timeout(10_000) });

describe('the /files route', () => {
  it('refuses a private key without a signature (403), whether or not it exists, and is not cached', async () => {
    for (const key of [PRIVATE, 'renders/r1/absent.mp4', 'segments/o/x.mp4']) {
      const res = await get(`${base}/${key}`);
      expect(res.status, key).toBe(403);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
    expect((await get(`${base}/${PRIVATE}`, { range: 'bytes=0-9' })).status).toBe(403);
    expect((await get(`${base}/${PRIVATE}?expires=99999999999`)).status).toBe(403);
    expect((await get(`${base}/${PRIVATE}?signature=abc`)).status).toBe(403);
  });

  it('serves a signed private key, whole and by range, with private caching', async () => {
    const url = await storage.signedUrl(PRIVATE, clock);
    const whole = await get(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expectSameBytes(Buffer.from(await whole.arrayBuffer()), data);
    const part = await get(url, { range: 'bytes=1000-1099' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1099/5000');
    expectSameBytes(Buffer.from(await part.arrayBuffer()), data.subarray(1000, 1100));
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    // A valid signature for a key that is not there: 404 (the signer made it, nothing is probed).
    const absent = await storage.signedUrl('renders/r1/absent.mp4', clock);
    expect((await get(absent)).status).toBe(404);
  });

  it('a signed URL works until its expiry and not after, and lives at least the configured lifetime', async () => {
    const signedAt = clock;
    const url = await storage.signedUrl(PRIVATE, signedAt);
    const expires = Number(new URL(url).searchParams.get('expires'));
    expect(expires).toBe(signedWindow(signedAt, TTL).expires);
    expect(expires * 1000 - signedAt).toBeGreaterThanOrEqual(TTL * 1000);
    expect(expires * 1000 - signedAt).toBeLessThanOrEqual(TTL * 1100);
    try {
      clock = signedAt + TTL * 1000; // the lifetime has passed but not the window
      expect((await get(url, { range: 'bytes=0-0' })).status).toBe(206);
      clock = expires * 1000 - 1;
      expect((await get(url)).status).toBe(200);
      clock = expires * 1000;
      expect((await get(url)).status).toBe(403);
      expect((await get(url, { range: 'bytes=0-0' })).status).toBe(403);
      // A new URL signed now works again.
      expect((await get(await storage.signedUrl(PRIVATE, clock))).status).toBe(200);
    } finally {
      clock = signedAt;
    }
  });

  it('refuses a tampered signature, expiry or key', async () => {
    const url = new URL(await storage.signedUrl(PRIVATE, clock));
    const signature = url.searchParams.get('signature')!;
    const expires = url.searchParams.get('expires')!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const variants = [
      `${base}/${PRIVATE}?expires=${expires}&signature=${flipped}`, // one character of the signature
      `${base}/${PRIVATE}?expires=${Number(expires) + 3600}&signature=${signature}`, // a later expiry
      `${base}/${PRIVATE}?expires=${expires}x&signature=${signature}`,
      `${base}/${PRIVATE}?expires=${expires}&signature=${signature.slice(0, 20)}`, // truncated
      `${base}/${PRIVATE}?expires=${expires}&signature=`,
      `${base}/${PRIVATE.replace('reel-', 'reeL-')}?expires=${expires}&signature=${signature}`, // another key
      `${base}/renders/r1/other.mp4?expires=${expires}&signature=${signature}`,
    ];
    await storage.put('renders/r1/other.mp4', { data }, 'video/mp4');
    for (const v of variants) expect((await get(v)).status, v).toBe(403);
    // Signed with another secret: refused too.
    const stranger = createLocalStorage({ root: join(work.path, 'root'), publicBaseUrl: base, signer: createFileSigner('x'.repeat(40)) });
    expect((await get(await stranger.signedUrl(PRIVATE, clock))).status).toBe(403);
    // The untouched URL still works.
    expect((await get(url.href)).status).toBe(200);
  });

  it('serves public/ keys to anyone, cached publicly for a year, and 404 once removed', async () => {
    const url = storage.publicUrl(PUBLIC);
    expect(url).toBe(`${base}/${PUBLIC}`);
    const res = await get(url, { range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSameBytes(Buffer.from(await res.arrayBuffer()), data.subarray(0, 100));
    await storage.delete(PUBLIC);
    expect((await get(url)).status).toBe(404);
  });

  it('does not let `..` or encoded slashes reach another folder', async () => {
    const signed = new URL(await storage.signedUrl(PRIVATE, clock));
    expect((await get(`${base}/public/..%2F${PRIVATE}`)).status).toBe(400);
    expect((await get(`${base}/public%2F..%2F${PRIVATE}${signed.search}`)).status).toBe(400);
    expect((await get(`${base}/%E0%A4%A`)).status).toBe(400);
  });
});
