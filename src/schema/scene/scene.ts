import { NOBODY } from '../../context.js';
import { builder } from '../builder.js';
import { NARRATION_DESCRIPTION } from './narration.js';

export const SceneRef = builder.prismaNode('Scene', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, script: { ownerId: ctx.viewer?.id ?? NOBODY } }),
  fields: (t) => ({
    position: t.exposeInt('position', { description: '0-based place in the script; dense and unique.' }),
    narration: t.exposeString('narration', { description: NARRATION_DESCRIPTION }),
    imageQuery: t.exposeString('imageQuery', { nullable: true, description: 'Image search for real people, places, events.' }),
    aiImagePrompt: t.exposeString('aiImagePrompt', { nullable: true, description: 'Prompt for a generated illustration.' }),
    version: t.exposeInt('version', { description: 'Send it back with updateScene; a stale one is refused.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    script: t.relation('script'),
    selectedAsset: t.relation('selectedAsset', { nullable: true }),
    assets: t.relatedConnection('assets', {
      cursor: 'id',
      totalCount: true,
      description: "Media candidates of this scene, oldest first. The owner's only.",
      query: (_args, ctx) => ({
        where: { project: { ownerId: ctx.viewer?.id ?? NOBODY } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    }),
  }),
});
