// HTTP serving of stored files with byte ranges, checked with fetch and with ffprobe as a real client.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../src/render/storage/local.js';
import { createFileSigner } from '../../src/render/storage/signing.js';
import { serveStorageFile } from '../../src/render/storage/serveFile.js';
import type { Storage } from '../../src/render/storage/storage.js';
import { expectSameBytes, patternBytes, tempDir } from './fixtures.js';

const run = promisify(execFile);
const SIZE = 10_000;
const CLIP = 'renders/r1/clip.mp4';
const data = patternBytes(SIZE, 'served');

let work: Awaited<ReturnType<typeof tempDir>>;
let storage: Storage;
let server: Server;
let base: string;
/** Every request the server answered (also those the client dropped): method, Range header, status. */
const seen: { method: string; url: string; range?: string; status: number }[] = [];

beforeAll(async () => {
  work = await tempDir('serve');
  storage = createLocalStorage({ root: join(work.path, 'root'), publicBaseUrl: 'http://unused', signer: createFileSigner('s'.repeat(32)) });
  await storage.put(CLIP, { data }, 'video/mp4');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.on('close', () => seen.push({ method: req.method ?? '', url: url.pathname, range: req.headers.range, status: res.statusCode }));
    if (!url.pathname.startsWith('/files/')) {
      res.writeHead(404).end();
      return;
    }
    const key = decodeURIComponent(url.pathname.slice('/files/'.length));
    serveStorageFile(storage, key, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await work?.remove();
});

const get = (key: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${base}/${key}`, { method, headers, signal: AbortSignal.timeout(10_000) });
const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('serveStorageFile', () => {
  it('GET without Range → 200 with the whole body and media headers', async () => {
    const res = await get(CLIP);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(SIZE));
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('content-range')).toBeNull();
    expectSameBytes(await body(res), data);
  });

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=0-0', 0, 0],
    ['bytes=9990-', 9_990, SIZE - 1],
    ['bytes=-500', SIZE - 500, SIZE - 1],
    ['bytes=-20000', 0, SIZE - 1], // suffix longer than the object: all of it
    ['bytes=9000-20000', 9_000, SIZE - 1], // end past the object: clamped
  ])('%s → 206 with Content-Range and exactly those bytes', async (range, start, end) => {
    const res = await get(CLIP, { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expectSameBytes(await body(res), data.subarray(start, end + 1));
  });

  it.each(['bytes=10000-', 'bytes=20000-30000', 'bytes=-0', 'bytes=500-100'])('%s → 416 with Content-Range bytes */size', async (range) => {
    const res = await get(CLIP, { Range: range });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${SIZE}`);
  });

  it.each(['bytes=0-1,5-6', 'items=0-5', 'bytes=abc'])('ignores the unsupported Range %j and sends 200 whole', async (range) => {
    const res = await get(CLIP, { Range: range });
    expect(res.status).toBe(200);
    expect((await body(res)).length).toBe(SIZE);
  });

  it('absent key → 404; invalid key → 400', async () => {
    expect((await get('renders/r1/nope.mp4')).status).toBe(404);
    expect((await get('renders/r1/nope.mp4', { Range: 'bytes=0-10' })).status).toBe(404);
    expect((await get('renders/x%2F..%2F..%2Fescape.mp4')).status).toBe(400); // decodes to renders/x/../../escape.mp4
    expect((await get('renders/a%20b.mp4')).status).toBe(400);
  });

  it('HEAD → headers of the GET, no body', async () => {
    const whole = await get(CLIP, {}, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(SIZE));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect((await body(whole)).length).toBe(0);
    const part = await get(CLIP, { Range: 'bytes=10-19' }, 'HEAD');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${SIZE}`);
    expect(part.headers.get('content-length')).toBe('10');
    expect((await get('renders/r1/nope.mp4', {}, 'HEAD')).status).toBe(404);
  });

  it('other methods → 405 with Allow', async () => {
    const res = await get(CLIP, {}, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('types other files by extension and has browsers revalidate mutable project files', async () => {
    const key = 'projects/p/scripts/s/scenes/c/meta.json';
    await storage.put(key, { data: Buffer.from('{"a":1}') }, 'application/json');
    const res = await get(key);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('serves an empty object as 200 with no body, and any range of it as 416', async () => {
    await storage.put('renders/r1/empty.ass', { data: Buffer.alloc(0) }, 'text/x-ssa');
    const res = await get('renders/r1/empty.ass');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.headers.get('content-type')).toBe('text/x-ssa; charset=utf-8');
    expect((await get('renders/r1/empty.ass', { Range: 'bytes=0-' })).status).toBe(416);
  });

  describe('ffprobe over HTTP', () => {
    /** The brief's small faststart clip; or, with the index at the end, a noisy lossless one big enough (~2 MB) that ffprobe must seek. */
    async function makeMp4(name: string, faststart: boolean): Promise<string> {
      const out = join(work.path, name);
      const input = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=160x284:d=1'];
      const encode = faststart
        ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart']
        : ['-vf', 'noise=alls=60:allf=t', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p'];
      await run('ffmpeg', [...input, ...encode, '-y', out], { timeout: 30_000 });
      return out;
    }
    async function probe(url: string) {
      const { stdout } = await run('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', url], {
        timeout: 20_000,
      });
      return JSON.parse(stdout) as { streams: { codec_name: string; width: number; height: number }[]; format: { duration: string } };
    }

    it.each([
      ['faststart', true],
      ['moov at the end', false],
    ])('reads a %s MP4 through range requests', async (label, faststart) => {
      const key = `renders/probe/${faststart ? 'fast' : 'slow'}.mp4`;
      await storage.put(key, { path: await makeMp4(`${label.replace(/\W/g, '')}.mp4`, faststart) }, 'video/mp4');
      const size = (await storage.size(key))!;
      const from = seen.length;

      const info = await probe(`${base}/${key}`);
      expect(info.streams[0]).toMatchObject({ codec_name: 'h264', width: 160, height: 284 });
      expect(Number(info.format.duration)).toBeCloseTo(1, 1);

      const requests = seen.slice(from).filter((r) => r.url.endsWith(key));
      expect(requests.length).toBeGreaterThan(0);
      // ffmpeg's HTTP client always asks for a range, and we answer with partial content.
      expect(requests.every((r) => r.range?.startsWith('bytes=') && r.status === 206)).toBe(true);
      if (!faststart) {
        // The index sits at the end: ffprobe must seek there, i.e. ask for a range that starts later.
        const starts = requests.map((r) => Number(/bytes=(\d+)-/.exec(r.range ?? '')?.[1] ?? 0));
        expect(Math.max(...starts)).toBeGreaterThan(size / 2);
      }
    });
  });
});
