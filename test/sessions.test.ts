// Sessions over real HTTP and graphql-ws: the demo sign-in (route and mutation), viewer.sessions,
// revokeSession and signOut taking effect at once (also on a second server instance), expired and
// tampered cookies and tokens, sliding expiry, and the CSRF header and Origin checks that guard the
// session cookie on HTTP, SSE and WebSockets.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, freePort } from './authHelpers.js';

const port = await freePort();
process.env.PUBLIC_URL = `http://127.0.0.1:${port}`;
process.env.CORS_ORIGINS = 'https://app.reelforge.test';

const { createUser, gql, prisma } = await import('./helpers.js');
const { startServer } = await import('../src/server.js');
const { env } = await import('../src/config.js');
const { closeRenderInfra } = await import('./renderHelpers.js');

const origin = `http://127.0.0.1:${port}`;
let server: Awaited<ReturnType<typeof startServer>>;
let replica: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer(port, '127.0.0.1');
  replica = await startServer(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await replica?.close();
  await closeRenderInfra();
});

const SIGN_IN_AS_DEMO = `mutation { signInAsDemo { __typename ... on SignInAsDemoSuccess { data { token expiresAt session { id method } user { email } } } ... on Error { message } } }`;

async function demoBrowser(): Promise<Browser> {
  const browser = new Browser(origin);
  const res = await browser.fetch('/auth/demo?returnTo=/studio', {
    headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' },
  });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/studio');
  return browser;
}

async function demoToken(): Promise<string> {
  const r = await gql(SIGN_IN_AS_DEMO);
  expect(r.data.signInAsDemo.__typename).toBe('SignInAsDemoSuccess');
  return r.data.signInAsDemo.data.token;
}

async function post(url: string, query: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the demo account', () => {
  it('signs a browser in (cookie) and an app in (bearer token) as one demo user, created on first use', async () => {
    const browser = await demoBrowser();
    const me = await browser.gql('{ viewer { email name sessions(first: 5) { edges { node { device current method } } } } }');
    expect(me.body.data.viewer.email).toBe('demo@reelforge.local');
    expect(me.body.data.viewer.sessions.edges).toContainEqual({ node: { device: 'Chrome on macOS', current: true, method: 'demo' } });
    const r = await gql(SIGN_IN_AS_DEMO);
    expect(r.data.signInAsDemo.data).toMatchObject({
      token: expect.stringMatching(/^rfs_/),
      session: { method: 'demo' },
      user: { email: 'demo@reelforge.local' },
    });
    expect(await prisma.user.count({ where: { email: 'demo@reelforge.local' } })).toBe(1);
  });

  it('cannot be deleted by one of its visitors', async () => {
    const token = await demoToken();
    const r = await gql('mutation { deleteAccount { __typename ... on ValidationError { message } } }', {}, token);
    expect(r.data.deleteAccount).toEqual({
      __typename: 'ValidationError',
      message: 'Invalid input: (input): The demo account is shared and cannot be deleted',
    });
    expect(await prisma.accountDeletion.count()).toBe(0);
    expect((await gql('{ viewer { email } }', {}, token)).data.viewer.email).toBe('demo@reelforge.local');
  });

  it('is refused where DEMO_SIGN_IN is off', async () => {
    const saved = env.DEMO_SIGN_IN;
    env.DEMO_SIGN_IN = false;
    try {
      const r = await gql(SIGN_IN_AS_DEMO);
      expect(r.data.signInAsDemo).toEqual({ __typename: 'SignInError', message: 'The demo account is off on this server (DEMO_SIGN_IN)' });
      const res = await fetch(`${origin}/auth/demo`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(res.headers.getSetCookie()).toEqual([]);
    } finally {
      env.DEMO_SIGN_IN = saved;
    }
  });
});

describe('sessions', () => {
  it('lists live sessions with the current one marked, and revokeSession ends another at once, on every replica', async () => {
    const a = await demoToken();
    const b = await demoToken();
    const list = await gql('{ viewer { sessions(first: 100) { edges { node { id current } } } } }', {}, a);
    const edges = list.data.viewer.sessions.edges.map((e: any) => e.node);
    expect(edges.filter((n: any) => n.current)).toHaveLength(1);
    const bId = (await gql('{ viewer { sessions(first: 100) { edges { node { id current } } } } }', {}, b)).data.viewer.sessions.edges.find(
      (e: any) => e.node.current,
    ).node.id;
    expect(edges.map((n: any) => n.id)).toContain(bId);

    // b works on the replica, is revoked through the first server, and stops on the replica at once.
    expect((await post(replica.url, '{ viewer { email } }', { authorization: `Bearer ${b}` })).body.data.viewer.email).toBe('demo@reelforge.local');
    const revoked = await post(server.url, `mutation { revokeSession(id: "${bId}") { __typename ... on RevokeSessionSuccess { data { id revokedAt } } } }`, {
      authorization: `Bearer ${a}`,
    });
    expect(revoked.body.data.revokeSession).toMatchObject({ __typename: 'RevokeSessionSuccess', data: { id: bId, revokedAt: expect.any(String) } });
    const after = await post(replica.url, '{ viewer { email } }', { authorization: `Bearer ${b}` });
    expect(after.status).toBe(401);
    expect(after.body.errors[0]).toMatchObject({
      message: 'Session token is invalid, expired or revoked: sign in again',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Revoked sessions are no longer listed; a is still fine.
    const listed = (await gql('{ viewer { sessions(first: 100) { edges { node { id } } } } }', {}, a)).data.viewer.sessions.edges.map((e: any) => e.node.id);
    expect(listed).not.toContain(bId);
  });

  it('revokeSession of another user’s session is not found and changes nothing', async () => {
    const victim = await demoToken();
    const victimId = (await gql('{ viewer { sessions(first: 1) { edges { node { id } } } } }', {}, victim)).data.viewer.sessions.edges[0].node.id;
    const bob = await createUser('bob');
    const r = await gql(`mutation($id: ID!) { revokeSession(id: $id) { __typename ... on NotFoundError { id } } }`, { id: victimId }, bob.key);
    expect(r.data.revokeSession).toEqual({ __typename: 'NotFoundError', id: victimId });
    expect((await gql('{ viewer { email } }', {}, victim)).data.viewer.email).toBe('demo@reelforge.local');
  });

  it('signOut ends the cookie session and clears the cookie; an API key cannot sign out', async () => {
    const browser = await demoBrowser();
    const cookie = browser.session()!;
    const out = await browser.gql('mutation { signOut { __typename ... on SignOutSuccess { data { signedOut } } } }');
    expect(out.body.data.signOut).toEqual({ __typename: 'SignOutSuccess', data: { signedOut: true } });
    expect(out.res.headers.getSetCookie().some((c) => /^rf_session=;.*Max-Age=0/.test(c))).toBe(true);
    expect(browser.session()).toBeUndefined();
    const again = await post(server.url, '{ viewer { email } }', { cookie: `rf_session=${cookie}`, 'graphql-require-preflight': '1' });
    expect(again.status).toBe(401);
    expect(again.body.errors[0].message).toMatch(/Your session has ended/);
    const user = await createUser('keyed');
    const keyed = await gql('mutation { signOut { __typename ... on ValidationError { message } } }', {}, user.key);
    expect(keyed.data.signOut.__typename).toBe('ValidationError');
    expect(keyed.data.signOut.message).toMatch(/used an API key: revoke the key with revokeApiKey/);
  });

  it('refuses expired, tampered and unknown tokens and cookies with UNAUTHENTICATED, never as anonymous', async () => {
    const token = await demoToken();
    const expired = await demoToken();
    await prisma.session.updateMany({
      where: { tokenHash: (await import('../src/auth/tokens.js')).hashToken(expired) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const [label, headers] of [
      ['expired bearer', { authorization: `Bearer ${expired}` }],
      ['tampered bearer', { authorization: `Bearer ${tampered}` }],
      ['short bearer', { authorization: 'Bearer rfs_short' }],
      ['expired cookie', { cookie: `rf_session=${expired}`, 'graphql-require-preflight': '1' }],
      ['tampered cookie', { cookie: `rf_session=${tampered}`, 'graphql-require-preflight': '1' }],
      ['garbage cookie', { cookie: 'rf_session=%00%ff<script>', 'graphql-require-preflight': '1' }],
    ] as const) {
      const r = await post(server.url, '{ viewer { email } reels(first: 1) { totalCount } }', headers);
      expect(r.status, label).toBe(401);
      expect(r.body.errors[0].extensions.code, label).toBe('UNAUTHENTICATED');
      expect(r.body.data, label).toBeUndefined();
    }
  });

  it('slides the expiry forward on use, and sends a browser a fresh cookie', async () => {
    const browser = await demoBrowser();
    const { hashToken } = await import('../src/auth/tokens.js');
    const where = { tokenHash: hashToken(browser.session()!) };
    const soon = new Date(Date.now() + 3_600_000);
    await prisma.session.updateMany({ where, data: { lastUsedAt: new Date(Date.now() - 120_000), expiresAt: soon } });
    const r = await browser.gql('{ viewer { email } }');
    expect(r.res.headers.getSetCookie().some((c) => /^rf_session=rfs_.*Max-Age=259\d{4}/.test(c))).toBe(true);
    await expect
      .poll(async () => (await prisma.session.findFirstOrThrow({ where })).expiresAt.getTime(), { timeout: 3000 })
      .toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });
});

describe('the session cookie and CSRF', () => {
  it('needs the CSRF header on every request it signs in (JSON POST and GET too)', async () => {
    const browser = await demoBrowser();
    const cookie = `rf_session=${browser.session()}`;
    const json = await post(server.url, '{ viewer { email } }', { cookie });
    expect(json.status).toBe(403);
    expect(json.body.errors[0]).toMatchObject({
      extensions: { code: 'CSRF_HEADER_REQUIRED' },
      message: expect.stringMatching(/session cookie must send the graphql-require-preflight header/),
    });
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { email } }')}`, { headers: { cookie } });
    expect(get.status).toBe(403);
    const getOk = await fetch(`${server.url}?query=${encodeURIComponent('{ viewer { email } }')}`, { headers: { cookie, 'graphql-require-preflight': '1' } });
    expect(((await getOk.json()) as any).data.viewer.email).toBe('demo@reelforge.local');
    // A mutation without the header changed nothing: the session is still live.
    const signOut = await post(server.url, 'mutation { signOut { __typename } }', { cookie });
    expect(signOut.status).toBe(403);
    expect((await browser.gql('{ viewer { email } }')).body.data.viewer.email).toBe('demo@reelforge.local');
    // An Authorization header wins over the cookie: API clients need no CSRF header.
    const user = await createUser('api');
    expect((await post(server.url, '{ viewer { id } }', { cookie, authorization: `Bearer ${user.key}` })).status).toBe(200);
  });

  it('refuses the cookie from an origin that is neither this app nor in CORS_ORIGINS, over HTTP and SSE', async () => {
    const browser = await demoBrowser();
    const cookie = `rf_session=${browser.session()}`;
    const h = { cookie, 'graphql-require-preflight': '1' };
    const evil = await post(server.url, '{ viewer { email } }', { ...h, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.errors[0]).toMatchObject({
      extensions: { code: 'ORIGIN_NOT_ALLOWED' },
      message: expect.stringMatching(/cannot be used from https:\/\/evil\.example/),
    });
    for (const good of [origin, 'https://app.reelforge.test']) {
      expect((await post(server.url, '{ viewer { email } }', { ...h, origin: good })).body.data.viewer.email).toBe('demo@reelforge.local');
    }
    const sse = (o: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { ...h, origin: o, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: '{ viewer { email } }' }),
      });
    const refused = await sse('https://evil.example');
    expect(refused.status).toBe(403);
    const ok = await sse(origin);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(await ok.text()).toContain('demo@reelforge.local');
  });

  it('refuses a cookie-signed WebSocket from another origin (4403), and accepts this app’s origin or a token', async () => {
    const browser = await demoBrowser();
    const cookie = `rf_session=${browser.session()}`;
    const socket = (headers: Record<string, string>, connectionParams: Record<string, string> = {}) => {
      class WithHeaders extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      }
      const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WithHeaders, retryAttempts: 0, lazy: true, connectionParams });
      return new Promise<{ data?: any; closeCode?: number }>((resolve) => {
        client.subscribe(
          { query: '{ viewer { email } }' },
          {
            next: (v) => resolve({ data: v.data }),
            error: (e) => resolve({ closeCode: (e as { code?: number }).code }),
            complete: () => {},
          },
        );
      }).finally(() => client.dispose());
    };
    expect(await socket({ cookie, origin: 'https://evil.example' })).toEqual({ closeCode: 4403 });
    expect(await socket({ cookie })).toEqual({ closeCode: 4403 }); // no Origin: not a browser we can trust with a cookie
    expect((await socket({ cookie, origin })).data.viewer.email).toBe('demo@reelforge.local');
    const token = await demoToken();
    expect((await socket({ cookie, origin: 'https://evil.example' }, { authorization: `Bearer ${token}` })).data.viewer.email).toBe('demo@reelforge.local');
  });
});
