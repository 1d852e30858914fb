// The API serves the built web app at `/`: its own paths (/reel/:id) get index.html, built assets are
// cached for good, the page's policy allows only its own code, and the API's paths stay the API's.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server.js';
import { ensureWebBuilt, WEB_DIST, webSourceHash } from '../../src/web.js';

let server: RunningServer;
let origin: string;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startServer(0, '127.0.0.1');
  origin = new URL(server.url).origin;
}, 120_000);
afterAll(() => server?.close());

describe('the web app served by the API', () => {
  it('answers / and the app’s own routes with index.html under a strict policy', async () => {
    for (const path of ['/', '/reel/UmVlbDpmb28=', '/studio']) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('caches content-named assets for a year', async () => {
    const [asset] = (await readdir(join(WEB_DIST, 'assets'))).filter((f) => f.endsWith('.js'));
    const res = await fetch(`${origin}/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
  });

  it('leaves the API’s paths to the API and never serves the build stamp', async () => {
    const graphiql = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('GraphiQL');
    const post = await fetch(`${origin}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(404);
    const stamp = await fetch(`${origin}/.source-hash`);
    expect(await stamp.text()).not.toBe(await webSourceHash());
  });

  it('does not build again when nothing changed', async () => {
    expect((await ensureWebBuilt()).built).toBe(false);
  });
});

describe('persisted documents', () => {
  it("runs the web app's operations by hash, and names the problem for an unknown hash", async () => {
    const { loadPersistedDocuments } = await import('../../src/persistedOperations.js');
    const [hash] = Object.entries(loadPersistedDocuments()).find(([, doc]) => doc.includes('query ExploreFeed'))!;
    const post = (body: unknown) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    const ok = await post({ variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.reels.edges).toEqual([]);
    const unknown = await post({ variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${'0'.repeat(64)}` } } });
    expect(unknown.body.data).toBeUndefined();
    expect(unknown.body.errors[0].message).toMatch(/PersistedQueryNotFound/);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
  });
});
