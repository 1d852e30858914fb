import { NOBODY } from '../../context.js';
import { builder } from '../builder.js';
import { StageStatusEnum } from '../enums.js';

export const RenderStageRef = builder.prismaNode('RenderStage', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, render: { ownerId: ctx.viewer?.id ?? NOBODY } }),
  description: 'One step of a render with its timing.',
  fields: (t) => ({
    name: t.exposeString('name'),
    position: t.exposeInt('position'),
    status: t.expose('status', { type: StageStatusEnum }),
    progress: t.exposeFloat('progress', { description: '0–1' }),
    attempts: t.exposeInt('attempts'),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    detail: t.expose('detail', { type: 'JSON' }),
    error: t.exposeString('error', { nullable: true }),
    scene: t.relation('scene', { nullable: true }),
  }),
});
