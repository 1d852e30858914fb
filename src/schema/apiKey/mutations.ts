import { z } from 'zod';
import { createApiKey, revokeApiKey } from '../../resolvers/apiKeys.js';
import { LIMITS } from '../../resolvers/limits.js';
import { builder } from '../builder.js';
import { viewerOf } from '../viewer.js';
import { ApiKeyRef } from './apiKey.js';

const CreatedApiKey = builder.objectRef<{ key: string; apiKey: unknown }>('CreatedApiKey').implement({
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The key itself. Shown this once: store it now.' }),
    apiKey: t.field({ type: ApiKeyRef, resolve: (p) => p.apiKey as never }),
  }),
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreatedApiKey,
    authScopes: { user: true },
    errors: {},
    args: {
      name: t.arg.string({ validate: z.string().trim().min(1, 'must not be empty').max(LIMITS.apiKeyName) }),
    },
    resolve: (_root, args, ctx) => createApiKey(viewerOf(ctx), args.name.trim()),
  }),
);

builder.mutationField('revokeApiKey', (t) =>
  t.prismaField({
    type: 'ApiKey',
    authScopes: { user: true },
    errors: {},
    args: { id: t.arg.globalID({ for: ApiKeyRef }) },
    resolve: (query, _root, args, ctx) => revokeApiKey(viewerOf(ctx), args.id.id, query),
  }),
);
