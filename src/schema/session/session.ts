import { deviceOf } from '../../auth/sessions.js';
import { NOBODY } from '../../context.js';
import { builder } from '../builder.js';

export const SessionRef = builder.prismaNode('Session', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, userId: ctx.viewer?.id ?? NOBODY }),
  description: 'A signed-in browser or app. Its token is never shown again after sign-in; only a hash is stored.',
  fields: (t) => ({
    device: t.string({
      description: 'Browser and system, from the user agent (e.g. "Chrome on macOS").',
      select: { userAgent: true },
      resolve: (s) => deviceOf(s.userAgent),
    }),
    userAgent: t.exposeString('userAgent'),
    method: t.exposeString('method', { description: 'How it was started: google, google-id-token or demo.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', description: 'Updated at most once a minute.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'Moves forward with every use (SESSION_TTL_DAYS after the last).' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    current: t.boolean({ description: 'Whether this request came with this session.', resolve: (s, _args, ctx) => s.id === ctx.viewer?.sessionId }),
  }),
});
