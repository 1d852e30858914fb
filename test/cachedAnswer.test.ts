// Cache hits answered before Yoga (src/cache/cachedAnswer.ts), on real servers, Postgres and Redis:
// the same status, bytes and headers as the hit Yoga serves, and every request the fast path must not
// answer (a miss, a session cookie, refused or revoked credentials, a batch, no JSON accepted)
// goes on to Yoga and gets Yoga's answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../src/auth/sessions.js';
import { sessionCookieName } from '../src/auth/cookies.js';
import { createCachedAnswerer } from '../src/cache/cachedAnswer.js';
import { RESPONSE_CACHE_HEADER } from '../src/cache/responseCache.js';
import { loadPersistedDocuments } from '../src/persistedOperations.js';
import { closePubSub } from '../src/pubsub.js';
import { revokeApiKey } from '../src/resolvers/apiKeys.js';
import { type RunningServer, startServer } from '../src/server.js';
import { createUser, prisma, type TestUser } from './helpers.js';

const TTL = 60_000;
let fast: RunningServer;
let yogaOnly: RunningServer;
/** Only the fast path, answering 404 where it gives way: shows which requests it takes. */
let bare: Server;
let bareUrl: string;
let alice: TestUser;

beforeAll(async () => {
  fast = await startServer(0, '127.0.0.1', { responseCacheTtlMs: TTL });
  yogaOnly = await startServer(0, '127.0.0.1', { responseCacheTtlMs: TTL, answerHitsBeforeYoga: false });
  const answer = createCachedAnswerer({ documents: loadPersistedDocuments(), cors: { origin: '*', methods: ['GET', 'POST', 'OPTIONS'] } });
  bare = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      void answer(req, res, body).then((served) => {
        if (!served) res.writeHead(404).end('gave way');
      });
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`;
  alice = await createUser('alice');
});

afterAll(async () => {
  await Promise.all([fast.close(), yogaOnly.close(), new Promise((r) => bare.close(r))]);
  await closePubSub();
});

interface Sent {
  status: number;
  text: string;
  headers: Record<string, string>;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  // Set per connection or per moment by Node, not by either path.
  const skip = new Set(['date', 'connection', 'keep-alive']);
  return { status: res.status, text, headers: Object.fromEntries([...res.headers].filter(([k]) => !skip.has(k))) };
}

/** The answer once it is served from the cache (an answer is stored just after it is sent). */
async function hitOf(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  for (let i = 0; i < 40; i++) {
    const sent = await post(url, body, headers);
    if (sent.headers[RESPONSE_CACHE_HEADER] === 'hit') return sent;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no cache hit for ${JSON.stringify(body)}`);
}

const FEED = { query: 'query Feed($n: Int!) { reels(first: $n) { totalCount edges { node { id title } } } }', variables: { n: 3 } };

describe('a cache hit answered before Yoga', () => {
  it('is the hit Yoga would send: status, bytes and headers, anonymous and with an API key, with and without an Origin', async () => {
    for (const [who, auth] of [
      ['anonymous', {}],
      ['api key', { authorization: `Bearer ${alice.key}` }],
    ] as [string, Record<string, string>][]) {
      for (const extra of [{}, { origin: 'http://app.example' }, { accept: 'application/json' }] as Record<string, string>[]) {
        const headers = { ...auth, ...extra };
        const first = await post(yogaOnly.url, FEED, headers);
        expect(first.status, first.text).toBe(200);
        const viaYoga = await hitOf(yogaOnly.url, FEED, headers);
        const before = await post(fast.url, FEED, headers);
        const direct = await post(bareUrl, FEED, headers);
        expect(viaYoga.headers[RESPONSE_CACHE_HEADER], who).toBe('hit');
        expect(direct.status, `${who} ${JSON.stringify(extra)}: the fast path took it`).toBe(200);
        expect(before).toEqual(viaYoga);
        expect(direct.text).toBe(viaYoga.text);
        if ('origin' in extra) expect(before.headers['access-control-allow-origin']).toBe('http://app.example');
      }
    }
  });

  it('answers the web app’s operations sent by persisted hash', async () => {
    const documents = loadPersistedDocuments();
    const [hash, query] = Object.entries(documents).find(([, q]) => q.includes('query ExploreFeed'))!;
    const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { first: 5 } };
    await post(fast.url, byHash);
    const viaYoga = await hitOf(yogaOnly.url, byHash);
    const direct = await post(bareUrl, byHash);
    expect(viaYoga.headers[RESPONSE_CACHE_HEADER]).toBe('hit');
    expect(direct.status).toBe(200);
    expect(direct.text).toBe(viaYoga.text);
    // The same document sent as text is the same cache entry.
    expect((await post(bareUrl, { query, variables: { first: 5 } })).text).toBe(viaYoga.text);
  });

  it('gives way to Yoga for a miss, a batch, a session cookie, refused or revoked credentials and no JSON accepted', async () => {
    const fresh = { query: '{ reels(first: 1) { totalCount } }' };
    expect((await post(bareUrl, fresh)).status).toBe(404);
    const miss = await post(fast.url, fresh);
    expect(miss.status).toBe(200);
    expect(miss.headers[RESPONSE_CACHE_HEADER]).toBeUndefined();
    await hitOf(fast.url, fresh);
    expect((await post(bareUrl, fresh)).status).toBe(200);

    expect((await post(bareUrl, [fresh, fresh])).status).toBe(404);
    expect((await post(bareUrl, fresh, { accept: 'text/html' })).status).toBe(404);

    const { token } = await startSession(alice.id, 'demo', 'test');
    const cookie = `${sessionCookieName()}=${token}`;
    await post(fast.url, fresh, { cookie, 'graphql-require-preflight': '1' });
    expect((await post(bareUrl, fresh, { cookie })).status).toBe(404);

    expect((await post(bareUrl, fresh, { authorization: 'Bearer rf_not_a_key' })).status).toBe(404);
    const refused = await post(fast.url, fresh, { authorization: 'Bearer rf_not_a_key' });
    expect(refused.status).toBe(401);

    const bob = await createUser('bob');
    const q = { query: '{ viewer { name } }' };
    await hitOf(fast.url, q, { authorization: `Bearer ${bob.key}` });
    expect((await post(bareUrl, q, { authorization: `Bearer ${bob.key}` })).status).toBe(200);
    const apiKey = await prisma.apiKey.findFirstOrThrow({ where: { userId: bob.id } });
    await revokeApiKey({ id: bob.id, email: '', name: 'bob', apiKeyId: apiKey.id, sessionId: null, via: 'apiKey' }, apiKey.id);
    expect((await post(bareUrl, q, { authorization: `Bearer ${bob.key}` })).status).toBe(404);
    const afterRevoke = await post(fast.url, q, { authorization: `Bearer ${bob.key}` });
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.text).not.toContain('"bob"');
  });
});
