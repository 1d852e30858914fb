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
    avatarUrl: t.exposeString('avatarUrl', { nullable: true, description: 'The picture of the Google account last signed in with.' }),
    identities: t.relation('identities', { description: 'The ways you sign in.', query: { orderBy: { createdAt: 'asc' } } }),
    sessions: t.relatedConnection('sessions', {
      cursor: 'id',
      totalCount: true,
      description: 'Your signed-in browsers and apps (live ones: not revoked, not expired), newest first.',
      query: () => ({ where: { revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }),
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
    description: 'You (by API key, session token or session cookie); null when not signed in.',
    resolve: (query, _root, _args, ctx, _info) => (ctx.viewer ? prisma.user.findUnique({ ...query, where: { id: ctx.viewer.id } }) : null),
  }),
);
