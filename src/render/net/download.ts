// Downloads a media file from an untrusted URL (image search results) without letting the URL reach
// our own network (SSRF, DNS rebinding), fill the disk, hang the worker or smuggle in non-media.
import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { writeAtomically } from '../storage/atomicWrite.js';
import { hostOf, pinnedRequest, vettedAddress } from './pinnedRequest.js';
import { DownloadRefusedError, retryableHttpError } from './refused.js';
import { describeOther, mediaKind, sniffMime, SNIFF_BYTES, type MediaKind } from './sniff.js';
import { checkUrl } from './urlPolicy.js';
import { abortError } from '../abort.js';

export { DownloadRefusedError } from './refused.js';

export type AcceptedMedia = MediaKind | 'any';

export interface SafeDownloadOptions {
  /** Where the file ends up; written under a temp name and renamed, so it is always complete. */
  outPath: string;
  /** Larger bodies are refused (by Content-Length before reading, or while streaming). */
  maxBytes: number;
  /** Budget for the whole download: DNS, connect, headers, every redirect and the body. */
  timeoutMs: number;
  /** Default 3. */
  maxRedirects?: number;
  /** What the bytes must be, by their magic numbers; 'any' (default) is any supported media. */
  accept?: AcceptedMedia;
  /** Tests only: allow 127.0.0.0/8 and ::1. Private, link-local, metadata… stay refused. */
  allowLoopback?: boolean;
  signal?: AbortSignal;
  /** Resolves a host name to IP addresses (default: the system resolver); injectable for tests. */
  lookup?: (host: string) => Promise<string[]>;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  /** Sniffed from the content, never taken from Content-Type. */
  mime: string;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
}

export const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'reelforge/0.1 (+media download)';
const ACCEPT_HEADER: Record<AcceptedMedia, string> = {
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
  any: 'image/*, audio/*, video/*',
};
const WANTED: Record<AcceptedMedia, string> = {
  image: 'an image',
  audio: 'audio',
  video: 'a video',
  any: 'an image, audio or video',
};
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Downloads `url` to `options.outPath`. Refusals (forbidden scheme, port or address, too many
 * redirects, too large, too slow, not the accepted media, HTTP 4xx) throw DownloadRefusedError;
 * HTTP 408/429/5xx throw a plain Error with `status`, network errors come as Node raises them (with
 * `code`), and an abort rejects with the signal's reason — those may be retried. Whatever the
 * failure, nothing is left at outPath or beside it.
 */
export async function safeDownload(url: string, options: SafeDownloadOptions): Promise<DownloadResult> {
  checkOptions(options);
  const { signal: callerSignal } = options;
  if (callerSignal?.aborted) throw abortError(callerSignal);
  // One signal for everything below: the deadline and the caller's abort both end the download.
  const controller = new AbortController();
  const timeoutRefusal = new DownloadRefusedError(`refused: download took longer than ${options.timeoutMs} ms`, 'timeout');
  const timer = setTimeout(() => controller.abort(timeoutRefusal), options.timeoutMs);
  const onCallerAbort = () => controller.abort(abortError(callerSignal!));
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let response: IncomingMessage | undefined;
  try {
    const { res, finalUrl } = await openFollowingRedirects(url, options, controller.signal);
    response = res;
    const { bytes, mime } = await saveBody(res, options, controller.signal);
    return { path: options.outPath, bytes, mime, finalUrl };
  } catch (err) {
    // Aborting surfaces as whatever the socket says (reset, hang up): report why it was aborted.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
    response?.destroy();
  }
}

function checkOptions(o: SafeDownloadOptions): void {
  if (!Number.isSafeInteger(o.maxBytes) || o.maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer, got ${o.maxBytes}`);
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0 || o.timeoutMs > MAX_TIMER_MS) {
    throw new RangeError(`timeoutMs must be between 1 and ${MAX_TIMER_MS}, got ${o.timeoutMs}`);
  }
  const redirects = o.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!Number.isSafeInteger(redirects) || redirects < 0) throw new RangeError(`maxRedirects must be a non-negative integer, got ${redirects}`);
}

/** Requests `url`, following redirects by hand so that every hop's URL and address is vetted. */
async function openFollowingRedirects(url: string, options: SafeDownloadOptions, signal: AbortSignal): Promise<{ res: IncomingMessage; finalUrl: string }> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = checkUrl(url);
  for (let redirects = 0; ; redirects++) {
    const res = await openOnce(current, options, signal);
    const status = res.statusCode ?? 0;
    if (status >= 200 && status < 300) return { res, finalUrl: current.href };
    res.destroy(); // a redirect's or error's body is never read
    if (REDIRECT_STATUSES.has(status)) {
      const location = res.headers.location;
      if (!location) throw new DownloadRefusedError(`refused: HTTP ${status} redirect without a Location`, 'redirect');
      if (redirects >= maxRedirects) throw new DownloadRefusedError(`refused: more than ${maxRedirects} redirects`, 'redirect');
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new DownloadRefusedError(`refused: invalid redirect Location ${JSON.stringify(location.slice(0, 200))}`, 'redirect');
      }
      current = checkUrl(next.href);
      continue;
    }
    if (status === 408 || status === 429 || status >= 500) throw retryableHttpError(status, current.href);
    throw new DownloadRefusedError(`refused: HTTP ${status} from ${current.href}`, 'status', status);
  }
}

/** Vets the host's addresses, then sends one GET to the vetted address and waits for its headers. */
async function openOnce(target: URL, options: SafeDownloadOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const address = await vettedAddress(hostOf(target), options, signal);
  signal.throwIfAborted();
  // Pinned: the socket connects to the address vetted above, whatever a second DNS answer would say.
  return pinnedRequest(
    target,
    address,
    { method: 'GET', headers: { accept: ACCEPT_HEADER[options.accept ?? 'any'], 'accept-encoding': 'identity', 'user-agent': USER_AGENT } },
    signal,
  );
}

/** Streams the body into a temp file, counting and sniffing, and renames it into place if accepted. */
async function saveBody(res: IncomingMessage, options: SafeDownloadOptions, signal: AbortSignal): Promise<{ bytes: number; mime: string }> {
  const { maxBytes } = options;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new DownloadRefusedError(`refused: body larger than ${maxBytes} bytes (Content-Length ${declared})`, 'size');
  }
  const onAbort = () => res.destroy(signal.reason as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    signal.throwIfAborted();
    const contentType = res.headers['content-type'];
    let result = { bytes: 0, mime: '' };
    await writeAtomically(options.outPath, async (temp) => {
      const file = await open(temp, 'wx');
      try {
        result = await copyBody(res, file, maxBytes, (head) => acceptedMime(head, options.accept ?? 'any', contentType));
      } finally {
        await file.close();
      }
    });
    return result;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function copyBody(res: IncomingMessage, file: FileHandle, maxBytes: number, check: (head: Buffer) => string): Promise<{ bytes: number; mime: string }> {
  let bytes = 0;
  let head: Buffer | null = Buffer.alloc(0); // held back until sniffed; null once written
  let mime = '';
  for await (const chunk of res as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw new DownloadRefusedError(`refused: body larger than ${maxBytes} bytes`, 'size');
    if (head === null) {
      await writeAll(file, chunk);
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < SNIFF_BYTES) continue;
    mime = check(head);
    await writeAll(file, head);
    head = null;
  }
  if (head !== null) {
    mime = check(head); // a body shorter than SNIFF_BYTES
    await writeAll(file, head);
  }
  return { bytes, mime };
}

async function writeAll(file: FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length; ) offset += (await file.write(data, offset)).bytesWritten;
}

/** The sniffed mime when the bytes are the accepted kind of media; a refusal naming what they are otherwise. */
function acceptedMime(head: Buffer, accept: AcceptedMedia, contentType: string | undefined): string {
  const mime = sniffMime(head);
  const kind = mime === null ? null : mediaKind(mime);
  if (mime !== null && (accept === 'any' || kind === accept)) return mime;
  if (head.length === 0) throw new DownloadRefusedError('refused: empty body', 'content');
  const what = mime ?? describeOther(head);
  const whatKind = mediaKind(what);
  const served = contentType ? ` (served as ${contentType.slice(0, 100)})` : '';
  // e.g. SVG: an image, but not one we take (it can script and reference other URLs).
  const unsupported = mime === null && whatKind !== null && (accept === 'any' || whatKind === accept);
  const message = unsupported ? `refused: content is ${what}, which is not supported` : `refused: content is ${what}, not ${WANTED[accept]}`;
  throw new DownloadRefusedError(`${message}${served}`, 'content');
}
