// One try of a publication (the `publish` job's body; no BullMQ here). The resumable session URI is
// written to the row before the first byte goes out, so whatever breaks (a cut connection, a killed
// worker, a retry days later) the next try asks YouTube how much it has and sends only the rest:
// a publication never makes a second video. Every write is a compare-and-set on the try, so a
// superseded try (recovered elsewhere) stops without touching the row.
import { prisma } from '../db.js';
import type { Prisma, Publication } from '../generated/prisma/client.js';
import { env } from '../config.js';
import { logger } from '../logger.js';
import { publishEvent, type PublicationEvent } from '../pubsub.js';
import type { Storage } from '../render/storage/storage.js';
import { channelSession, type ChannelSession, ReconnectRequiredError } from './accessToken.js';
import { dispatchMessages } from '../notify/deliveryQueue.js';
import { type FinishedPublication, recordPublicationFinished } from './finished.js';
import { GoogleNotConfiguredError } from './googleClient.js';
import { sandboxWatchUrl } from './sandbox/routes.js';
import { shortsProblem } from './shorts.js';
import { TokenKeyMissingError } from './tokenSeal.js';
import { putChunk, queryUpload, startResumableUpload, type UploadState, type VideoMetadata, videoProcessing, YouTubeApiError } from './youtubeApi.js';

/** How long PROCESSING may wait for YouTube before the publication ends PUBLISHED regardless (the video exists). */
const PROCESSING_WAIT_MS = 15 * 60_000;
const LIVE = ['QUEUED', 'UPLOADING', 'PROCESSING'] as const;

/** This try was superseded (a retry or a recovery claimed the row): stop quietly. */
class StaleTry extends Error {}

/** A failure the user must act on (quota, reconnect, refusal): the publication ends FAILED, no retry. */
export class PublicationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** To the publication's subscribers and its owner's viewerEvents. */
export function event(p: Pick<Publication, 'id' | 'ownerId' | 'status' | 'progress' | 'bytesConfirmed'>, kind: PublicationEvent['kind']): void {
  const e = { publicationId: p.id, kind, status: p.status, progress: p.progress, bytesConfirmed: p.bytesConfirmed, at: new Date().toISOString() };
  publishEvent('publicationProgress', p.id, e);
  publishEvent('viewerEvents', p.ownerId, { type: 'publication', event: e });
}

async function guarded(
  id: string,
  attempt: number,
  data: Prisma.PublicationUpdateManyMutationInput,
  extra: Prisma.PublicationWhereInput = {},
): Promise<Publication> {
  const { count } = await prisma.publication.updateMany({ where: { id, attempt, status: { in: [...LIVE] }, ...extra }, data });
  if (count === 0) throw new StaleTry();
  return prisma.publication.findUniqueOrThrow({ where: { id } });
}

/**
 * Moves this try's publication to PUBLISHED or FAILED and records its webhook event in the same
 * transaction; then tells subscribers and queues the deliveries. Null when the try no longer owns it.
 */
async function finish(id: string, attempt: number, data: Prisma.PublicationUpdateManyMutationInput): Promise<Publication | null> {
  const done = await prisma.$transaction(async (tx) => {
    const { count } = await tx.publication.updateMany({ where: { id, attempt, status: { in: [...LIVE] } }, data });
    if (count === 0) return null;
    const p = await tx.publication.findUniqueOrThrow({ where: { id } });
    return { p, messages: await recordPublicationFinished(tx, finishedOf(p)) };
  });
  if (!done) return null;
  event(done.p, 'STATUS');
  await dispatchMessages(done.messages);
  return done.p;
}

/** Ends the publication FAILED (if this try still owns it) and tells whoever listens. */
export async function failPublication(id: string, attempt: number, code: string, message: string): Promise<boolean> {
  return (await finish(id, attempt, { status: 'FAILED', errorCode: code, errorMessage: message, finishedAt: new Date() })) !== null;
}

function finishedOf(p: Publication): FinishedPublication {
  return {
    id: p.id,
    ownerId: p.ownerId,
    renderId: p.renderId,
    status: p.status as 'PUBLISHED' | 'FAILED',
    videoId: p.videoId,
    watchUrl: p.watchUrl,
    errorCode: p.errorCode,
    errorMessage: p.errorMessage,
  };
}

function metadataOf(p: Publication): VideoMetadata {
  return {
    title: p.title,
    description: p.description,
    tags: p.tags,
    privacy: p.privacy.toLowerCase() as VideoMetadata['privacy'],
    madeForKids: p.madeForKids,
    containsSyntheticMedia: p.containsSyntheticMedia,
    publishAt: p.publishAt,
  };
}

async function readRange(storage: Storage, key: string, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of (await storage.get(key, { start, end })) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** `call` with the channel's access token; once more with a fresh one when YouTube says it expired. */
async function authed<T>(session: ChannelSession, call: (token: string) => Promise<T>): Promise<T> {
  try {
    return await call(await session.token());
  } catch (err) {
    if (!(err instanceof YouTubeApiError) || err.kind !== 'auth') throw err;
    return call(await session.refresh());
  }
}

/** Maps what the user must act on to a PublicationFailure; anything else stays (and is retried). */
function asFailure(err: unknown): unknown {
  if (err instanceof ReconnectRequiredError) return new PublicationFailure('RECONNECT_REQUIRED', err.message);
  // The deployment, not the moment: retrying would fail the same way.
  if (err instanceof TokenKeyMissingError)
    return new PublicationFailure('RECONNECT_REQUIRED', `${err.message}: connect the channel again, then retryPublication`);
  if (err instanceof GoogleNotConfiguredError)
    return new PublicationFailure('NOT_CONFIGURED', `${err.message} (the publish worker has no Google OAuth client)`);
  if (err instanceof YouTubeApiError) {
    if (err.kind === 'quota') {
      return new PublicationFailure(
        'QUOTA_EXCEEDED',
        `YouTube's quota is used up (${err.reason}): YouTube resets it daily at midnight Pacific time; retryPublication then resumes the upload`,
      );
    }
    if (err.kind === 'refused') return new PublicationFailure('UPLOAD_REFUSED', `YouTube refused the upload: ${err.message}`);
    if (err.kind === 'auth')
      return new PublicationFailure(
        'RECONNECT_REQUIRED',
        `YouTube did not accept a fresh access token: connect the channel again (connectYouTube). ${err.message}`,
      );
  }
  return err;
}

async function upload(p: Publication, session: ChannelSession, storage: Storage, key: string, size: number, mime: string): Promise<string> {
  let uri = p.uploadUri;
  let state: UploadState | null = null;
  if (uri) {
    try {
      state = await authed(session, (t) => queryUpload(uri!, t, size));
    } catch (err) {
      // YouTube forgets sessions after about a week; the video was never completed, so start over.
      if (!(err instanceof YouTubeApiError && err.kind === 'sessionGone')) throw err;
      logger.warn({ publicationId: p.id }, 'the resumable upload session expired at YouTube: starting a new one');
      await guarded(p.id, p.attempt, { uploadUri: null, bytesConfirmed: 0, progress: 0 });
      uri = null;
    }
  }
  if (!uri) {
    uri = await authed(session, (t) => startResumableUpload(session.root, t, metadataOf(p), size, mime));
    // Recorded before any byte is sent: from now on every try resumes this session.
    await guarded(p.id, p.attempt, { uploadUri: uri }, { uploadUri: null });
    state = { done: false, confirmed: 0 };
  }
  const chunk = env.YOUTUBE_CHUNK_KB * 1024;
  while (!state!.done) {
    const start = state!.confirmed;
    const confirmed = await guarded(p.id, p.attempt, { bytesConfirmed: start, progress: size ? start / size : 0 });
    if (start > 0) event(confirmed, 'UPLOAD_PROGRESS');
    const data = await readRange(storage, key, start, Math.min(start + chunk, size) - 1);
    state = await authed(session, (t) => putChunk(uri!, t, data, start, size, mime));
  }
  return state!.videoId;
}

async function awaitProcessing(p: Publication, session: ChannelSession, videoId: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + PROCESSING_WAIT_MS;
  while (Date.now() < deadline) {
    const status = await authed(session, (t) => videoProcessing(session.root, t, videoId));
    if (status?.uploadStatus === 'processed') return { ok: true };
    if (status && ['failed', 'rejected', 'deleted'].includes(status.uploadStatus)) {
      return { ok: false, reason: `YouTube ${status.uploadStatus} the video${status.reason ? ` (${status.reason})` : ''}` };
    }
    await new Promise((r) => setTimeout(r, env.YOUTUBE_POLL_MS));
    await guarded(p.id, p.attempt, {}); // still ours?
  }
  logger.warn({ publicationId: p.id, videoId }, 'YouTube is still processing the video: marking it published');
  return { ok: true };
}

/**
 * Runs try `attempt` of the publication. Resolves when it ended (PUBLISHED or FAILED) or was
 * superseded; rejects on a transient failure, which the job retries (resuming the upload).
 */
export async function runPublication(id: string, attempt: number, storage: Storage): Promise<'done' | 'stale'> {
  try {
    const p = await prisma.publication.findUnique({ where: { id }, include: { channel: true, render: { include: { outputAsset: true } } } });
    if (!p || p.attempt !== attempt || !(LIVE as readonly string[]).includes(p.status)) return 'stale';
    if (!p.channel) throw new PublicationFailure('CHANNEL_GONE', 'the YouTube channel was disconnected: connect it again and publish anew');
    const video = p.render.outputAsset;
    if (!video) throw new PublicationFailure('NO_VIDEO', 'the render has no video to upload');
    const problem = shortsProblem(video);
    if (problem) throw new PublicationFailure('NOT_A_SHORT', `this reel cannot be a YouTube Short: ${problem}`);
    const size = (await storage.size(video.storageKey)) ?? 0;
    if (size === 0) throw new PublicationFailure('NO_VIDEO', "the render's video file is missing from storage: render it again");

    const session = channelSession(p.channel);
    let current: Publication = p;
    if (!p.videoId) {
      const uploading = await guarded(id, attempt, { status: 'UPLOADING', bytesTotal: size, uploadStartedAt: p.uploadStartedAt ?? new Date() });
      if (p.status !== 'UPLOADING') event(uploading, 'STATUS');
      const videoId = await upload(uploading, session, storage, video.storageKey, size, video.mime);
      const watchUrl = p.channel.sandbox ? sandboxWatchUrl(videoId) : `https://www.youtube.com/shorts/${videoId}`;
      current = await guarded(id, attempt, { status: 'PROCESSING', videoId, watchUrl, bytesConfirmed: size, progress: 1, uploadFinishedAt: new Date() });
      event(current, 'STATUS');
    }
    const processed = await awaitProcessing(current, session, current.videoId!);
    if (!processed.ok) throw new PublicationFailure('REJECTED', processed.reason);
    const published = await finish(id, attempt, { status: 'PUBLISHED', finishedAt: new Date(), errorCode: null, errorMessage: null });
    if (!published) throw new StaleTry();
    return 'done';
  } catch (err) {
    if (err instanceof StaleTry) return 'stale';
    const failure = asFailure(err);
    if (failure instanceof PublicationFailure) {
      await failPublication(id, attempt, failure.code, failure.message);
      return 'done';
    }
    throw failure;
  }
}
