// A user's own picture or clip for a scene: streamed to disk under a byte cap, typed by its content
// (never by its name or declared type), images compressed to the candidate size, clips probed.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { env } from '../config.js';
import { prisma } from '../db.js';
import { ValidationError } from '../errors.js';
import type { Asset, Prisma } from '../generated/prisma/client.js';
import { checkUploadBytes } from '../quotas.js';
import { probe } from '../render/compose/probe.js';
import { fitImage } from '../render/images/fit.js';
import { describeOther, mediaKind, sniffMime, SNIFF_BYTES } from '../render/net/sniff.js';
import { storageKeys } from '../render/storage/storage.js';
import { PermanentMediaError } from '../render/types.js';
import { getFileSigner, getStorage } from './providers.js';
import { makeWorkDir } from './workDirs.js';
import { CANDIDATE_SIZE, type SceneRef } from './sceneImages.js';

/** The longest clip a scene may use (scenes are one narrated sentence or three). */
export const MAX_CLIP_MS = 120_000;

export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

const mb = (n: number) => Math.round(n * 1024 * 1024);

class TooLargeError extends Error {}

/** Copies the upload to `path`, refusing it once it passes `maxBytes` (whatever its declared size). */
async function saveCapped(file: UploadedFile, path: string, maxBytes: number): Promise<string> {
  let seen = 0;
  const hash = createHash('sha256');
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new TooLargeError());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.from(chunksOf(file.stream())), cap, createWriteStream(path));
  return hash.digest('hex');
}

/** Any WHATWG stream (the multipart parser's own class, not necessarily Node's), chunk by chunk. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  } finally {
    reader.releaseLock();
  }
}

/** Writes the asset row under the upload quota's lock; a refusal removes the stored file. */
async function createCounted(ownerId: string, key: string, args: Prisma.AssetCreateArgs): Promise<Asset> {
  try {
    return await prisma.$transaction(async (tx) => {
      await checkUploadBytes(tx, ownerId, args.data.bytes);
      return tx.asset.create(args);
    });
  } catch (e) {
    await getStorage()
      .delete(key)
      .catch(() => {});
    throw e;
  }
}

async function head(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Stores an uploaded image (compressed to the candidate size) or clip (as sent, after probing) as an
 * Asset of the scene. Refusals are ValidationErrors on `path` naming what was wrong; nothing is
 * stored after a refusal.
 */
export async function storeSceneUpload(scene: SceneRef & { ownerId: string }, file: UploadedFile, path: string[]): Promise<Asset> {
  const maxImage = mb(env.MAX_IMAGE_MB);
  const maxVideo = mb(env.MAX_VIDEO_MB);
  const limit = Math.max(maxImage, maxVideo);
  if (file.size > limit) throw ValidationError.field(path, `the file is ${file.size} bytes; at most ${limit} may be uploaded`);
  if (file.size === 0) throw ValidationError.field(path, 'the file is empty');
  const dir = await makeWorkDir('upload');
  try {
    const original = join(dir, 'original');
    let sha: string;
    try {
      sha = await saveCapped(file, original, limit);
    } catch (e) {
      if (e instanceof TooLargeError) throw ValidationError.field(path, `the file is larger than ${limit} bytes`);
      throw e;
    }
    const bytes = (await stat(original)).size;
    // Early, before any work on the file: is there room at all? The stored (compressed) size is
    // checked again, under the lock, when the asset is written.
    await prisma.$transaction((tx) => checkUploadBytes(tx, scene.ownerId, 1));
    const start = await head(original);
    const mime = sniffMime(start);
    const kind = mime ? mediaKind(mime) : null;
    if (!mime || (kind !== 'image' && kind !== 'video')) {
      throw ValidationError.field(path, `not an image or video: the content is ${mime ?? describeOther(start)}`);
    }
    const storage = getStorage();
    // The same file uploaded again is the same asset.
    const again = await prisma.asset.findFirst({ where: { sceneId: scene.id, contentHash: sha, provider: 'upload' } });
    if (again && (await storage.size(again.storageKey)) !== null) return again;
    const base = { projectId: scene.projectId, sceneId: scene.id, provider: 'upload' } as const;
    const metadata = { fileName: file.name.slice(0, 200), declaredType: file.type.slice(0, 100), originalMime: mime, originalBytes: bytes };
    if (kind === 'image') {
      if (bytes > maxImage) throw ValidationError.field(path, `the image is ${bytes} bytes; at most ${maxImage}`);
      let fitted;
      try {
        fitted = await fitImage(original, CANDIDATE_SIZE, join(dir, 'fitted.jpg'));
      } catch (e) {
        if (e instanceof PermanentMediaError)
          throw ValidationError.field(path, `the image cannot be read (${mime}, ${bytes} bytes): it may be truncated or damaged`);
        throw e;
      }
      const key = storageKeys.sceneFile(scene.projectId, scene.scriptId, scene.id, `upload-${getFileSigner().token('scene', scene.id, sha)}.jpg`);
      const put = await storage.put(key, { path: fitted.path }, fitted.mime);
      return await createCounted(scene.ownerId, key, {
        data: {
          ...base,
          kind: 'IMAGE',
          storageKey: key,
          mime: fitted.mime,
          bytes: put.bytes || fitted.bytes,
          width: fitted.width,
          height: fitted.height,
          contentHash: sha,
          metadata,
        },
      });
    }
    let info;
    try {
      info = await probe(original);
    } catch {
      throw ValidationError.field(path, `the video cannot be read (${mime}, ${bytes} bytes): it may be truncated or damaged`);
    }
    if (!info.video) throw ValidationError.field(path, `the file (${mime}) has no video stream`);
    if (info.durationMs > MAX_CLIP_MS)
      throw ValidationError.field(path, `the clip is ${Math.round(info.durationMs / 1000)} s long; at most ${MAX_CLIP_MS / 1000} s`);
    const ext = mime === 'video/webm' ? 'webm' : mime === 'video/quicktime' ? 'mov' : 'mp4';
    const key = storageKeys.sceneFile(scene.projectId, scene.scriptId, scene.id, `upload-${getFileSigner().token('scene', scene.id, sha)}.${ext}`);
    const put = await storage.put(key, { path: original }, mime);
    return await createCounted(scene.ownerId, key, {
      data: {
        ...base,
        kind: 'VIDEO',
        storageKey: key,
        mime,
        bytes: put.bytes || bytes,
        width: info.video.width,
        height: info.video.height,
        durationMs: Math.round(info.durationMs),
        contentHash: sha,
        metadata: { ...metadata, codec: info.video.codec, fps: info.video.fps },
      },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
