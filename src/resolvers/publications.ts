import type { Viewer } from '../context.js';
import { env } from '../config.js';
import { prisma } from '../db.js';
import { NotFoundError, queueUnavailable, ValidationError } from '../errors.js';
import type { Prisma, PublicationPrivacy } from '../generated/prisma/client.js';
import { enqueuePublishJob } from '../jobs/publishJob.js';
import { withEnqueueTimeout } from '../jobs/queues.js';
import { failPublication } from '../publish/publishRun.js';
import { shortsProblem } from '../publish/shorts.js';

export interface PublishInput {
  renderId: string;
  channelId: string;
  title: string;
  description: string;
  tags: string[];
  privacy: PublicationPrivacy;
  madeForKids: boolean;
  containsSyntheticMedia: boolean;
  publishAt: Date | null;
}

const LIVE = ['QUEUED', 'UPLOADING', 'PROCESSING'] as const;

/** Enqueues a try; if the queue cannot be reached the publication ends FAILED (retryPublication it). */
async function startJob(id: string, attempt: number): Promise<void> {
  try {
    await withEnqueueTimeout(enqueuePublishJob(id, attempt), `publication ${id}`);
  } catch (err) {
    await failPublication(id, attempt, 'QUEUE_UNAVAILABLE', 'the publish queue was unavailable; retryPublication it');
    throw queueUnavailable(`publication ${id} was marked FAILED (retryPublication it)`, err);
  }
}

/**
 * Creates a QUEUED publication of a SUCCEEDED render to one of the viewer's channels and queues its
 * upload. A reel YouTube would not take as a Short (over 180 s, landscape) is refused here, before
 * anything is stored or sent.
 */
export async function publishRender(viewer: Viewer, input: PublishInput, query: Prisma.PublicationDefaultArgs = {}) {
  if (input.publishAt) {
    if (input.publishAt.getTime() < Date.now() + 60_000) throw ValidationError.field(['publishAt'], 'must be at least a minute in the future');
    if (input.privacy !== 'PRIVATE')
      throw ValidationError.field(['privacy'], 'a scheduled video (publishAt) must be PRIVATE until then: YouTube makes it public at publishAt');
  }
  const publication = await prisma.$transaction(async (tx) => {
    // One publish of a render to a channel at a time: two clicks must not make two videos.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`youtube:${input.renderId}:${input.channelId}`}))`;
    const [render, channel] = await Promise.all([
      tx.render.findFirst({ where: { id: input.renderId, ownerId: viewer.id }, include: { outputAsset: true } }),
      tx.youTubeChannel.findFirst({ where: { id: input.channelId, userId: viewer.id } }),
    ]);
    if (!render) throw new NotFoundError('Render', input.renderId);
    if (!channel) throw new NotFoundError('YouTubeChannel', input.channelId);
    if (render.status !== 'SUCCEEDED' || !render.outputAsset) {
      throw ValidationError.field(['renderId'], `only a SUCCEEDED render can be published (this one is ${render.status})`);
    }
    const problem = shortsProblem(render.outputAsset);
    if (problem) throw ValidationError.field(['renderId'], `this reel cannot be a YouTube Short: ${problem}`);
    if (channel.sandbox && !env.YOUTUBE_SANDBOX)
      throw ValidationError.field(['channelId'], 'this is a sandbox channel and the YouTube sandbox is off on this server');
    const busy = await tx.publication.findFirst({ where: { renderId: render.id, channelId: channel.id, status: { in: [...LIVE] } }, select: { id: true } });
    if (busy)
      throw ValidationError.field(['renderId'], 'this render is already being published to this channel: follow that publication (render.publications)');
    return tx.publication.create({
      data: {
        renderId: render.id,
        ownerId: viewer.id,
        channelId: channel.id,
        title: input.title,
        description: input.description,
        tags: input.tags,
        privacy: input.privacy,
        madeForKids: input.madeForKids,
        containsSyntheticMedia: input.containsSyntheticMedia,
        publishAt: input.publishAt,
        bytesTotal: render.outputAsset.bytes,
      },
    });
  });
  await startJob(publication.id, publication.attempt);
  return prisma.publication.findUniqueOrThrow({ ...query, where: { id: publication.id } });
}

/** A FAILED publication tries again; its upload resumes from the byte YouTube confirmed. */
export async function retryPublication(viewer: Viewer, id: string, query: Prisma.PublicationDefaultArgs = {}) {
  const current = await prisma.publication.findFirst({ where: { id, ownerId: viewer.id } });
  if (!current) throw new NotFoundError('Publication', id);
  if (current.channelId === null) throw ValidationError.field(['id'], 'its channel was disconnected: connect it again and publish anew');
  const { count } = await prisma.publication.updateMany({
    where: { id, status: 'FAILED' },
    data: {
      status: current.videoId ? 'PROCESSING' : 'QUEUED',
      errorCode: null,
      errorMessage: null,
      finishedAt: null,
      attempt: { increment: 1 },
      recoveries: 0,
      enqueuedAt: new Date(),
    },
  });
  if (count === 0) throw ValidationError.field(['id'], `only a FAILED publication can be retried (this one is ${current.status})`);
  const next = await prisma.publication.findUniqueOrThrow({ where: { id } });
  await startJob(id, next.attempt);
  return prisma.publication.findUniqueOrThrow({ ...query, where: { id } });
}
