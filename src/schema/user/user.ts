import { NOBODY } from '../../context.js';
import { prisma } from '../../db.js';
import { builder } from '../builder.js';

export const UserRef = builder.prismaNode('User', {
  id: { field: 'id' },
  nullable: true,
  // You can see yourself only.
  findUnique: (id, ctx) => ({ id: id === ctx.viewer?.id ? id : NOBODY }),
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    projects: t.relatedConnection('projects', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
    apiKeys: t.relatedConnection('apiKeys', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
    webhookEndpoints: t.relatedConnection('webhookEndpoints', {
      cursor: 'id',
      totalCount: true,
      description: 'Where your events are POSTed, newest first.',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
    youtubeChannels: t.relatedConnection('youtubeChannels', {
      cursor: 'id',
      totalCount: true,
      description: 'YouTube channels you connected (connectYouTube), the sandbox included.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The user the API key belongs to; null without a key.',
    resolve: (query, _root, _args, ctx, _info) =>
      ctx.viewer ? prisma.user.findUnique({ ...query, where: { id: ctx.viewer.id } }) : null,
  }),
);
