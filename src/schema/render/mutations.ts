import { QuotaExceededError } from '../../errors.js';
import { z } from 'zod';
import { cancelRender, enqueueRender, retryRender, setRenderPublished } from '../../resolvers/renders.js';
import { builder } from '../builder.js';
import { RenderPresetEnum, SubtitleStyleEnum } from '../enums.js';
import { ScriptRef } from '../script/script.js';
import { viewerOf } from '../viewer.js';
import { RenderRef } from './render.js';

const ResolutionEnum = builder.enumType('Resolution', {
  values: { P480: { description: '480×854' }, P720: { description: '720×1280' } } as const,
});
const MusicTrackEnum = builder.enumType('MusicTrack', {
  values: { CALM: { description: 'A slow, soft chord pad' }, UPBEAT: { description: 'A brighter pad with a gentle pulse' } } as const,
});

const MusicInput = builder.inputType('MusicInput', {
  fields: (t) => ({
    track: t.field({ type: MusicTrackEnum }),
    volume: t.float({ required: false, description: '0–1, default 0.15', validate: z.number().min(0).max(1).optional().nullable() }),
  }),
});

const RenderOptionsInput = builder.inputType('RenderOptionsInput', {
  description: 'Every field is optional; defaults: VERYFAST, P480, 30 fps, the language’s default voice, KARAOKE, no music.',
  fields: (t) => ({
    preset: t.field({ type: RenderPresetEnum, required: false }),
    resolution: t.field({ type: ResolutionEnum, required: false }),
    fps: t.int({
      required: false,
      description: '24 or 30',
      validate: z
        .union([z.literal(24), z.literal(30)], { error: 'fps must be 24 or 30' })
        .optional()
        .nullable(),
    }),
    voice: t.string({
      required: false,
      description: 'An espeak-ng voice (`espeak-ng --voices`, e.g. en-us) or, when the server uses ElevenLabs, a voice id of its account; checked at enqueue',
      validate: z.string().trim().min(1).max(100).optional().nullable(),
    }),
    subtitleStyle: t.field({ type: SubtitleStyleEnum, required: false }),
    music: t.field({ type: MusicInput, required: false }),
  }),
});

builder.mutationField('enqueueRender', (t) =>
  t.prismaField({
    type: 'Render',
    authScopes: { user: true },
    errors: { types: [QuotaExceededError] },
    description: 'Starts rendering an APPROVED script; returns at once with the render QUEUED. Subscribe to renderProgress to watch it.',
    args: {
      scriptId: t.arg.globalID({ for: ScriptRef }),
      options: t.arg({ type: RenderOptionsInput, required: false }),
    },
    resolve: (query, _root, args, ctx) => {
      const o = args.options ?? {};
      // Absent fields take the defaults; nulls mean the same.
      const options = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
      if (o.music) options.music = { track: o.music.track, ...(o.music.volume == null ? {} : { volume: o.music.volume }) };
      return enqueueRender(viewerOf(ctx), args.scriptId.id, options, query);
    },
  }),
);

builder.mutationField('cancelRender', (t) =>
  t.prismaField({
    type: 'Render',
    authScopes: { user: true },
    errors: {},
    description: 'Stops a QUEUED or RUNNING render: pending work is dropped, running work aborts, the render ends CANCELLED.',
    args: { id: t.arg.globalID({ for: RenderRef }) },
    resolve: (query, _root, args, ctx) => cancelRender(viewerOf(ctx), args.id.id, query),
  }),
);

builder.mutationField('retryRender', (t) =>
  t.prismaField({
    type: 'Render',
    authScopes: { user: true },
    errors: { types: [QuotaExceededError] },
    description: 'Re-runs a FAILED render from the stage that failed; finished stages are reused.',
    args: { id: t.arg.globalID({ for: RenderRef }) },
    resolve: (query, _root, args, ctx) => retryRender(viewerOf(ctx), args.id.id, query),
  }),
);

builder.mutationField('setRenderPublished', (t) =>
  t.prismaField({
    type: 'Render',
    authScopes: { user: true },
    errors: {},
    description: 'Puts a SUCCEEDED render in the public reels feed (or takes it out).',
    args: { id: t.arg.globalID({ for: RenderRef }), published: t.arg.boolean() },
    resolve: (query, _root, args, ctx) => setRenderPublished(viewerOf(ctx), args.id.id, args.published, query),
  }),
);
