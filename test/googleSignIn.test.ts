// Google sign-in against a fake Google on 127.0.0.1, through real HTTP to our routes: the browser
// redirect flow with cookies (state, PKCE, nonce), its bad inputs (forged state, replayed and
// reordered callbacks, returnTo elsewhere, a tampered cookie, a refusal by Google), and ID-token
// sign-in for mobile apps (wrong audience, issuer, expired, tampered, foreign key).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, freePort, googleFlow } from './authHelpers.js';
import { startFakeGoogle, testProfile } from './fakes/google.js';

const google = await startFakeGoogle();
const port = await freePort();
Object.assign(process.env, {
  GOOGLE_CLIENT_ID: google.clientId,
  GOOGLE_CLIENT_SECRET: google.clientSecret,
  GOOGLE_ISSUER: google.url,
  GOOGLE_MOBILE_CLIENT_IDS: 'reelforge-ios.apps.googleusercontent.com',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
});

const { prisma, gql } = await import('./helpers.js');
const { startServer } = await import('../src/server.js');
const { closeSignInState } = await import('../src/auth/signInState.js');
const { closeRateLimits } = await import('../src/protection/rateLimits.js');

let server: Awaited<ReturnType<typeof startServer>>;
const origin = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  server = await startServer(port, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await google.close();
  await closeSignInState();
  closeRateLimits();
});

const VIEWER = `{ viewer { id email name avatarUrl identities { provider subject email } sessions(first: 10) { totalCount edges { node { id current device method } } } } }`;

async function counts() {
  const [users, sessions, identities] = await Promise.all([prisma.user.count(), prisma.session.count(), prisma.identity.count()]);
  return { users, sessions, identities };
}

function errorOf(body: any): { message: string; code: string } {
  return { message: body.errors[0].message, code: body.errors[0].extensions.code };
}

describe('the browser flow', () => {
  it('redirects to Google with state, PKCE (S256) and nonce, and back to returnTo with a session cookie', async () => {
    const profile = testProfile({ name: 'Ada Lovelace' });
    google.nextProfile = profile;
    const browser = new Browser(origin);
    const { start, authorize, callback } = await googleFlow(browser, '/studio/projects?tab=new#top');

    expect(authorize.origin).toBe(google.url);
    const q = authorize.searchParams;
    expect(q.get('client_id')).toBe(google.clientId);
    expect(q.get('redirect_uri')).toBe(`${origin}/auth/google/callback`);
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const signInCookie = start.headers.getSetCookie().find((c) => c.startsWith('rf_signin='))!;
    expect(signInCookie).toMatch(/HttpOnly/);
    expect(signInCookie).toMatch(/SameSite=Lax/);
    expect(signInCookie).toMatch(/Path=\/auth\/google\/callback/);
    // The PKCE verifier reached Google only at the token endpoint, and matched the challenge.
    const tokenForm = google.tokenRequests.at(-1)!;
    expect(createHash('sha256').update(tokenForm.get('code_verifier')!).digest('base64url')).toBe(q.get('code_challenge'));

    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/studio/projects?tab=new#top');
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('rf_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).toMatch(/Max-Age=2592000/);
    expect(session).not.toMatch(/Secure/); // only in production
    expect(browser.cookies.has('rf_signin')).toBe(false);

    const token = browser.session()!;
    expect(token).toMatch(/^rfs_[A-Za-z0-9_-]{43}$/);
    const r = await browser.gql(VIEWER);
    expect(r.status).toBe(200);
    const viewer = r.body.data.viewer;
    expect(viewer).toMatchObject({
      email: profile.email,
      name: 'Ada Lovelace',
      avatarUrl: profile.picture,
      identities: [{ provider: 'google', subject: profile.sub, email: profile.email }],
    });
    expect(viewer.sessions.edges).toEqual([{ node: expect.objectContaining({ current: true, method: 'google', device: expect.any(String) }) }]);
    // Only the token's SHA-256 is stored.
    const row = await prisma.session.findFirstOrThrow({ where: { user: { email: profile.email } } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const dump = JSON.stringify(await prisma.$queryRawUnsafe(`SELECT * FROM "${process.env.DATABASE_SCHEMA}"."Session"`));
    expect(dump).not.toContain(token.slice(4));
  });

  it('finds the same user on the next sign-in and follows the Google profile', async () => {
    const profile = testProfile({ name: 'Grace' });
    google.nextProfile = profile;
    await googleFlow(new Browser(origin));
    google.nextProfile = { ...profile, name: 'Grace Hopper', picture: 'https://lh3.googleusercontent.test/new' };
    const browser = new Browser(origin);
    await googleFlow(browser);
    const users = await prisma.user.findMany({ where: { email: profile.email }, include: { identities: true } });
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ name: 'Grace Hopper', avatarUrl: 'https://lh3.googleusercontent.test/new' });
    expect(users[0]!.identities).toHaveLength(1);
    expect((await browser.gql('{ viewer { sessions(first: 5) { totalCount } } }')).body.data.viewer.sessions.totalCount).toBe(2);
  });

  it('links an existing account of the same verified email, and refuses a second Google account for it', async () => {
    const existing = await prisma.user.create({ data: { email: `linked-${Date.now()}@gmail.test`, name: 'Had an API key' } });
    google.nextProfile = testProfile({ email: existing.email });
    await googleFlow(new Browser(origin));
    expect(await prisma.identity.count({ where: { userId: existing.id } })).toBe(1);
    google.nextProfile = testProfile({ email: existing.email });
    const before = await counts();
    const { callback } = await googleFlow(new Browser(origin));
    expect(callback.status).toBe(403);
    expect(errorOf(await callback.json()).message).toMatch(/already belongs to an account that signs in with another Google account/);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unverified email and creates nothing', async () => {
    google.nextProfile = testProfile({ email_verified: false });
    const before = await counts();
    const { callback } = await googleFlow(new Browser(origin));
    expect(callback.status).toBe(403);
    expect(errorOf(await callback.json())).toEqual({ code: 'SIGN_IN_REFUSED', message: 'Your Google account has no verified email address' });
    expect(await counts()).toEqual(before);
  });

  it('says so when Google did not sign the person in', async () => {
    google.denyNext = 'access_denied';
    const { callback } = await googleFlow(new Browser(origin));
    expect(callback.status).toBe(400);
    expect(errorOf(await callback.json()).message).toMatch(/Google did not sign you in \(access_denied\)/);
  });
});

describe('bad callbacks', () => {
  /** Starts a flow and stops at Google's answer (not yet given to our callback). */
  async function startedFlow(browser: Browser) {
    google.nextProfile = testProfile();
    const start = await browser.fetch('/auth/google?returnTo=/');
    const atGoogle = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    return new URL(atGoogle.headers.get('location')!);
  }

  it('refuses a replayed callback (same URL, same cookie) and starts no second session', async () => {
    const browser = new Browser(origin);
    const callbackUrl = await startedFlow(browser);
    const cookie = browser.header('/auth/google/callback')!;
    const first = await browser.fetch(callbackUrl.toString());
    expect(first.status).toBe(302);
    const before = await counts();
    const replay = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie } });
    expect(replay.status).toBe(400);
    expect(errorOf(await replay.json())).toEqual({ code: 'BAD_SIGN_IN_STATE', message: expect.stringMatching(/already used/) });
    expect(replay.headers.get('set-cookie')).not.toMatch(/rf_session=rfs_/);
    expect(await counts()).toEqual(before);
  });

  it('refuses the answer of an earlier sign-in once another was started (reordered callbacks), in either order', async () => {
    // The earlier answer arrives first: refused, and the later sign-in still completes.
    const browser = new Browser(origin);
    const first = await startedFlow(browser);
    const second = await startedFlow(browser);
    const before = await counts();
    const stale = await browser.fetch(first.toString());
    expect(stale.status).toBe(400);
    expect(errorOf(await stale.json()).message).toMatch(/belongs to another sign-in/);
    expect(await counts()).toEqual(before);
    expect((await browser.fetch(second.toString())).status).toBe(302);
    // The later answer arrives first: it signs in, and the earlier one finds no sign-in to finish.
    const other = new Browser(origin);
    const a = await startedFlow(other);
    const b = await startedFlow(other);
    expect((await other.fetch(b.toString())).status).toBe(302);
    const late = await other.fetch(a.toString());
    expect(late.status).toBe(400);
    expect(errorOf(await late.json()).message).toMatch(/not started in this browser/);
  });

  it('refuses a forged state, a missing cookie, a tampered cookie and a missing code', async () => {
    const browser = new Browser(origin);
    const real = await startedFlow(browser);
    const cookie = browser.cookies.get('rf_signin')!.value;
    const before = await counts();
    const cases: [string, string | undefined, RegExp][] = [
      [`/auth/google/callback?code=abc&state=forged-state-value`, `rf_signin=${cookie}`, /belongs to another sign-in/],
      [`${real.pathname}${real.search}`, undefined, /not started in this browser/],
      [`${real.pathname}${real.search}`, `rf_signin=${cookie.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'))}`, /tampered/],
      [`${real.pathname}${real.search}`, `rf_signin=${cookie.split('.')[0]}.${'0'.repeat(32)}`, /tampered/],
      [`${real.pathname}${real.search}`, 'rf_signin=garbage', /malformed/],
      [`/auth/google/callback?state=${real.searchParams.get('state')}`, `rf_signin=${cookie}`, /no code/],
      [`/auth/google/callback?code=abc`, `rf_signin=${cookie}`, /no state/],
    ];
    for (const [path, cookieHeader, message] of cases) {
      const res = await fetch(new URL(path, origin), { redirect: 'manual', headers: cookieHeader ? { cookie: cookieHeader } : {} });
      expect(res.status, path).toBe(400);
      expect(errorOf(await res.json()).message, `${path} with ${cookieHeader}`).toMatch(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a code Google does not accept (exchanged with the wrong PKCE verifier or made up)', async () => {
    const browser = new Browser(origin);
    const real = await startedFlow(browser);
    real.searchParams.set('code', 'made-up-code');
    const res = await browser.fetch(real.toString());
    expect(res.status).toBe(400);
    expect(errorOf(await res.json())).toEqual({ code: 'SIGN_IN_REFUSED', message: expect.stringMatching(/Google refused the sign-in \(invalid_grant\)/) });
  });

  it('refuses an expired sign-in cookie', async () => {
    const { sealSignInState } = await import('../src/auth/signInState.js');
    const sealed = sealSignInState({ state: 's'.repeat(43), codeVerifier: 'v'.repeat(43), nonce: 'n'.repeat(43), returnTo: '/', expiresAt: Date.now() - 1000 });
    const res = await fetch(`${origin}/auth/google/callback?code=x&state=${'s'.repeat(43)}`, {
      redirect: 'manual',
      headers: { cookie: `rf_signin=${sealed}` },
    });
    expect(res.status).toBe(400);
    expect(errorOf(await res.json()).message).toMatch(/longer than 10 minutes/);
  });
});

describe('returnTo', () => {
  const elsewhere = [
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    'evil.example',
    'http:evil.example',
    ' /studio',
    `/${'a'.repeat(2001)}`,
  ];
  it.each(elsewhere.map((r) => [r.length > 40 ? `${r.slice(0, 20)}… (${r.length} characters)` : JSON.stringify(r), r]))(
    'refuses %s before anything happens',
    async (_label, returnTo) => {
      for (const route of ['/auth/google', '/auth/demo']) {
        const res = await fetch(`${origin}${route}?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
        expect(res.status, route).toBe(400);
        expect(res.headers.get('location')).toBeNull();
        expect(res.headers.getSetCookie()).toEqual([]);
        const { code, message } = errorOf(await res.json());
        expect(code).toBe('BAD_RETURN_TO');
        expect(message).toMatch(/returnTo/);
      }
    },
  );

  it('keeps a path that only looks odd a path of this app', async () => {
    const res = await fetch(`${origin}/auth/demo?returnTo=${encodeURIComponent('/%2F%2Fevil.example/../studio')}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/%2F%2Fevil.example/../studio'.replace('/%2F%2Fevil.example/../', '/'));
    const noReturn = await fetch(`${origin}/auth/demo`, { redirect: 'manual' });
    expect(noReturn.headers.get('location')).toBe('/');
  });
});

describe('ID tokens from mobile apps', () => {
  const SIGN_IN = `mutation($t: String!) { signInWithGoogleIdToken(idToken: $t) { __typename
    ... on SignInWithGoogleIdTokenSuccess { data { token expiresAt user { email name } session { method current } } }
    ... on Error { message } ... on ValidationError { fields { path message } } } }`;

  it('signs in with a valid token (web or mobile audience) and the token works as a bearer', async () => {
    for (const aud of [google.clientId, 'reelforge-ios.apps.googleusercontent.com']) {
      const p = testProfile();
      const r = await gql(SIGN_IN, { t: await google.idToken(p, { aud }) });
      expect(r.errors).toBeUndefined();
      const data = r.data.signInWithGoogleIdToken.data;
      expect(data.user).toEqual({ email: p.email, name: p.name });
      expect(data.session.method).toBe('google-id-token');
      expect(data.token).toMatch(/^rfs_/);
      const me = await gql('{ viewer { email sessions(first: 5) { edges { node { current } } } } }', {}, data.token);
      expect(me.data.viewer).toEqual({ email: p.email, sessions: { edges: [{ node: { current: true } }] } });
    }
  });

  it('accepts the issuer written without its scheme, as Google does', async () => {
    const r = await gql(SIGN_IN, { t: await google.idToken(testProfile(), { iss: google.url.replace('http://', '') }) });
    expect(r.data.signInWithGoogleIdToken.__typename).toBe('SignInWithGoogleIdTokenSuccess');
  });

  it.each([
    ['another app’s audience', { aud: 'someone-else.apps.googleusercontent.com' }, /issued to another app/],
    ['another issuer', { iss: 'https://accounts.evil.example' }, /not issued by Google/],
    ['an expired token', { expiresInSeconds: -120 }, /expired/],
    ['a key Google does not publish', { key: 'stranger' as const }, /signature does not verify|key Google does not publish/],
  ])('refuses %s and writes nothing', async (_label, options, message) => {
    const before = await counts();
    const r = await gql(SIGN_IN, { t: await google.idToken(testProfile(), options) });
    expect(r.errors).toBeUndefined();
    expect(r.data.signInWithGoogleIdToken).toEqual({ __typename: 'SignInError', message: expect.stringMatching(message) });
    expect(await counts()).toEqual(before);
  });

  it('refuses a tampered token, an unsigned one, garbage, and an unverified email', async () => {
    const good = await google.idToken(testProfile());
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const swapped = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else', email: 'admin@gmail.test' })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const cases: [string, RegExp][] = [
      [`${h}.${swapped}.${s}`, /signature does not verify/],
      [`${h}.${p}.${s!.slice(0, -4)}AAAA`, /signature does not verify/],
      [none, /not a well-formed signed JWT/],
      ['not-a-jwt', /not a well-formed signed JWT/],
      [await google.idToken(testProfile({ email_verified: false })), /no verified email/],
    ];
    const before = await counts();
    for (const [t, message] of cases) {
      const r = await gql(SIGN_IN, { t });
      expect(r.data.signInWithGoogleIdToken, t.slice(0, 40)).toEqual({ __typename: 'SignInError', message: expect.stringMatching(message) });
    }
    expect(await counts()).toEqual(before);
    const huge = await gql(SIGN_IN, { t: 'a'.repeat(10_000) });
    expect(huge.data.signInWithGoogleIdToken.__typename).toBe('ValidationError');
    expect(huge.data.signInWithGoogleIdToken.fields).toEqual([{ path: ['idToken'], message: 'must be at most 8192 characters' }]);
  });
});
