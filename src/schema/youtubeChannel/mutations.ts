import { z } from 'zod';
import { ProviderFailedError } from '../../errors.js';
import { connectYouTube, disconnectYouTube } from '../../resolvers/youtubeChannels.js';
import { builder } from '../builder.js';
import { encodeId } from '../globalId.js';
import { viewerOf } from '../viewer.js';
import { YouTubeChannelRef } from './youtubeChannel.js';

const YouTubeAuthorization = builder.objectRef<{ url: string; expiresAt: Date }>('YouTubeAuthorization').implement({
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Send the browser here: Google asks for consent, then returns to the API’s callback.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'The link works once, until then.' }),
  }),
});

builder.mutationField('connectYouTube', (t) =>
  t.field({
    type: YouTubeAuthorization,
    authScopes: { user: true },
    errors: { types: [ProviderFailedError] },
    description:
      'Starts connecting a YouTube channel (Google OAuth: upload and read-only scopes, offline access). The callback stores the channel and, with returnTo, sends the browser back there.',
    args: {
      returnTo: t.arg.string({
        required: false,
        description: 'A path of the app to return to, e.g. "/studio/account".',
        validate: z.string().max(2_000).optional().nullable(),
      }),
    },
    resolve: (_root, args, ctx) => connectYouTube(viewerOf(ctx), args.returnTo ?? null),
  }),
);

builder.mutationField('disconnectYouTube', (t) =>
  t.id({
    authScopes: { user: true },
    errors: { types: [ProviderFailedError] },
    description: 'Revokes the channel’s access at Google and removes it; answers its id. Its publications stay, without a channel.',
    args: { channelId: t.arg.globalID({ for: YouTubeChannelRef }) },
    resolve: async (_root, args, ctx) => encodeId('YouTubeChannel', await disconnectYouTube(viewerOf(ctx), args.channelId.id)),
  }),
);
