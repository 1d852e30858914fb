import { NOBODY } from '../../context.js';
import { prisma } from '../../db.js';
import { builder } from '../builder.js';
import { RenderPresetEnum, SubtitleStyleEnum } from '../enums.js';
import { viewerOf } from '../viewer.js';

export const ProjectRef = builder.prismaNode('Project', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, ownerId: ctx.viewer?.id ?? NOBODY }),
  fields: (t) => ({
    title: t.exposeString('title'),
    language: t.exposeString('language', { description: 'BCP 47 language tag of new scripts, e.g. "en".' }),
    defaultVoice: t.exposeString('defaultVoice', { nullable: true }),
    defaultSubtitleStyle: t.expose('defaultSubtitleStyle', { type: SubtitleStyleEnum }),
    defaultPreset: t.expose('defaultPreset', { type: RenderPresetEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    scripts: t.relatedConnection('scripts', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
    assets: t.relatedConnection('assets', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});

builder.queryField('projects', (t) =>
  t.prismaConnection({
    type: 'Project',
    cursor: 'id',
    authScopes: { user: true },
    description: 'Your projects, newest first.',
    totalCount: (_root, _args, ctx) => prisma.project.count({ where: { ownerId: viewerOf(ctx).id } }),
    resolve: (query, _root, _args, ctx) =>
      prisma.project.findMany({
        ...query,
        where: { ownerId: viewerOf(ctx).id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);
