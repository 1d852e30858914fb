// safeDownload against local servers on 127.0.0.1 only. Hosts that "resolve" elsewhere are simulated
// with the lookup option, so no test ever sends traffic beyond loopback (nor asks a real resolver).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadRefusedError, safeDownload, type SafeDownloadOptions } from '../../src/render/net/download.js';
import { PermanentMediaError } from '../../src/render/types.js';
import { startServer, type TestServer } from './servers.js';

let png: Buffer;
let jpeg: Buffer;
beforeAll(async () => {
  const raw = { create: { width: 64, height: 48, channels: 3, background: '#3366cc' } } as const;
  png = await sharp(raw).png().toBuffer();
  jpeg = await sharp(raw).jpeg().toBuffer();
});

let dir: string;
let outPath: string;
const servers: TestServer[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-download-'));
  outPath = join(dir, 'scene.img');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** Serves the PNG on /img.png, redirects /r/<n> to /r/<n-1> (and /r/0 to /img.png), 404s the rest. */
function site(): Promise<TestServer> {
  return serve((req, res) => {
    const hop = /^\/r\/(\d+)$/.exec(req.url ?? '');
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n === 0 ? '/img.png' : `/r/${n - 1}` }).end();
    } else if (req.url === '/img.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
    } else {
      res.writeHead(404).end('not found');
    }
  });
}

/** A resolver that knows only the given names: any other lookup fails the test (and never reaches DNS). */
function fakeDns(table: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup = async (host: string) => {
    calls.push(host);
    const answer = table[host];
    if (!answer) throw new Error(`unexpected lookup of ${host}`);
    return answer;
  };
  return { lookup, calls };
}

const base = (): SafeDownloadOptions => ({ outPath, maxBytes: 1_000_000, timeoutMs: 3_000, allowLoopback: true });

/** Runs the download expecting a refusal; checks nothing was stored; returns the error. */
async function refusal(url: string, options: Partial<SafeDownloadOptions> = {}): Promise<DownloadRefusedError> {
  const err = await safeDownload(url, { ...base(), ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DownloadRefusedError);
  expect(err).toBeInstanceOf(PermanentMediaError);
  expect(await readdir(dir)).toEqual([]); // neither the file nor its temp
  return err as DownloadRefusedError;
}

/** Runs the download expecting a failure that is not a refusal; checks nothing was stored. */
async function failure(url: string, options: Partial<SafeDownloadOptions> = {}): Promise<Error & { status?: number; code?: string }> {
  const err = await safeDownload(url, { ...base(), ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(PermanentMediaError);
  expect(await readdir(dir)).toEqual([]);
  return err as Error & { status?: number; code?: string };
}

describe('safeDownload', { timeout: 10_000 }, () => {
  it('downloads a real PNG and reports the sniffed type', async () => {
    const s = await site();
    const result = await safeDownload(s.url('/img.png'), { ...base(), accept: 'image' });
    expect(result).toEqual({ path: outPath, bytes: png.length, mime: 'image/png', finalUrl: s.url('/img.png') });
    expect((await readFile(outPath)).equals(png)).toBe(true);
    expect(await readdir(dir)).toEqual(['scene.img']); // no temp file left beside it
    expect((await sharp(outPath).metadata()).format).toBe('png');
  });

  it('trusts the bytes, not Content-Type: a JPEG served as text/html is an image/jpeg', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(jpeg));
    const result = await safeDownload(s.url('/photo'), { ...base(), accept: 'image' });
    expect(result.mime).toBe('image/jpeg');
    expect(result.bytes).toBe(jpeg.length);
  });

  it('follows a redirect chain on loopback when allowLoopback is set', async () => {
    const s = await site();
    const result = await safeDownload(s.url('/r/2'), { ...base(), accept: 'image' });
    expect(result.finalUrl).toBe(s.url('/img.png'));
    expect(s.requests.map((r) => r.path)).toEqual(['/r/2', '/r/1', '/r/0', '/img.png']);
    expect((await readFile(outPath)).equals(png)).toBe(true);
  });

  it('refuses 127.0.0.1 without allowLoopback, before connecting', async () => {
    const s = await site();
    const err = await refusal(s.url('/img.png'), { allowLoopback: false });
    expect(err.message).toBe('refused: 127.0.0.1 is a loopback address');
    expect(err.reason).toBe('address');
    expect(s.requests).toEqual([]);
  });

  it('refuses a name that resolves to loopback without allowLoopback', async () => {
    const s = await site();
    const dns = fakeDns({ 'localhost.test': ['127.0.0.1'] });
    const err = await refusal(`http://localhost.test:${s.port}/img.png`, { allowLoopback: false, lookup: dns.lookup });
    expect(err.message).toBe('refused: 127.0.0.1 is a loopback address (resolved from localhost.test)');
    expect(s.requests).toEqual([]);
  });

  it('connects to the vetted address but keeps the host name in the Host header', async () => {
    const s = await site();
    const dns = fakeDns({ 'cdn.test': ['127.0.0.1'] });
    const result = await safeDownload(`http://cdn.test:${s.port}/img.png`, { ...base(), lookup: dns.lookup });
    expect(result.mime).toBe('image/png');
    expect(result.finalUrl).toBe(`http://cdn.test:${s.port}/img.png`);
    expect(s.requests).toEqual([{ path: '/img.png', host: `cdn.test:${s.port}` }]);
    expect(dns.calls).toEqual(['cdn.test']); // resolved once, by us; the socket used that answer
  });

  it('refuses a host when any of its addresses is forbidden', async () => {
    const s = await site();
    const dns = fakeDns({ 'mixed.test': ['127.0.0.1', '10.0.0.7'] });
    const err = await refusal(`http://mixed.test:${s.port}/img.png`, { lookup: dns.lookup });
    expect(err.message).toBe('refused: 10.0.0.7 is a private address (resolved from mixed.test)');
    expect(s.requests).toEqual([]);
  });

  const forbidden: Array<[address: string, message: RegExp]> = [
    ['10.0.0.1', /10\.0\.0\.1 is a private address/],
    ['169.254.169.254', /169\.254\.169\.254 is a cloud metadata address/],
    ['192.168.1.1', /192\.168\.1\.1 is a private address/],
    ['::ffff:10.0.0.1', /::ffff:10\.0\.0\.1 is a private address/],
    ['fd00::1', /fd00::1 is a unique-local address/],
    ['100.64.0.1', /100\.64\.0\.1 is a carrier-grade NAT address/],
  ];
  for (const [address, message] of forbidden) {
    it(`refuses a redirect to a host resolving to ${address}, storing nothing`, async () => {
      const s = await serve((_req, res) => res.writeHead(302, { location: `http://evil.test:${s.port}/img.png` }).end());
      const dns = fakeDns({ 'evil.test': [address] });
      const err = await refusal(s.url('/start'), { lookup: dns.lookup });
      expect(err.message).toMatch(message);
      expect(err.message).toContain('(resolved from evil.test)');
      expect(err.reason).toBe('address');
      expect(dns.calls).toEqual(['evil.test']);
      expect(s.requests.map((r) => r.path)).toEqual(['/start']); // the second hop never connected
    });
  }

  it('refuses redirects to forbidden IP literals without any lookup', async () => {
    const targets: Array<[location: string, message: string]> = [
      ['http://169.254.169.254/latest/meta-data/', 'refused: 169.254.169.254 is a cloud metadata address'],
      ['http://[::ffff:10.0.0.1]:8080/', 'refused: ::ffff:a00:1 is a private address (IPv4 10.0.0.1 inside IPv6)'],
      ['http://[fd00::1]:8080/', 'refused: fd00::1 is a unique-local address'],
      ['http://0x0a.1:8080/', 'refused: 10.0.0.1 is a private address'], // WHATWG URL normalises odd IPv4 forms
      ['http://0.0.0.0:8080/', 'refused: 0.0.0.0 is an unspecified address'],
    ];
    for (const [location, message] of targets) {
      const s = await serve((_req, res) => res.writeHead(301, { location }).end());
      const dns = fakeDns({});
      const err = await refusal(s.url('/start'), { lookup: dns.lookup });
      expect(err.message).toBe(message);
      expect(dns.calls).toEqual([]);
    }
  });

  it('refuses a redirect to another scheme', async () => {
    const s = await serve((_req, res) => res.writeHead(307, { location: 'file:///etc/passwd' }).end());
    const err = await refusal(s.url('/start'));
    expect(err.message).toBe('refused: scheme file: is not http or https');
  });

  it('refuses more than maxRedirects redirects', async () => {
    const s = await site();
    const err = await refusal(s.url('/r/3')); // /r/3 → /r/2 → /r/1 → /r/0 → /img.png: four redirects
    expect(err.message).toBe('refused: more than 3 redirects');
    expect(err.reason).toBe('redirect');
    expect(s.requests.map((r) => r.path)).toEqual(['/r/3', '/r/2', '/r/1', '/r/0']);

    const none = await refusal(s.url('/r/0'), { maxRedirects: 0 });
    expect(none.message).toBe('refused: more than 0 redirects');
  });

  it('refuses a body whose Content-Length is over the cap, before reading it', async () => {
    let bodyWritten = false;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': 5_000_000 });
      res.write(png.subarray(0, 8), () => {
        bodyWritten = true;
      });
    });
    const err = await refusal(s.url('/big.png'), { maxBytes: 1_000_000 });
    expect(err.message).toBe('refused: body larger than 1000000 bytes (Content-Length 5000000)');
    expect(err.reason).toBe('size');
    expect(bodyWritten).toBe(true); // sanity: the server did try to send
  });

  it('aborts a chunked body that grows over the cap', async () => {
    let sent = 0;
    let clientGone = false;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' }); // no Content-Length: chunked
      res.write(png.subarray(0, 8));
      const timer = setInterval(() => {
        sent += 1024;
        res.write(Buffer.alloc(1024, 1));
      }, 2);
      res.on('close', () => {
        clearInterval(timer);
        clientGone = true;
      });
    });
    const err = await refusal(s.url('/endless.png'), { maxBytes: 10_000 });
    expect(err.message).toBe('refused: body larger than 10000 bytes');
    await expect.poll(() => clientGone, { timeout: 2_000 }).toBe(true); // the connection was dropped
    expect(sent).toBeLessThan(1_000_000);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const s = await site();
    const result = await safeDownload(s.url('/img.png'), { ...base(), maxBytes: png.length });
    expect(result.bytes).toBe(png.length);
  });

  it('refuses HTML served as image/png', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('<!DOCTYPE html><html><body>login</body></html>'));
    const err = await refusal(s.url('/fake.png'), { accept: 'image' });
    expect(err.message).toBe('refused: content is text/html, not an image (served as image/png)');
    expect(err.reason).toBe('content');
  });

  it('refuses media of the wrong kind, an SVG, and an empty body', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>');
      else if (req.url === '/empty') res.writeHead(200, { 'content-type': 'image/png' }).end();
      else res.writeHead(200).end(png);
    });
    expect((await refusal(s.url('/png'), { accept: 'audio' })).message).toBe('refused: content is image/png, not audio');
    expect((await refusal(s.url('/svg'), { accept: 'image' })).message).toBe(
      'refused: content is image/svg+xml, which is not supported (served as image/svg+xml)',
    );
    expect((await refusal(s.url('/empty'), { accept: 'image' })).message).toBe('refused: empty body');
  });

  it('refuses a body that drips slower than the time budget', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(png.subarray(0, 8));
      const timer = setInterval(() => res.write(Buffer.from([0])), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const err = await refusal(s.url('/slow.png'), { timeoutMs: 400 });
    const elapsed = performance.now() - started;
    expect(err.message).toBe('refused: download took longer than 400 ms');
    expect(err.reason).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('refuses a server that never sends headers within the time budget', async () => {
    const s = await serve(() => {
      // never answers
    });
    const err = await refusal(s.url('/hang'), { timeoutMs: 300 });
    expect(err.reason).toBe('timeout');
  });

  it('refuses other schemes, credentials and privileged ports without connecting', async () => {
    const s = await site();
    const cases: Array<[url: string, message: string]> = [
      ['ftp://127.0.0.1/img.png', 'refused: scheme ftp: is not http or https'],
      ['file:///etc/passwd', 'refused: scheme file: is not http or https'],
      ['data:image/png;base64,iVBORw0KGgo=', 'refused: scheme data: is not http or https'],
      ['javascript:alert(1)', 'refused: scheme javascript: is not http or https'],
      [`http://user:secret@127.0.0.1:${s.port}/img.png`, 'refused: URL carries credentials'],
      ['http://127.0.0.1:25/img.png', 'refused: port 25 is not allowed'],
      ['not a url', 'refused: not a valid URL: "not a url"'],
    ];
    for (const [url, message] of cases) {
      const err = await refusal(url);
      expect(err.message).toBe(message);
      expect(err.reason).toBe('url');
    }
    expect(s.requests).toEqual([]);
  });

  it('gives retryable plain errors carrying the status for 503 and 429', async () => {
    const s = await serve((req, res) => res.writeHead(req.url === '/busy' ? 503 : 429, { 'retry-after': '1' }).end('try later'));
    const busy = await failure(s.url('/busy'));
    expect(busy.status).toBe(503);
    expect(busy.message).toBe(`HTTP 503 from ${s.url('/busy')}`);
    const limited = await failure(s.url('/limited'));
    expect(limited.status).toBe(429);
  });

  it('refuses a 404 permanently, with its status', async () => {
    const s = await site();
    const err = await refusal(s.url('/missing.png'));
    expect(err.message).toBe(`refused: HTTP 404 from ${s.url('/missing.png')}`);
    expect(err.status).toBe(404);
  });

  it('passes network errors through (retryable, with code)', async () => {
    const s = await startServer(() => {});
    const port = s.port;
    await s.close(); // nothing listens there now
    const err = await failure(`http://127.0.0.1:${port}/img.png`);
    expect(err.code).toBe('ECONNREFUSED');
  });

  it('stops when the signal aborts, rejecting with its reason', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(png.subarray(0, 8));
      const timer = setInterval(() => res.write(Buffer.from([0])), 20);
      res.on('close', () => clearInterval(timer));
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const err = await failure(s.url('/slow.png'), { signal: controller.signal, timeoutMs: 5_000 });
    expect(err.name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(1_500);

    const stopped = new AbortController();
    stopped.abort(new Error('render cancelled'));
    const early = await failure(s.url('/slow.png'), { signal: stopped.signal });
    expect(early.message).toBe('render cancelled');
    expect(s.requests).toHaveLength(1); // the pre-aborted call never connected
  });
});
