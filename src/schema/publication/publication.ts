import { NOBODY } from '../../context.js';
import type { Publication } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { PublicationPrivacyEnum, PublicationStatusEnum } from '../enums.js';

const PublicationError = builder.objectRef<{ code: string; message: string }>('PublicationError').implement({
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'QUOTA_EXCEEDED, RECONNECT_REQUIRED, UPLOAD_REFUSED, UPLOAD_FAILED, REJECTED, CHANNEL_GONE, NOT_A_SHORT, NO_VIDEO, NOT_CONFIGURED, QUEUE_LOST or QUEUE_UNAVAILABLE.',
    }),
    message: t.exposeString('message'),
  }),
});

const PublicationStage = builder.objectRef<{ name: string; startedAt: Date | null; finishedAt: Date | null }>('PublicationStage').implement({
  fields: (t) => ({
    name: t.exposeString('name', { description: 'queued, upload or processing.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    durationMs: t.int({ nullable: true, resolve: (s) => (s.startedAt && s.finishedAt ? s.finishedAt.getTime() - s.startedAt.getTime() : null) }),
  }),
});

/** The stage timings, from the row's timestamps. */
function stagesOf(p: Publication) {
  const processingEnd = p.status === 'PUBLISHED' || (p.status === 'FAILED' && p.uploadFinishedAt) ? p.finishedAt : null;
  return [
    { name: 'queued', startedAt: p.createdAt, finishedAt: p.uploadStartedAt ?? (p.status === 'FAILED' ? p.finishedAt : null) },
    { name: 'upload', startedAt: p.uploadStartedAt, finishedAt: p.uploadFinishedAt ?? (p.status === 'FAILED' && p.uploadStartedAt ? p.finishedAt : null) },
    { name: 'processing', startedAt: p.uploadFinishedAt, finishedAt: processingEnd },
  ];
}

export const PublicationRef = builder.prismaNode('Publication', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, ownerId: ctx.viewer?.id ?? NOBODY }),
  description: 'One upload of a render to a YouTube channel. Subscribe to publicationProgress to watch it.',
  fields: (t) => ({
    status: t.expose('status', { type: PublicationStatusEnum }),
    progress: t.exposeFloat('progress', { description: 'Share of the video YouTube confirmed receiving, 0–1.' }),
    bytesConfirmed: t.exposeInt('bytesConfirmed'),
    bytesTotal: t.exposeInt('bytesTotal'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    tags: t.exposeStringList('tags'),
    privacy: t.expose('privacy', { type: PublicationPrivacyEnum }),
    madeForKids: t.exposeBoolean('madeForKids'),
    containsSyntheticMedia: t.exposeBoolean('containsSyntheticMedia'),
    publishAt: t.expose('publishAt', { type: 'DateTime', nullable: true }),
    videoId: t.exposeString('videoId', { nullable: true }),
    watchUrl: t.exposeString('watchUrl', { nullable: true }),
    error: t.field({
      type: PublicationError,
      nullable: true,
      resolve: (p) => (p.status === 'FAILED' && p.errorCode ? { code: p.errorCode, message: p.errorMessage ?? '' } : null),
    }),
    stages: t.field({ type: [PublicationStage], resolve: stagesOf }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    render: t.relation('render'),
    channel: t.relation('channel', { nullable: true, description: 'Null once the channel was disconnected.' }),
  }),
});
