import { z } from 'zod';
import { publishRender, retryPublication } from '../../resolvers/publications.js';
import { builder } from '../builder.js';
import { PublicationPrivacyEnum } from '../enums.js';
import { RenderRef } from '../render/render.js';
import { YouTubeChannelRef } from '../youtubeChannel/youtubeChannel.js';
import { viewerOf } from '../viewer.js';
import { PublicationRef } from './publication.js';

// YouTube's own limits on a video's snippet.
const noAngles = (what: string) => z.string().refine((s) => !/[<>]/.test(s), `${what} must not contain "<" or ">" (YouTube refuses them)`);
const tagsWithinLimit = z
  .array(z.string().trim().min(1, 'a tag must not be empty').max(100, 'a tag is at most 100 characters').pipe(noAngles('a tag')))
  .max(100, 'at most 100 tags')
  // YouTube counts a tag with a space as its length plus two (the quotes it adds).
  .refine(
    (tags) => tags.reduce((n, t) => n + t.length + (t.includes(' ') ? 2 : 0), 0) + Math.max(0, tags.length - 1) <= 500,
    'tags are at most 500 characters together',
  );

const PublishRenderInput = builder.inputType('PublishRenderInput', {
  fields: (t) => ({
    renderId: t.globalID({ for: RenderRef }),
    channelId: t.globalID({ for: YouTubeChannelRef }),
    title: t.string({
      validate: z.string().trim().min(1, 'must not be empty').max(100, 'YouTube titles are at most 100 characters').pipe(noAngles('the title')),
    }),
    description: t.string({
      required: false,
      validate: z.string().max(5_000, 'YouTube descriptions are at most 5,000 characters').pipe(noAngles('the description')).optional().nullable(),
    }),
    tags: t.stringList({ required: false, validate: tagsWithinLimit.optional().nullable() }),
    privacy: t.field({ type: PublicationPrivacyEnum }),
    madeForKids: t.boolean({ description: 'Required by YouTube (COPPA): is this video made for children?' }),
    containsSyntheticMedia: t.boolean({
      required: false,
      defaultValue: true,
      description: 'Realistic altered or synthetic content (YouTube’s disclosure); default true: reels are AI-made.',
    }),
    publishAt: t.field({ type: 'DateTime', required: false, description: 'Schedule: the video stays PRIVATE until then (privacy must be PRIVATE).' }),
  }),
});

builder.mutationField('publishRender', (t) =>
  t.prismaField({
    type: 'Publication',
    authScopes: { user: true },
    errors: {},
    description:
      'Uploads a SUCCEEDED render to one of your YouTube channels as a Short: answers the Publication QUEUED at once. A reel over 180 s or in landscape is refused before anything is sent.',
    args: { input: t.arg({ type: PublishRenderInput }) },
    resolve: (query, _root, { input }, ctx) =>
      publishRender(
        viewerOf(ctx),
        {
          renderId: input.renderId.id,
          channelId: input.channelId.id,
          title: input.title.trim(),
          description: input.description ?? '',
          tags: (input.tags ?? []).map((tag) => tag.trim()),
          privacy: input.privacy,
          madeForKids: input.madeForKids,
          containsSyntheticMedia: input.containsSyntheticMedia ?? true,
          publishAt: input.publishAt ?? null,
        },
        query,
      ),
  }),
);

builder.mutationField('retryPublication', (t) =>
  t.prismaField({
    type: 'Publication',
    authScopes: { user: true },
    errors: {},
    description: 'Tries a FAILED publication again (after a quota reset, a reconnect): the upload resumes from the byte YouTube confirmed.',
    args: { id: t.arg.globalID({ for: PublicationRef }) },
    resolve: (query, _root, args, ctx) => retryPublication(viewerOf(ctx), args.id.id, query),
  }),
);
