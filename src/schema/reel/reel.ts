import { prisma } from '../../db.js';
import { builder } from '../builder.js';

const PUBLIC = { status: 'SUCCEEDED', published: true } as const;

export const ReelRef = builder.prismaNode('Render', {
  variant: 'Reel',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id) => ({ id, ...PUBLIC }),
  description: 'A published reel: the public face of a succeeded render.',
  fields: (t) => ({
    title: t.string({ select: { script: { select: { title: true } } }, resolve: (r) => r.script.title }),
    publishedAt: t.field({ type: 'DateTime', select: { publishedAt: true, finishedAt: true, createdAt: true }, resolve: (r) => r.publishedAt ?? r.finishedAt ?? r.createdAt }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    script: t.relation('script'),
    video: t.relation('outputAsset', { nullable: true }),
    thumbnail: t.relation('thumbnailAsset', { nullable: true }),
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
