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
    publishedAt: t.field({
      type: 'DateTime',
      select: { publishedAt: true, finishedAt: true, createdAt: true },
      resolve: (r) => r.publishedAt ?? r.finishedAt ?? r.createdAt,
    }),
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
    args: {
      startAt: t.arg.globalID({
        for: ReelRef,
        required: false,
        description: 'Begin the first page at this reel (a shared link): the feed then continues from it. A reel that is not in the feed gives an empty page.',
      }),
    },
    totalCount: () => prisma.render.count({ where: PUBLIC }),
    resolve: async (query, _root, args) => {
      const orderBy = [{ publishedAt: 'desc' as const }, { id: 'desc' as const }];
      if (!args.startAt || args.after || args.before) return prisma.render.findMany({ ...query, where: PUBLIC, orderBy });
      const start = await prisma.render.findFirst({ where: { id: args.startAt.id, ...PUBLIC }, select: { id: true } });
      // An empty page, still through `query` (Pothos checks that every selection is loaded with it).
      if (!start) return prisma.render.findMany({ ...query, where: { id: { in: [] } } });
      return prisma.render.findMany({ ...query, cursor: { id: start.id }, skip: 0, where: PUBLIC, orderBy });
    },
  }),
);
