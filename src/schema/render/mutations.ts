import { setRenderPublished } from '../../resolvers/renders.js';
import { builder } from '../builder.js';
import { viewerOf } from '../viewer.js';
import { RenderRef } from './render.js';

builder.mutationField('setRenderPublished', (t) =>
  t.prismaField({
    type: 'Render',
    authScopes: { user: true },
    errors: {},
    description: 'Puts a SUCCEEDED render in the public reels feed (or takes it out).',
    args: { id: t.arg.globalID({ for: RenderRef }), published: t.arg.boolean() },
    resolve: (query, _root, args, ctx) => setRenderPublished(viewerOf(ctx), args.id.id, args.published, query),
  }),
);
