import { GraphQLError } from 'graphql';
import { prisma } from '../../db.js';
import { NotFoundError } from '../../errors.js';
import { type ProgressEvent, renderProgressStream } from '../../resolvers/renderProgress.js';
import { builder } from '../builder.js';
import { encodeId } from '../globalId.js';
import { viewerOf } from '../viewer.js';
import { RenderRef } from './render.js';

const RenderEventKind = builder.enumType('RenderEventKind', {
  values: {
    SNAPSHOT: { description: 'The current state, read from the database when you subscribe.' },
    STAGE_STARTED: {},
    STAGE_PROGRESS: {},
    STAGE_FINISHED: {},
    STAGE_FAILED: { description: 'An attempt failed; the stage is retried unless its status is FAILED.' },
    RENDER_STATUS: { description: 'The render changed status; after SUCCEEDED, FAILED or CANCELLED the stream ends.' },
  } as const,
});

export const RenderProgressEvent = builder.objectRef<ProgressEvent>('RenderProgressEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: RenderEventKind, resolve: (e) => e.kind }),
    renderId: t.id({ resolve: (e) => encodeId('Render', e.renderId) }),
    stageName: t.exposeString('stageName', { nullable: true }),
    status: t.exposeString('status', { description: 'The stage’s status (or the render’s, for SNAPSHOT and RENDER_STATUS).' }),
    progress: t.exposeFloat('progress', { description: 'The render’s weighted progress 0–1.' }),
    elapsedMs: t.exposeInt('elapsedMs', { nullable: true, description: 'Since the stage (or render) started.' }),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    render: t.prismaField({
      type: 'Render',
      resolve: (query, e) => prisma.render.findUniqueOrThrow({ ...query, where: { id: e.renderId } }),
    }),
    stage: t.prismaField({
      type: 'RenderStage',
      nullable: true,
      resolve: (query, e) => (e.stageId ? prisma.renderStage.findUnique({ ...query, where: { id: e.stageId } }) : null),
    }),
  }),
});

builder.subscriptionType({});

builder.subscriptionField('renderProgress', (t) =>
  t.field({
    type: RenderProgressEvent,
    authScopes: { user: true },
    description: 'Your render’s current state, then every stage event live; completes when the render ends.',
    args: { renderId: t.arg.globalID({ for: RenderRef }) },
    subscribe: async (_root, args, ctx) => {
      try {
        return await renderProgressStream(viewerOf(ctx), args.renderId.id);
      } catch (err) {
        if (err instanceof NotFoundError) throw new GraphQLError(err.message, { extensions: { code: 'NOT_FOUND' } });
        throw err;
      }
    },
    resolve: (e) => e,
  }),
);
