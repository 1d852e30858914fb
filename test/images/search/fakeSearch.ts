// Local stand-ins for the image search APIs and for the sites their results point at. Loopback
// only, port 0, every request recorded.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export const CSE_KEY = 'cse-key-SECRET-41b7e2';
export const CSE_CX = 'cx-0123456789';
export const SERP_KEY = 'serp-key-SECRET-9d03aa';
export const BRAVE_KEY = 'brave-key-SECRET-5c6f10';

export interface Recorded {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** `json` is sent as JSON, `text` as it is; `hang` never answers (for timeouts). */
export type Reply = { status: number; json?: unknown; text?: string } | { hang: true };

export interface FakeApi {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Answers the n-th request (0-based) with reply(request, n). */
export async function startFakeApi(reply: (request: Recorded, n: number) => Reply): Promise<FakeApi> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const recorded: Recorded = { path: u.pathname, query: u.searchParams, headers: req.headers };
    requests.push(recorded);
    const r = reply(recorded, requests.length - 1);
    if ('hang' in r) return;
    const body = r.text ?? JSON.stringify(r.json ?? {});
    res.writeHead(r.status, { 'content-type': r.text === undefined ? 'application/json' : 'text/html' });
    res.end(body);
  });
  return listen(server, requests);
}

async function listen(server: ReturnType<typeof createServer>, requests: Recorded[]): Promise<FakeApi> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Response bodies in each API's real shape.
// ---------------------------------------------------------------------------------------------------

export interface Hit {
  image: string;
  page?: string;
  title?: string;
  thumb?: string;
  width?: number;
  height?: number;
  mime?: string;
}

export function cseBody(hits: Hit[]) {
  const base = { kind: 'customsearch#search', searchInformation: { totalResults: String(hits.length) } };
  if (hits.length === 0) return base; // Google leaves `items` out when nothing is found
  return {
    ...base,
    items: hits.map((h) => ({
      kind: 'customsearch#result',
      title: h.title,
      htmlTitle: h.title,
      link: h.image,
      displayLink: 'example.org',
      mime: h.mime ?? 'image/jpeg',
      fileFormat: 'image/jpeg',
      image: {
        contextLink: h.page,
        height: h.height,
        width: h.width,
        byteSize: 123456,
        thumbnailLink: h.thumb,
        thumbnailHeight: 100,
        thumbnailWidth: 60,
      },
    })),
  };
}

export function serpBody(hits: Hit[]) {
  return {
    search_metadata: { id: 'abc', status: 'Success' },
    search_parameters: { engine: 'google_images' },
    images_results: hits.map((h, i) => ({
      position: i + 1,
      thumbnail: h.thumb,
      related_content_id: `id${i}`,
      source: 'Example',
      title: h.title,
      link: h.page,
      original: h.image,
      original_width: h.width,
      original_height: h.height,
      is_product: false,
    })),
  };
}

export function braveBody(hits: Hit[]) {
  return {
    type: 'images',
    query: { original: 'q', spellcheck_off: true },
    results: hits.map((h) => ({
      type: 'image_result',
      title: h.title,
      url: h.page,
      source: 'example.org',
      page_fetched: '2025-01-01T00:00:00Z',
      thumbnail: { src: h.thumb, width: 60, height: 100 },
      properties: { url: h.image, placeholder: h.thumb, width: h.width, height: h.height },
      meta_url: { scheme: 'https', netloc: 'example.org', hostname: 'example.org' },
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// An image host: real pictures, a page that is not one, an oversize body, a redirect to 10.x.
// ---------------------------------------------------------------------------------------------------

export interface ImageHost {
  url(path: string): string;
  requests: Recorded[];
  close(): Promise<void>;
  /** What each path serves (pictures only). */
  pictures: Record<string, Buffer>;
  /** Most requests being answered at the same time, so far. */
  maxActive(): number;
}

export const OVERSIZE_BYTES = 300_000;

export async function startImageHost(): Promise<ImageHost> {
  const portrait = await sharp({ create: { width: 90, height: 160, channels: 3, background: '#2a6' } })
    .jpeg()
    .toBuffer();
  const landscape = await sharp({ create: { width: 160, height: 90, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();
  const square = await sharp({ create: { width: 120, height: 120, channels: 4, background: { r: 20, g: 40, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
  const pictures: Record<string, Buffer> = {
    '/portrait.jpg': portrait,
    '/landscape.jpg': landscape,
    '/square.png': square,
    '/copy-of-portrait.jpg': portrait,
  };
  for (const [i, colour] of ['#111', '#333', '#555', '#777', '#999', '#bbb'].entries()) {
    pictures[`/grey-${i}.jpg`] = await sharp({ create: { width: 100, height: 100, channels: 3, background: colour } })
      .jpeg()
      .toBuffer();
  }
  let active = 0;
  let maxActive = 0;
  const requests: Recorded[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://host');
    requests.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    active++;
    maxActive = Math.max(maxActive, active);
    res.on('close', () => active--);
    // ?delay=ms holds the answer back (for concurrency, ordering and abort tests).
    const delay = Number(u.searchParams.get('delay') ?? 0);
    if (delay > 0) setTimeout(() => answer(u, res), delay);
    else answer(u, res);
  });
  const answer = (u: URL, res: ServerResponse) => {
    const picture = pictures[u.pathname];
    if (picture) {
      res.writeHead(200, { 'content-type': u.pathname.endsWith('.png') ? 'image/png' : 'image/jpeg', 'content-length': picture.length });
      res.end(picture);
    } else if (u.pathname === '/page.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><html><body>not a picture at all</body></html>');
    } else if (u.pathname === '/huge.jpg') {
      // Starts like a JPEG, then goes on for longer than any sane maxBytes in these tests.
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.concat([portrait.subarray(0, 64), Buffer.alloc(OVERSIZE_BYTES)]));
    } else if (u.pathname === '/truncated.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(portrait.subarray(0, Math.floor(portrait.length / 2)));
    } else if (u.pathname === '/to-private.jpg') {
      res.writeHead(302, { location: 'http://10.1.2.3/secret.jpg' }).end();
    } else if (u.pathname === '/busy.jpg') {
      res.writeHead(503).end('busy');
    } else {
      res.writeHead(404).end('not found');
    }
  };
  const api = await listen(server, requests);
  return { url: (path) => `${api.url}${path}`, requests, close: api.close, pictures, maxActive: () => maxActive };
}
