import { z } from 'zod';
import { signInAsDemo, signInMethods, signInWithGoogleIdToken } from '../../resolvers/signIn.js';
import { SignInError } from '../../errors.js';
import type { Session, User } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { SessionRef } from '../session/session.js';
import { UserRef } from '../user/user.js';

/** Longer than any Google ID token (about 1–2 KB). */
const MAX_ID_TOKEN = 8_192;

const SignedIn = builder.objectRef<{ token: string; session: Session; user: User }>('SignedIn').implement({
  description: 'A new session. Send the token as "Authorization: Bearer <token>"; it is shown this once.',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.field({ type: 'DateTime', resolve: (p) => p.session.expiresAt }),
    session: t.field({ type: SessionRef, resolve: (p) => p.session }),
    // The signing-in caller is not the viewer yet: the user is given as is, not looked up again.
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
  }),
});

builder.mutationField('signInWithGoogleIdToken', (t) =>
  t.field({
    type: SignedIn,
    errors: { types: [SignInError] },
    description: 'For mobile apps: a Google ID token (issuer, audience, expiry and signature are checked) → a session token.',
    args: { idToken: t.arg.string({ validate: z.string().min(1, 'must not be empty').max(MAX_ID_TOKEN, `must be at most ${MAX_ID_TOKEN} characters`) }) },
    resolve: (_root, args, ctx) => signInWithGoogleIdToken(args.idToken, ctx.userAgent),
  }),
);

builder.mutationField('signInAsDemo', (t) =>
  t.field({
    type: SignedIn,
    errors: { types: [SignInError] },
    description: 'Signs into the shared demo account (where DEMO_SIGN_IN is on) → a session token.',
    resolve: (_root, _args, ctx) => signInAsDemo(ctx.userAgent),
  }),
);

const SignInMethods = builder.objectRef<ReturnType<typeof signInMethods>>('SignInMethods').implement({
  description: 'How a browser can sign in here: open `googleUrl` or `demoUrl` (each takes `?returnTo=/path`).',
  fields: (t) => ({
    demo: t.exposeBoolean('demo', { description: 'The shared demo account is on (DEMO_SIGN_IN).' }),
    google: t.exposeBoolean('google', { description: 'Google sign-in is configured (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET).' }),
    demoUrl: t.exposeString('demoUrl', { nullable: true }),
    googleUrl: t.exposeString('googleUrl', { nullable: true }),
  }),
});

builder.queryField('signInMethods', (t) =>
  t.field({
    type: SignInMethods,
    description: 'The sign-in methods this server offers, for a sign-in screen to show only those.',
    resolve: () => signInMethods(),
  }),
);
