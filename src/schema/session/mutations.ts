import { revokeSession, signOut } from '../../resolvers/sessions.js';
import { builder } from '../builder.js';
import { viewerOf } from '../viewer.js';
import { SessionRef } from './session.js';

const SignedOut = builder.objectRef<{ signedOut: boolean }>('SignedOut').implement({
  fields: (t) => ({ signedOut: t.exposeBoolean('signedOut') }),
});

builder.mutationField('signOut', (t) =>
  t.field({
    type: SignedOut,
    authScopes: { user: true },
    errors: {},
    description: 'Ends the session this request came with (a browser’s cookie is cleared). Not for API keys: revoke those.',
    resolve: (_root, _args, ctx) => signOut(viewerOf(ctx), ctx),
  }),
);

builder.mutationField('revokeSession', (t) =>
  t.prismaField({
    type: 'Session',
    authScopes: { user: true },
    errors: {},
    description: 'Ends one of your sessions (another device, or this one); it stops working at once.',
    args: { id: t.arg.globalID({ for: SessionRef }) },
    resolve: (query, _root, args, ctx) => revokeSession(viewerOf(ctx), args.id.id, ctx, query),
  }),
);
