import { GraphQLError } from 'graphql';
import { prisma } from '../../db.js';
import { NotFoundError } from '../../errors.js';
import { type PublicationProgressEvent, publicationProgressStream } from '../../resolvers/publicationProgress.js';
import { builder } from '../builder.js';
import { PublicationStatusEnum } from '../enums.js';
import { encodeId } from '../globalId.js';
import { viewerOf } from '../viewer.js';
import { PublicationRef } from './publication.js';

const PublicationEventKind = builder.enumType('PublicationEventKind', {
  values: {
    SNAPSHOT: { description: 'The current state, read from the database when you subscribe.' },
    STATUS: { description: 'The publication changed status; after PUBLISHED or FAILED the stream ends.' },
    UPLOAD_PROGRESS: { description: 'YouTube confirmed more of the video.' },
  } as const,
});

export const PublicationProgressEventRef = builder.objectRef<PublicationProgressEvent>('PublicationProgressEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: PublicationEventKind, resolve: (e) => e.kind }),
    publicationId: t.id({ resolve: (e) => encodeId('Publication', e.publicationId) }),
    status: t.field({ type: PublicationStatusEnum, resolve: (e) => e.status as never }),
    progress: t.exposeFloat('progress', { description: 'Share of the video YouTube confirmed, 0–1.' }),
    bytesConfirmed: t.exposeInt('bytesConfirmed'),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    publication: t.prismaField({
      type: 'Publication',
      resolve: (query, e) => prisma.publication.findUniqueOrThrow({ ...query, where: { id: e.publicationId } }),
    }),
  }),
});

builder.subscriptionField('publicationProgress', (t) =>
  t.field({
    type: PublicationProgressEventRef,
    authScopes: { user: true },
    description: 'Your publication’s current state, then its status changes and upload progress live; completes at PUBLISHED or FAILED.',
    args: { id: t.arg.globalID({ for: PublicationRef }) },
    subscribe: async (_root, args, ctx) => {
      try {
        return await publicationProgressStream(viewerOf(ctx), args.id.id);
      } catch (err) {
        if (err instanceof NotFoundError) throw new GraphQLError(err.message, { extensions: { code: 'NOT_FOUND' } });
        throw err;
      }
    },
    resolve: (e) => e,
  }),
);
