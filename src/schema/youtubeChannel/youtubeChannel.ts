import { NOBODY } from '../../context.js';
import { builder } from '../builder.js';

export const YouTubeChannelRef = builder.prismaNode('YouTubeChannel', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, userId: ctx.viewer?.id ?? NOBODY }),
  description: 'A YouTube channel you connected. Its tokens never leave the server.',
  fields: (t) => ({
    channelId: t.exposeString('channelId', { description: 'YouTube’s id of the channel (UC…).' }),
    title: t.exposeString('title'),
    thumbnailUrl: t.exposeString('thumbnailUrl', { nullable: true }),
    sandbox: t.exposeBoolean('sandbox', { description: 'Uploads go to the built-in YouTube sandbox, not to YouTube.' }),
    connectedAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
