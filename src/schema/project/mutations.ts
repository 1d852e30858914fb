import { z } from 'zod';
import { LIMITS } from '../../resolvers/limits.js';
import { createProject, deleteProject, updateProject } from '../../resolvers/projects.js';
import { builder } from '../builder.js';
import { RenderPresetEnum, SubtitleStyleEnum } from '../enums.js';
import { encodeId } from '../globalId.js';
import { viewerOf } from '../viewer.js';
import { ProjectRef } from './project.js';

const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title);
const language = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as "en" or "pt-BR"')
  .max(LIMITS.language);
const voice = z.string().trim().min(1).max(LIMITS.voice);

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({
    title: t.string({ validate: title }),
    language: t.string({ required: false, validate: language.optional().nullable() }),
    defaultVoice: t.string({ required: false, validate: voice.optional().nullable() }),
    defaultSubtitleStyle: t.field({ type: SubtitleStyleEnum, required: false }),
    defaultPreset: t.field({ type: RenderPresetEnum, required: false }),
  }),
});

const UpdateProjectInput = builder.inputType('UpdateProjectInput', {
  fields: (t) => ({
    id: t.globalID({ for: ProjectRef }),
    title: t.string({ required: false, validate: title.optional().nullable() }),
    language: t.string({ required: false, validate: language.optional().nullable() }),
    defaultVoice: t.string({ required: false, description: 'null clears it', validate: voice.optional().nullable() }),
    defaultSubtitleStyle: t.field({ type: SubtitleStyleEnum, required: false }),
    defaultPreset: t.field({ type: RenderPresetEnum, required: false }),
  }),
});

builder.mutationField('createProject', (t) =>
  t.prismaField({
    type: 'Project',
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: CreateProjectInput }) },
    resolve: (query, _root, { input }, ctx) => createProject(viewerOf(ctx), input, query),
  }),
);

builder.mutationField('updateProject', (t) =>
  t.prismaField({
    type: 'Project',
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: UpdateProjectInput }) },
    resolve: (query, _root, { input }, ctx) => {
      const { id, ...rest } = input;
      return updateProject(viewerOf(ctx), id.id, rest, query);
    },
  }),
);

const DeletedProject = builder.objectRef<{ id: string }>('DeletedProject').implement({
  fields: (t) => ({ deletedId: t.id({ resolve: (p) => encodeId('Project', p.id) }) }),
});

builder.mutationField('deleteProject', (t) =>
  t.field({
    type: DeletedProject,
    authScopes: { user: true },
    errors: {},
    description: 'Deletes the project and everything in it.',
    args: { id: t.arg.globalID({ for: ProjectRef }) },
    resolve: async (_root, args, ctx) => ({ id: await deleteProject(viewerOf(ctx), args.id.id) }),
  }),
);
