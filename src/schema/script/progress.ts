import { GraphQLError } from 'graphql';
import { prisma } from '../../db.js';
import { NotFoundError } from '../../errors.js';
import { type ScriptProgressEvent, scriptProgressStream } from '../../resolvers/scriptGeneration.js';
import { builder } from '../builder.js';
import { ScriptStatusEnum } from '../enums.js';
import { encodeId } from '../globalId.js';
import { viewerOf } from '../viewer.js';
import { ScriptRef } from './script.js';

const ScriptEventKind = builder.enumType('ScriptEventKind', {
  values: {
    SNAPSHOT: { description: 'The current state, read from the database when you subscribe.' },
    STARTED: { description: 'A writer job started (again, after a retried outage).' },
    RETRYING: { description: 'A writer failed in a way worth retrying (rate limit, server error, timeout).' },
    WRITER_FAILED: { description: 'A writer gave up; the next one in the chain takes over.' },
    SCRIPT_STATUS: { description: 'The script is DRAFT (written) or FAILED; the stream ends.' },
  } as const,
});

export const ScriptProgressEventRef = builder.objectRef<ScriptProgressEvent>('ScriptProgressEvent').implement({
  fields: (t) => ({
    kind: t.field({ type: ScriptEventKind, resolve: (e) => e.kind }),
    scriptId: t.id({ resolve: (e) => encodeId('Script', e.scriptId) }),
    status: t.field({ type: ScriptStatusEnum, resolve: (e) => e.status as never }),
    writer: t.exposeString('writer', { nullable: true, description: 'The writer concerned, e.g. "gemini:gemini-2.5-flash+search".' }),
    message: t.exposeString('message', { nullable: true, description: 'Why a writer failed, or why the script FAILED.' }),
    elapsedMs: t.exposeInt('elapsedMs', { nullable: true, description: 'Since the generation started.' }),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    script: t.prismaField({
      type: 'Script',
      resolve: (query, e) => prisma.script.findUniqueOrThrow({ ...query, where: { id: e.scriptId } }),
    }),
  }),
});

builder.subscriptionField('scriptProgress', (t) =>
  t.field({
    type: ScriptProgressEventRef,
    authScopes: { user: true },
    description: 'Your script’s generation: its current state, then each writer event live; completes when it is DRAFT or FAILED.',
    args: { scriptId: t.arg.globalID({ for: ScriptRef }) },
    subscribe: async (_root, args, ctx) => {
      try {
        return await scriptProgressStream(viewerOf(ctx), args.scriptId.id);
      } catch (err) {
        if (err instanceof NotFoundError) throw new GraphQLError(err.message, { extensions: { code: 'NOT_FOUND' } });
        throw err;
      }
    },
    resolve: (e) => e,
  }),
);
