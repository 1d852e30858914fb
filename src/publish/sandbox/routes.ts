// The YouTube sandbox: a built-in fake YouTube served by the API (development, the demo account).
// It speaks the resumable upload protocol as YouTube does (session URI, 308 + Range, `bytes */N`
// status checks) and keeps what it receives in our storage, so a publication runs end to end offline:
//   POST /sandbox/youtube/upload/youtube/v3/videos?uploadType=resumable   → 200, Location: session URI
//   PUT  <session URI>  Content-Range: bytes a-b/N  (or bytes */N)       → 308 Range: bytes=0-x | 200 video
//   GET  /sandbox/youtube/youtube/v3/videos?id=…&part=status             → processed
//   GET  /sandbox/youtube/watch?v=…                                      → a page that plays it
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Storage } from '../../render/storage/storage.js';
import { channelOfSandboxToken, SANDBOX_PATH, sandboxRootUrl } from './token.js';

/** Largest chunk one PUT may carry (YouTube's own clients send far less). */
const MAX_CHUNK = 64 * 1024 * 1024;
const MAX_METADATA = 64 * 1024;

interface Session {
  channel: string;
  size: number;
  mime: string;
  resource: { snippet?: { title?: string }; status?: Record<string, unknown> };
  /** Each stored part's first byte and length, in order: what the sandbox confirmed. */
  parts: { start: number; length: number }[];
  videoId: string | null;
}

const ID = /^[A-Za-z0-9_-]{16,64}$/;
const sessionKey = (id: string) => `sandbox/youtube/sessions/${id}.json`;
const partKey = (id: string, start: number) => `sandbox/youtube/sessions/${id}/${String(start).padStart(12, '0')}`;
export const sandboxVideoKey = (videoId: string) => `sandbox/youtube/videos/${videoId}.mp4`;
const videoMetaKey = (videoId: string) => `sandbox/youtube/videos/${videoId}.json`;

const SAFE_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** What the sandbox stored for one publication (its upload session and video): removed with the account. */
export function sandboxFilesOf(p: { uploadUri: string | null; videoId: string | null }): { keys: string[]; prefixes: string[] } {
  const keys: string[] = [];
  const prefixes: string[] = [];
  const uploadId = p.uploadUri?.startsWith(sandboxRootUrl()) ? new URL(p.uploadUri).searchParams.get('upload_id') : null;
  if (uploadId && SAFE_ID.test(uploadId)) {
    keys.push(sessionKey(uploadId));
    prefixes.push(`sandbox/youtube/sessions/${uploadId}/`);
    if (p.videoId && SAFE_ID.test(p.videoId)) keys.push(sandboxVideoKey(p.videoId), videoMetaKey(p.videoId));
  }
  return { keys, prefixes };
}
export const sandboxWatchUrl = (videoId: string) => `${sandboxRootUrl()}/watch?v=${videoId}`;

function answer(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=UTF-8' } : {}),
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Errors shaped like Google's, so the real client code reads them the same way. */
function googleError(res: ServerResponse, status: number, reason: string, message: string): void {
  answer(res, status, { error: { code: status, message, errors: [{ reason, domain: 'youtube.sandbox', message }] } });
}

async function readJson(storage: Storage, key: string): Promise<unknown | null> {
  if ((await storage.size(key)) === null) return null;
  const chunks: Buffer[] = [];
  for await (const c of (await storage.get(key)) as AsyncIterable<Buffer>) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    total += c.length;
    if (total > limit) return null;
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

const confirmedOf = (s: Session) => s.parts.reduce((n, p) => n + p.length, 0);

function incomplete(res: ServerResponse, s: Session): void {
  const confirmed = confirmedOf(s);
  answer(res, 308, undefined, confirmed > 0 ? { range: `bytes=0-${confirmed - 1}` } : {});
}

function videoOf(s: Session, uploadStatus: string) {
  return { kind: 'youtube#video', id: s.videoId, snippet: s.resource.snippet ?? {}, status: { ...(s.resource.status ?? {}), uploadStatus } };
}

/** Joins the parts into one stored video (through a temp file: storage takes whole objects). */
async function finish(storage: Storage, id: string, s: Session): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'reelforge-sandbox-'));
  try {
    const file = join(dir, 'video.mp4');
    const out = createWriteStream(file);
    for (const p of s.parts) await pipeline((await storage.get(partKey(id, p.start))) as NodeJS.ReadableStream, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    s.videoId = randomBytes(8).toString('base64url').slice(0, 11);
    await storage.put(sandboxVideoKey(s.videoId), { path: file }, s.mime);
    await storage.put(videoMetaKey(s.videoId), { data: Buffer.from(JSON.stringify(videoOf(s, 'processed'))) }, 'application/json');
    await storage.put(sessionKey(id), { data: Buffer.from(JSON.stringify(s)) }, 'application/json');
    await Promise.all(s.parts.map((p) => storage.delete(partKey(id, p.start))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function initiate(storage: Storage, req: IncomingMessage, res: ServerResponse, channel: string, url: URL): Promise<void> {
  if (url.searchParams.get('uploadType') !== 'resumable')
    return googleError(res, 400, 'invalidUploadType', 'the sandbox takes resumable uploads only (uploadType=resumable)');
  const size = Number(req.headers['x-upload-content-length']);
  if (!Number.isSafeInteger(size) || size <= 0)
    return googleError(res, 400, 'invalidContentLength', 'X-Upload-Content-Length must give the video size in bytes');
  const body = await readBody(req, MAX_METADATA);
  let resource: Session['resource'];
  try {
    resource = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    return googleError(res, 400, 'parseError', 'the video resource is not JSON');
  }
  if (!resource.snippet?.title) return googleError(res, 400, 'invalidTitle', 'snippet.title is required');
  // YouTube leaves such uploads incomplete; the sandbox says so at once.
  if (typeof resource.status?.selfDeclaredMadeForKids !== 'boolean')
    return googleError(res, 400, 'invalidVideoMetadata', 'status.selfDeclaredMadeForKids must be set');
  const id = randomBytes(18).toString('base64url');
  const session: Session = { channel, size, mime: String(req.headers['x-upload-content-type'] ?? 'video/mp4'), resource, parts: [], videoId: null };
  await storage.put(sessionKey(id), { data: Buffer.from(JSON.stringify(session)) }, 'application/json');
  answer(res, 200, undefined, { location: `${sandboxRootUrl()}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` });
}

async function upload(storage: Storage, req: IncomingMessage, res: ServerResponse, channel: string, id: string): Promise<void> {
  const session = ID.test(id) ? ((await readJson(storage, sessionKey(id))) as Session | null) : null;
  if (!session || session.channel !== channel) return googleError(res, 404, 'notFound', 'no such upload session');
  if (session.videoId) {
    // Already complete: the same video again, never a second one.
    req.resume();
    return answer(res, 200, videoOf(session, 'uploaded'));
  }
  const range = String(req.headers['content-range'] ?? '');
  if (/^bytes \*\/\d+$/.test(range)) {
    req.resume();
    return incomplete(res, session);
  }
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  if (!m) return googleError(res, 400, 'invalidContentRange', 'Content-Range must be "bytes a-b/N" or "bytes */N"');
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (total !== session.size || end < start || end >= total)
    return googleError(res, 400, 'invalidContentRange', `Content-Range ${range} does not fit an upload of ${session.size} bytes`);
  const confirmed = confirmedOf(session);
  if (start !== confirmed) {
    // Not where the sandbox is: say where (the client asks and resumes from there).
    req.resume();
    return incomplete(res, session);
  }
  const data = await readBody(req, MAX_CHUNK);
  // A cut connection stores nothing of that chunk: the client resumes from the last confirmed byte.
  if (!data || data.length !== end - start + 1)
    return googleError(res, 400, 'badContent', `expected ${end - start + 1} bytes, got ${data?.length ?? 'too many'}`);
  await storage.put(partKey(id, start), { data }, 'application/octet-stream');
  session.parts.push({ start, length: data.length });
  if (confirmedOf(session) < session.size) {
    await storage.put(sessionKey(id), { data: Buffer.from(JSON.stringify(session)) }, 'application/json');
    return incomplete(res, session);
  }
  await finish(storage, id, session);
  answer(res, 201, videoOf(session, 'uploaded'));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The sandbox's request handler: answers under /sandbox/youtube and returns false for other paths.
 * Rejects only on a storage failure.
 */
export function createSandboxRoutes(storage: Storage): (req: IncomingMessage, res: ServerResponse) => false | Promise<void> {
  return (req, res) => {
    if (!req.url?.startsWith(`${SANDBOX_PATH}/`)) return false;
    const url = new URL(req.url, 'http://sandbox');
    const path = url.pathname.slice(SANDBOX_PATH.length);
    return (async () => {
      if (req.method === 'GET' && path === '/watch') {
        const videoId = url.searchParams.get('v') ?? '';
        const meta = /^[A-Za-z0-9_-]{11}$/.test(videoId) ? ((await readJson(storage, videoMetaKey(videoId))) as ReturnType<typeof videoOf> | null) : null;
        if (!meta) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such sandbox video\n');
        const src = await storage.signedUrl(sandboxVideoKey(videoId));
        const title = escapeHtml(String(meta.snippet?.title ?? videoId));
        const html = `<!doctype html><meta charset="utf-8"><title>${title} · YouTube sandbox</title><h1>${title}</h1><p>Uploaded to the reelforge YouTube sandbox (not YouTube).</p><video src="${escapeHtml(src)}" controls playsinline style="max-height:80vh"></video>`;
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      }
      const auth = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''));
      const channel = auth ? channelOfSandboxToken(auth[1]!) : null;
      if (!channel) return googleError(res, 401, 'authError', 'a sandbox access token is required');
      if (req.method === 'POST' && path === '/upload/youtube/v3/videos') return initiate(storage, req, res, channel, url);
      if (req.method === 'PUT' && path === '/upload/youtube/v3/videos') return upload(storage, req, res, channel, url.searchParams.get('upload_id') ?? '');
      if (req.method === 'GET' && path === '/youtube/v3/videos') {
        const videoId = url.searchParams.get('id') ?? '';
        const meta = /^[A-Za-z0-9_-]{11}$/.test(videoId) ? await readJson(storage, videoMetaKey(videoId)) : null;
        return answer(res, 200, { kind: 'youtube#videoListResponse', items: meta ? [meta] : [] });
      }
      return googleError(res, 404, 'notFound', `the sandbox has no ${req.method} ${path}`);
    })();
  };
}
