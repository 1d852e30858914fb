// Serves stored objects over HTTP with byte ranges, which video players need to seek.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { cacheControlFor, InvalidStorageKeyError } from './keys.js';
import { mimeForKey } from './mime.js';
import { type Storage, StorageNotFoundError, StorageRangeError } from './storage.js';

/** What a Range header asks of an object of `size` bytes. */
export type RangeRequest =
  | { kind: 'none' } // absent, malformed or multi-range: serve the whole object
  | { kind: 'unsatisfiable' }
  | { kind: 'range'; start: number; end: number }; // inclusive end, within the object

/**
 * Parses a single-range `bytes=a-b`, `bytes=a-` or `bytes=-n` header (RFC 9110 §14.1.2).
 * Multiple ranges are answered with the whole object, which the RFC allows and players never need.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const match = header === undefined ? null : /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!match) return { kind: 'none' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}

function sendStatus(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const body = `${STATUS_CODES[status] ?? status}\n`;
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Answers GET/HEAD for one stored object: 200 whole, 206 for a satisfiable single range,
 * 416 when the range is past the end, 404 when absent, 400 for an invalid key.
 * Resolves when the response is finished or the client went away; rejects on a storage failure
 * (before the headers are sent when possible: check `res.headersSent` before answering 500).
 */
export async function serveStorageFile(storage: Storage, key: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendStatus(res, 405, { Allow: 'GET, HEAD' });
    return;
  }
  let size: number | null;
  try {
    size = await storage.size(key);
  } catch (err) {
    if (err instanceof InvalidStorageKeyError) return sendStatus(res, 400);
    throw err;
  }
  if (size === null) return sendStatus(res, 404);

  const headers: Record<string, string | number> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': mimeForKey(key),
    'Cache-Control': cacheControlFor(key),
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(req.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    return sendStatus(res, 416, { 'Content-Range': `bytes */${size}`, 'Cache-Control': headers['Cache-Control'] as string });
  }
  const partial = range.kind === 'range';
  const start = partial ? range.start : 0;
  const end = partial ? range.end : size - 1;
  headers['Content-Length'] = end - start + 1; // 0 for an empty object (end = -1)
  if (partial) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = partial ? 206 : 200;

  if (req.method === 'HEAD' || size === 0) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  let body: NodeJS.ReadableStream;
  try {
    // Open before writing headers, so an object deleted since size() still gets a clean 404. Always
    // ask for the measured span: an object replaced meanwhile must not overrun Content-Length.
    body = await storage.get(key, { start, end });
  } catch (err) {
    if (err instanceof StorageNotFoundError) return sendStatus(res, 404);
    if (err instanceof StorageRangeError) return sendStatus(res, 416, { 'Content-Range': `bytes */${size}` });
    throw err;
  }
  res.writeHead(status, headers);
  // Players drop connections when they seek: that premature close is not an error. A failing
  // source is rethrown for the caller to log; pipeline() has already destroyed the response.
  await pipeline(body, res).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  });
}
