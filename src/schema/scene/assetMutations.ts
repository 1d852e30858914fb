import { QuotaExceededError } from '../../errors.js';
import { z } from 'zod';
import { ProviderFailedError } from '../../errors.js';
import { LIMITS } from '../../resolvers/limits.js';
import { generateSceneImageNow, searchSceneImages, selectSceneAsset, uploadSceneAsset, type SceneImageSearch } from '../../resolvers/sceneAssets.js';
import { AssetRef } from '../asset/asset.js';
import { builder } from '../builder.js';
import { ProviderFailureRef } from '../errors.js';
import { prisma } from '../../db.js';
import { viewerOf } from '../viewer.js';
import { SceneRef } from './scene.js';

const SceneImageSearchRef = builder.objectRef<SceneImageSearch>('SceneImageSearch').implement({
  description: 'Pictures found for a scene, stored as its candidate assets.',
  fields: (t) => ({
    scene: t.prismaField({ type: 'Scene', resolve: (query, r) => prisma.scene.findUniqueOrThrow({ ...query, where: { id: r.sceneId } }) }),
    candidates: t.field({
      type: [AssetRef],
      description: 'Best first (resolution, 9:16 fit, relevance; stock sites last). Each asset’s metadata holds its score, title and source page.',
      resolve: (r) => r.candidates,
    }),
    provider: t.exposeString('provider', { description: 'The search service that answered.' }),
    failures: t.field({ type: [ProviderFailureRef], description: 'Services that failed before it.', resolve: (r) => r.failures }),
  }),
});

builder.mutationField('searchSceneImages', (t) =>
  t.field({
    type: SceneImageSearchRef,
    authScopes: { user: true },
    errors: { types: [ProviderFailedError] },
    description:
      'Searches the web (Google → SerpAPI → Brave) for pictures of the scene, downloads the best few safely, and stores them as the scene’s candidates. The best is selected when the scene has no picture yet.',
    args: {
      sceneId: t.arg.globalID({ for: SceneRef }),
      query: t.arg.string({
        required: false,
        description: 'Default: the scene’s imageQuery.',
        validate: z.string().trim().max(LIMITS.imageQuery).optional().nullable(),
      }),
    },
    resolve: (_root, args, ctx) => searchSceneImages(viewerOf(ctx), args.sceneId.id, args.query),
  }),
);

builder.mutationField('generateSceneImage', (t) =>
  t.field({
    type: AssetRef,
    authScopes: { user: true },
    errors: { types: [ProviderFailedError] },
    description:
      'Draws one 9:16 AI illustration of the scene now (in the script’s style, as a render would), stores it as one of the scene’s candidates and selects it. Returns an approved script to DRAFT. Slow: tens of seconds is normal. See Query.capabilities.aiImages.',
    args: {
      sceneId: t.arg.globalID({ for: SceneRef }),
      prompt: t.arg.string({
        required: false,
        description: 'Default: the scene’s aiImagePrompt.',
        validate: z.string().trim().max(LIMITS.aiImagePrompt).optional().nullable(),
      }),
    },
    resolve: (_root, args, ctx) => generateSceneImageNow(viewerOf(ctx), args.sceneId.id, args.prompt),
  }),
);

builder.mutationField('selectSceneAsset', (t) =>
  t.prismaField({
    type: 'Scene',
    authScopes: { user: true },
    errors: {},
    description: 'Makes one of the scene’s images or clips its picture; null clears the choice. Returns an approved script to DRAFT.',
    args: {
      sceneId: t.arg.globalID({ for: SceneRef }),
      assetId: t.arg.globalID({ for: AssetRef, required: false }),
    },
    resolve: (query, _root, args, ctx) => selectSceneAsset(viewerOf(ctx), args.sceneId.id, args.assetId?.id ?? null, query),
  }),
);

builder.mutationField('uploadSceneAsset', (t) =>
  t.field({
    type: AssetRef,
    authScopes: { user: true },
    errors: { types: [QuotaExceededError] },
    description:
      'Your own picture (JPEG, PNG, WebP, GIF, AVIF, HEIC) or clip (MP4, MOV, WebM) for the scene, sent as a multipart request; typed by its content, size-capped, and selected.',
    args: { sceneId: t.arg.globalID({ for: SceneRef }), file: t.arg({ type: 'File' }) },
    resolve: (_root, args, ctx) => uploadSceneAsset(viewerOf(ctx), args.sceneId.id, args.file),
  }),
);
