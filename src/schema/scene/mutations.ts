import { z } from 'zod';
import { LIMITS } from '../../resolvers/limits.js';
import { addScene, moveScene, removeScene, updateScene } from '../../resolvers/scenes.js';
import { VersionConflictError } from '../../errors.js';
import { prisma } from '../../db.js';
import { builder } from '../builder.js';
import { encodeId } from '../globalId.js';
import { ScriptRef } from '../script/script.js';
import { viewerOf } from '../viewer.js';
import { NARRATION_DESCRIPTION, narration } from './narration.js';
import { SceneRef } from './scene.js';

const imageQuery = z.string().max(LIMITS.imageQuery, `must be at most ${LIMITS.imageQuery} characters`);
const aiImagePrompt = z.string().max(LIMITS.aiImagePrompt, `must be at most ${LIMITS.aiImagePrompt} characters`);

const UpdateSceneInput = builder.inputType('UpdateSceneInput', {
  description: 'Fields left out stay as they are; null clears imageQuery or aiImagePrompt.',
  fields: (t) => ({
    id: t.globalID({ for: SceneRef }),
    version: t.int({ description: 'The version you edited.', validate: z.number().int().min(1) }),
    narration: t.string({ required: false, description: NARRATION_DESCRIPTION, validate: narration.optional().nullable() }),
    imageQuery: t.string({ required: false, validate: imageQuery.optional().nullable() }),
    aiImagePrompt: t.string({ required: false, validate: aiImagePrompt.optional().nullable() }),
  }),
});

builder.mutationField('updateScene', (t) =>
  t.prismaField({
    type: 'Scene',
    authScopes: { user: true },
    errors: { types: [VersionConflictError] },
    args: { input: t.arg({ type: UpdateSceneInput }) },
    resolve: (query, _root, { input }, ctx) => updateScene(viewerOf(ctx), { ...input, id: input.id.id }, query),
  }),
);

const AddSceneInput = builder.inputType('AddSceneInput', {
  fields: (t) => ({
    scriptId: t.globalID({ for: ScriptRef }),
    position: t.int({ required: false, description: 'Where to insert (0-based); the end when left out.' }),
    narration: t.string({ description: NARRATION_DESCRIPTION, validate: narration }),
    imageQuery: t.string({ required: false, validate: imageQuery.optional().nullable() }),
    aiImagePrompt: t.string({ required: false, validate: aiImagePrompt.optional().nullable() }),
  }),
});

builder.mutationField('addScene', (t) =>
  t.prismaField({
    type: 'Scene',
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: AddSceneInput }) },
    resolve: (query, _root, { input }, ctx) => addScene(viewerOf(ctx), { ...input, scriptId: input.scriptId.id }, query),
  }),
);

builder.mutationField('moveScene', (t) =>
  t.prismaField({
    type: 'Scene',
    authScopes: { user: true },
    errors: {},
    description: 'Moves a scene to a 0-based position; the others close up around it.',
    args: {
      id: t.arg.globalID({ for: SceneRef }),
      position: t.arg.int(),
    },
    resolve: (query, _root, args, ctx) => moveScene(viewerOf(ctx), args.id.id, args.position, query),
  }),
);

const RemovedScene = builder.objectRef<{ id: string; scriptId: string }>('RemovedScene').implement({
  fields: (t) => ({
    deletedId: t.id({ resolve: (p) => encodeId('Scene', p.id) }),
    script: t.prismaField({
      type: 'Script',
      resolve: (query, p) => prisma.script.findUniqueOrThrow({ ...query, where: { id: p.scriptId } }),
    }),
  }),
});

builder.mutationField('removeScene', (t) =>
  t.field({
    type: RemovedScene,
    authScopes: { user: true },
    errors: {},
    args: { id: t.arg.globalID({ for: SceneRef }) },
    resolve: (_root, args, ctx) => removeScene(viewerOf(ctx), args.id.id),
  }),
);
