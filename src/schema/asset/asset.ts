import { NOBODY } from '../../context.js';
import { assetUrl } from '../../files/assetUrl.js';
import { builder } from '../builder.js';
import { AssetKindEnum } from '../enums.js';

export const AssetRef = builder.prismaNode('Asset', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, project: { ownerId: ctx.viewer?.id ?? NOBODY } }),
  description: 'One stored file: an image or clip of a scene, narration audio, subtitles, a video or thumbnail.',
  fields: (t) => ({
    kind: t.expose('kind', { type: AssetKindEnum }),
    url: t.string({
      description:
        'Where to download it. A published reel’s video and thumbnail: a public URL, cached for a year. Anything else: a signed URL for its owner that stops working after SIGNED_URL_TTL_SECONDS (ask again for a new one).',
      resolve: (asset, _args, ctx) => assetUrl(ctx.viewer, asset),
    }),
    mime: t.exposeString('mime'),
    bytes: t.exposeInt('bytes'),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    provider: t.exposeString('provider', { description: 'Who made or found it.' }),
    metadata: t.expose('metadata', { type: 'JSON', description: 'Provider details: source page, title, licence hints.' }),
    contentHash: t.exposeString('contentHash'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
