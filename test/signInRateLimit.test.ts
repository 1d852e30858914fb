// Sign-in attempts are rate limited per client address (shared through Redis), on the browser
// routes and the sign-in mutations alike: past the budget, 429 with Retry-After and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.RATE_LIMIT_SIGN_IN = '4/60s';
const { prisma } = await import('./helpers.js');
const { startServer } = await import('../src/server.js');
const { closeRateLimits } = await import('../src/protection/rateLimits.js');
const { parseEnv } = await import('../src/config.js');

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
});
afterAll(async () => {
  await server?.close();
  closeRateLimits();
});

describe('sign-in rate limit', () => {
  it('refuses the fifth attempt from one address within the window, on routes and mutations', async () => {
    const origin = new URL(server.url).origin;
    const demo = () => fetch(`${origin}/auth/demo`, { redirect: 'manual' });
    const mutation = () =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { signInAsDemo { __typename } }' }),
      });
    expect((await demo()).status).toBe(302);
    expect((await demo()).status).toBe(302);
    expect((await mutation()).status).toBe(200);
    expect((await mutation()).status).toBe(200);
    const sessions = await prisma.session.count();
    const limitedRoute = await demo();
    expect(limitedRoute.status).toBe(429);
    expect(Number(limitedRoute.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limitedRoute.json()) as any).errors[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
      message: expect.stringMatching(/sign-in attempts per client address/),
    });
    const limitedMutation = await mutation();
    expect(limitedMutation.status).toBe(429);
    expect(((await limitedMutation.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(await prisma.session.count()).toBe(sessions);
    // Other operations from the address are not sign-ins: still answered.
    const feed = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ reels(first: 1) { totalCount } }' }),
    });
    expect(feed.status).toBe(200);
  });

  it('refuses bad Google and session settings by name', () => {
    expect(() => parseEnv({ GOOGLE_CLIENT_ID: 'id' })).toThrow(/GOOGLE_CLIENT_SECRET: required with GOOGLE_CLIENT_ID/);
    expect(() => parseEnv({ GOOGLE_ISSUER: 'http://accounts.example' })).toThrow(/GOOGLE_ISSUER: must be https/);
    expect(() => parseEnv({ NODE_ENV: 'production', FILE_SIGNING_SECRET: 'x'.repeat(32), GOOGLE_ISSUER: 'http://127.0.0.1:9' })).toThrow(/GOOGLE_ISSUER/);
    expect(() => parseEnv({ GOOGLE_ISSUER: 'http://127.0.0.1:9' })).not.toThrow();
    expect(() => parseEnv({ SESSION_TTL_DAYS: '0' })).toThrow(/SESSION_TTL_DAYS/);
    expect(() => parseEnv({ RATE_LIMIT_SIGN_IN: 'lots' })).toThrow(/RATE_LIMIT_SIGN_IN/);
    expect(() => parseEnv({ DEMO_SIGN_IN: 'yes' })).toThrow(/DEMO_SIGN_IN/);
    expect(() => parseEnv({ GOOGLE_MOBILE_CLIENT_IDS: 'a,,b' })).toThrow(/GOOGLE_MOBILE_CLIENT_IDS/);
  });
});
