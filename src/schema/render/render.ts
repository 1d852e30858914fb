import { NOBODY } from '../../context.js';
import { builder } from '../builder.js';
import { RenderStatusEnum, ScriptModeEnum } from '../enums.js';
import { RenderedSceneRef } from '../renderedScene/renderedScene.js';

const RenderError = builder.objectRef<{ stage: string; message: string }>('RenderError').implement({
  fields: (t) => ({ stage: t.exposeString('stage'), message: t.exposeString('message') }),
});

export const RenderRef = builder.prismaNode('Render', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, ownerId: ctx.viewer?.id ?? NOBODY }),
  description: 'One video made from a script. Many renders per script.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The script’s title when this render was enqueued.' }),
    language: t.exposeString('language'),
    mode: t.expose('mode', { type: ScriptModeEnum }),
    status: t.expose('status', { type: RenderStatusEnum }),
    progress: t.exposeFloat('progress', { description: 'Weighted 0–1 across stages.' }),
    options: t.expose('options', { type: 'JSON' }),
    error: t.field({
      type: RenderError,
      nullable: true,
      resolve: (r) => (r.errorStage ? { stage: r.errorStage, message: r.errorMessage ?? '' } : null),
    }),
    published: t.exposeBoolean('published'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'Processing time, start to finish. The video’s length is output.durationMs.' }),
    script: t.relation('script', { description: 'The script now; what was rendered is in scenes.' }),
    scenes: t.relatedConnection('scenes', {
      type: RenderedSceneRef,
      cursor: 'id',
      totalCount: true,
      description: 'The script as rendered, in order: copied at enqueue and never changed.',
      query: { orderBy: [{ position: 'asc' }] },
    }),
    output: t.relation('outputAsset', { nullable: true }),
    thumbnail: t.relation('thumbnailAsset', { nullable: true }),
    stages: t.relatedConnection('stages', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ position: 'asc' }, { name: 'asc' }] },
    }),
    publications: t.relatedConnection('publications', {
      cursor: 'id',
      totalCount: true,
      description: 'Uploads of this render to YouTube (publishRender), newest first.',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
    assets: t.relatedConnection('assets', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});
