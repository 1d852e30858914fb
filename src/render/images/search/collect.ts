// Downloads the best candidates until enough of them made usable frames: each through the guarded
// downloader (no private addresses, size and time caps, real image bytes only), then cover-fitted and
// compressed to JPEG. Failures are skipped with their reasons; the next candidate takes the place.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { abortError } from '../../abort.js';
import { safeDownload } from '../../net/download.js';
import type { Size } from '../../types.js';
import { fitImage } from '../fit.js';
import type { ScoredCandidate } from './score.js';

export interface CollectedImage {
  candidate: ScoredCandidate;
  /** The compressed frame, in `dir`. */
  path: string;
  mime: 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
  /** sha256 (hex) of the compressed file. */
  contentHash: string;
  /** What the downloaded bytes were (sniffed, not the server's Content-Type). */
  originalMime: string;
  originalBytes: number;
  /** Where the bytes came from, after redirects. */
  finalUrl: string;
}

export interface CollectOptions {
  /** Where the frames are written (created if missing). */
  dir: string;
  /** How many images to end up with (default 3). */
  keep?: number;
  /** The frame every image is cover-fitted to. */
  size: Size;
  /** Per download. */
  maxBytes: number;
  /** Per download, redirects and body included. */
  timeoutMs: number;
  /** Tests only: allow 127.0.0.0/8 and ::1. */
  allowLoopback?: boolean;
  /** Host name → addresses (default: the system resolver). */
  lookup?: (host: string) => Promise<string[]>;
  signal?: AbortSignal;
  /** Downloads at once (default 3). */
  concurrency?: number;
}

export interface CollectFailure {
  url: string;
  reason: string;
}

export interface CollectResult {
  /** Best score first; at most `keep`. */
  files: CollectedImage[];
  /** Candidates tried and skipped, best score first. */
  failures: CollectFailure[];
}

export const DEFAULT_KEEP = 3;
export const DEFAULT_COLLECT_CONCURRENCY = 3;

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Goes down `scored` (best first) and collects the first `keep` candidates that download and decode.
 * At most `concurrency` downloads run at once, and never more than are still needed, so no candidate is
 * fetched past the ones kept. Temp originals are always deleted; on an abort every file this call wrote
 * is removed and the call rejects with the signal's reason.
 */
export async function collectCandidates(scored: ScoredCandidate[], o: CollectOptions): Promise<CollectResult> {
  const keep = positiveInt('keep', o.keep ?? DEFAULT_KEEP);
  const concurrency = positiveInt('concurrency', o.concurrency ?? DEFAULT_COLLECT_CONCURRENCY);
  if (o.signal?.aborted) throw abortError(o.signal);
  await mkdir(o.dir, { recursive: true });

  const seenUrls = new Set<string>();
  const list = scored.filter((c) => !seenUrls.has(c.url) && seenUrls.add(c.url));
  const done: Array<{ file: CollectedImage } | { failure: CollectFailure } | undefined> = [];
  const byHash = new Map<string, string>(); // contentHash → url of the image that has it

  /** Never rejects: the outcome goes into `done`. */
  const settle = async (index: number, candidate: ScoredCandidate) => {
    try {
      const file = await collectOne(candidate, o);
      const twin = byHash.get(file.contentHash);
      if (twin === undefined) {
        byHash.set(file.contentHash, candidate.url);
        succeeded++;
        done[index] = { file };
      } else {
        await rm(file.path, { force: true }).catch(() => {});
        done[index] = { failure: { url: candidate.url, reason: `same picture as ${twin}` } };
      }
    } catch (e) {
      done[index] = { failure: { url: candidate.url, reason: e instanceof Error ? e.message || e.name : String(e) } };
    }
  };

  let next = 0;
  let inFlight = 0;
  let succeeded = 0;
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (!o.signal?.aborted && inFlight < concurrency && succeeded + inFlight < keep && next < list.length) {
        const index = next++;
        const candidate = list[index]!;
        inFlight++;
        void settle(index, candidate).finally(() => {
          inFlight--;
          pump();
        });
      }
      if (inFlight === 0) resolve();
    };
    pump();
  });

  const files: CollectedImage[] = [];
  const failures: CollectFailure[] = [];
  for (const entry of done) {
    if (!entry) continue;
    if ('file' in entry) files.push(entry.file);
    else failures.push(entry.failure);
  }
  if (o.signal?.aborted) {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
    throw abortError(o.signal);
  }
  return { files, failures };
}

/** Downloads one candidate and fits it; leaves either the finished frame or nothing. */
async function collectOne(candidate: ScoredCandidate, o: CollectOptions): Promise<CollectedImage> {
  const id = randomUUID();
  const originalPath = join(o.dir, `.original-${id}`);
  const fittedPath = join(o.dir, `.fitted-${id}.jpg.part`);
  let finalPath: string | null = null;
  try {
    const download = await safeDownload(candidate.url, {
      outPath: originalPath,
      accept: 'image',
      maxBytes: o.maxBytes,
      timeoutMs: o.timeoutMs,
      allowLoopback: o.allowLoopback,
      lookup: o.lookup,
      signal: o.signal,
    });
    o.signal?.throwIfAborted();
    const fitted = await fitImage(originalPath, o.size, fittedPath);
    const contentHash = createHash('sha256')
      .update(await readFile(fittedPath))
      .digest('hex');
    finalPath = join(o.dir, `image-${contentHash.slice(0, 16)}-${id.slice(0, 8)}.jpg`);
    await rename(fittedPath, finalPath);
    return {
      candidate,
      path: finalPath,
      mime: 'image/jpeg',
      width: fitted.width,
      height: fitted.height,
      bytes: fitted.bytes,
      contentHash,
      originalMime: download.mime,
      originalBytes: download.bytes,
      finalUrl: download.finalUrl,
    };
  } catch (e) {
    await rm(fittedPath, { force: true });
    if (finalPath) await rm(finalPath, { force: true });
    throw e;
  } finally {
    await rm(originalPath, { force: true });
  }
}
