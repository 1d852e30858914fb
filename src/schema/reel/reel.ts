import { prisma } from '../../db.js';
import { AssetRef } from '../asset/asset.js';
import { builder } from '../builder.js';
import { ScriptModeEnum } from '../enums.js';
import { ReelSceneRef } from '../renderedScene/renderedScene.js';

const PUBLIC = { status: 'SUCCEEDED', published: true } as const;

export const ReelRef = builder.prismaNode('Render', {
  variant: 'Reel',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id) => ({ id, ...PUBLIC }),
  description: 'A published reel: the public face of a succeeded render. Only what was rendered, never the script’s later drafts.',
  fields: (t) => ({
    title: t.exposeString('title'),
    language: t.exposeString('language'),
    mode: t.expose('mode', { type: ScriptModeEnum }),
    publishedAt: t.field({ type: 'DateTime', select: { publishedAt: true, finishedAt: true, createdAt: true }, resolve: (r) => r.publishedAt ?? r.finishedAt ?? r.createdAt }),
    durationMs: t.int({
      nullable: true,
      description: 'The video’s length.',
      select: { outputAsset: { select: { durationMs: true } } },
      resolve: (r) => r.outputAsset?.durationMs ?? null,
    }),
    scenes: t.relatedConnection('scenes', {
      type: ReelSceneRef,
      cursor: 'id',
      totalCount: true,
      description: 'The scenes as rendered, in order.',
      query: { orderBy: [{ position: 'asc' }] },
    }),
    // The public copies only: an asset without one (its copy is being made, or failed) is not shown.
    video: t.field({
      type: AssetRef,
      nullable: true,
      description: 'The video at its public, long-cached URL.',
      select: { outputAsset: true },
      resolve: (r) => (r.outputAsset?.publicKey ? r.outputAsset : null),
    }),
    thumbnail: t.field({
      type: AssetRef,
      nullable: true,
      description: 'The poster image at its public, long-cached URL.',
      select: { thumbnailAsset: true },
      resolve: (r) => (r.thumbnailAsset?.publicKey ? r.thumbnailAsset : null),
    }),
  }),
});

builder.queryField('reels', (t) =>
  t.prismaConnection({
    type: ReelRef,
    cursor: 'id',
    description: 'The public feed: published reels, newest first. No API key needed.',
    totalCount: () => prisma.render.count({ where: PUBLIC }),
    resolve: (query) =>
      prisma.render.findMany({ ...query, where: PUBLIC, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] }),
  }),
);
