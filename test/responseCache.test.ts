// The response cache (src/cache/responseCache.ts) and the credential cache, against the real server,
// Postgres and Redis: a repeated query is answered from Redis with no SQL; answers are per viewer
// and credential (anonymous ones shared); and after every mutation that changes what a cached
// answer holds, the next answer is fresh — on this instance, on a second one, and in another
// process. A revoked key or session stops at once everywhere.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/resolvers/apiKeys.js';
import { startSession } from '../src/auth/sessions.js';
import { bumpGenerations } from '../src/cache/generations.js';
import { RESPONSE_CACHE_HEADER } from '../src/cache/responseCache.js';
import { getStorage } from '../src/jobs/providers.js';
import { markRenderFailed } from '../src/jobs/stages.js';
import { closePubSub, getPubSub } from '../src/pubsub.js';
import { createApi } from '../src/server.js';
import { killAllStarted, spawnApi } from './faultHelpers.js';
import { countSql, createUser, globalId, prisma, seedAsset, seedRender, seedScript, type TestUser } from './helpers.js';

const TTL = 30_000;
// Two instances in this process (one Redis, as two replicas share it) and, for revocation, a third
// in a child process with its own credential cache.
const one = createApi({ responseCacheTtlMs: TTL });
const two = createApi({ responseCacheTtlMs: TTL });
type Api = typeof one;

afterAll(async () => {
  await killAllStarted();
  await closePubSub();
});

beforeEach(async () => {
  // The feed is global: each test starts with no public reels. Written straight to the database, so
  // invalidated here as the app's own deletions do.
  await prisma.render.deleteMany({ where: { published: true } });
  await bumpGenerations([], true);
});

interface Answer {
  status: number;
  body: any;
  text: string;
  hit: boolean;
  sql: number;
  type: string | null;
}

async function ask(api: Api | string, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  };
  const { result, statements } = await countSql(async () => {
    const res = typeof api === 'string' ? await fetch(api, init) : await api.fetch('http://test/graphql', init);
    return { res, text: await res.text() };
  });
  return {
    status: result.res.status,
    text: result.text,
    body: JSON.parse(result.text),
    hit: result.res.headers.get(RESPONSE_CACHE_HEADER) === 'hit',
    type: result.res.headers.get('content-type'),
    sql: statements.length,
  };
}

/** Asks twice; the second answer must come from the cache. */
async function cached(api: Api, query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const first = await ask(api, query, variables, key);
  expect(first.body.errors, JSON.stringify(first.body.errors)).toBeUndefined();
  const again = await ask(api, query, variables, key);
  expect(again.hit).toBe(true);
  expect(again.text).toBe(first.text);
  return again;
}

async function ok(query: string, variables: Record<string, unknown>, key: string) {
  const r = await ask(one, query, variables, key);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data;
}

/** A published reel of `user` (its files exist, so it can be published again). */
async function seedReel(user: TestUser, title = 'A reel') {
  const { project, script, scenes } = await seedScript(user, 2);
  await prisma.script.update({ where: { id: script.id }, data: { title } });
  const video = await seedAsset(project.id, { kind: 'VIDEO', publicKey: `public/reels/${project.id}/reel.mp4` });
  const thumb = await seedAsset(project.id, { publicKey: `public/reels/${project.id}/thumbnail.jpg` });
  for (const a of [video, thumb]) await getStorage().put(a.storageKey, { data: Buffer.from('bytes') }, a.mime);
  const render = await seedRender(script.id, user.id, {
    status: 'SUCCEEDED',
    published: true,
    publishedAt: new Date(),
    outputAssetId: video.id,
    thumbnailAssetId: thumb.id,
  });
  return { project, script, scenes, render };
}

const FEED = `{ reels(first: 10) { edges { node { id title } } } }`;
const feedIds = (a: Answer) => a.body.data.reels.edges.map((e: any) => e.node.id);
const SCRIPT = `query($id: ID!) { node(id: $id) { ... on Script { id title prompt scenes(first: 10) { edges { node { id narration version } } } } } }`;
const PUBLISH = `mutation($id: ID!, $published: Boolean!) { setRenderPublished(id: $id, published: $published) { __typename } }`;

describe('response cache', () => {
  it('answers a repeated query from Redis with no SQL, on every instance; anonymous answers are shared', async () => {
    const alice = await createUser('alice');
    const { render } = await seedReel(alice);
    const first = await ask(one, FEED);
    expect(first.hit).toBe(false);
    expect(first.sql).toBeGreaterThan(0);
    expect(feedIds(first)).toEqual([globalId('Reel', render.id)]);
    const again = await ask(one, FEED);
    // The stored bytes as sent, with the media type the request negotiated.
    expect(again).toMatchObject({ hit: true, sql: 0, status: 200, text: first.text, type: first.type });
    expect(first.type).toBe('application/json; charset=utf-8');
    // Another replica: the same entry in Redis.
    expect(await ask(two, FEED)).toMatchObject({ hit: true, sql: 0, text: first.text });
    // Errors are never cached.
    const bad = `{ node(id: "bm90IGFuIGlk") { id } }`;
    await ask(one, bad);
    expect((await ask(one, bad)).hit).toBe(false);
  });

  it('never serves one viewer’s cached answer to another, nor to another credential of the same user', async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { script } = await seedScript(alice, 2);
    await prisma.script.update({ where: { id: script.id }, data: { prompt: 'alice’s private prompt' } });
    const vars = { id: globalId('Script', script.id) };
    const mine = await cached(one, SCRIPT, vars, alice.key);
    expect(mine.body.data.node.prompt).toBe('alice’s private prompt');
    const VIEWER = `{ viewer { id email } }`;
    const aliceViewer = await cached(one, VIEWER, {}, alice.key);

    for (const key of [bob.key, undefined]) {
      const other = await ask(one, SCRIPT, vars, key);
      expect(other.hit).toBe(false);
      expect(other.text).not.toContain('private prompt');
      expect(other.body.data.node).toBeNull();
      const v = await ask(two, VIEWER, {}, key);
      expect(v.hit).toBe(false);
      expect(v.text).not.toBe(aliceViewer.text);
    }
    // Alice's second key: her data, but its own entry (an answer may speak of "this key").
    const { key: second } = await createApiKey({ id: alice.id, email: '', name: '', apiKeyId: null, sessionId: null, via: 'apiKey' }, 'second');
    const viaSecond = await ask(one, SCRIPT, vars, second);
    expect(viaSecond.hit).toBe(false);
    expect(viaSecond.body.data.node.prompt).toBe('alice’s private prompt');
  });

  it('publishing and unpublishing change every cached feed at once: anonymous, the owner’s, another viewer’s, on every instance', async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { render } = await seedReel(alice);
    const reel = globalId('Reel', render.id);
    const viewers = [undefined, alice.key, bob.key];
    for (const key of viewers) expect(feedIds(await cached(one, FEED, {}, key))).toEqual([reel]);
    expect((await ok(PUBLISH, { id: globalId('Render', render.id), published: false }, alice.key)).setRenderPublished.__typename).toBe(
      'SetRenderPublishedSuccess',
    );
    for (const api of [one, two]) {
      for (const key of viewers) {
        const a = await ask(api, FEED, {}, key);
        expect(feedIds(a)).toEqual([]);
      }
    }
    for (const key of viewers) await cached(one, FEED, {}, key);
    await ok(PUBLISH, { id: globalId('Render', render.id), published: true }, alice.key);
    for (const key of viewers) expect(feedIds(await ask(two, FEED, {}, key))).toEqual([reel]);
  });

  it('every scene and script mutation is seen by the next answer: update, add, remove, rename, delete', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 2);
    const vars = { id: globalId('Script', script.id) };
    const narrations = (a: Answer) => a.body.data.node?.scenes.edges.map((e: any) => e.node.narration);

    await cached(one, SCRIPT, vars, alice.key);
    await ok(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: globalId('Scene', scenes[0]!.id), version: scenes[0]!.version, narration: 'Edited.' } },
      alice.key,
    );
    expect(narrations(await ask(two, SCRIPT, vars, alice.key))).toEqual(['Edited.', 'Scene 1.']);

    await cached(one, SCRIPT, vars, alice.key);
    await ok(`mutation($input: AddSceneInput!) { addScene(input: $input) { __typename } }`, { input: { scriptId: vars.id, narration: 'Added.' } }, alice.key);
    expect(narrations(await ask(one, SCRIPT, vars, alice.key))).toEqual(['Edited.', 'Scene 1.', 'Added.']);

    await cached(one, SCRIPT, vars, alice.key);
    await ok(`mutation($id: ID!) { removeScene(id: $id) { __typename } }`, { id: globalId('Scene', scenes[1]!.id) }, alice.key);
    expect(narrations(await ask(one, SCRIPT, vars, alice.key))).toEqual(['Edited.', 'Added.']);

    await cached(one, SCRIPT, vars, alice.key);
    await ok(`mutation($id: ID!) { renameScript(id: $id, title: "Renamed") { __typename } }`, vars, alice.key);
    expect((await ask(one, SCRIPT, vars, alice.key)).body.data.node.title).toBe('Renamed');

    await cached(one, SCRIPT, vars, alice.key);
    await ok(`mutation($id: ID!) { deleteScript(id: $id) { __typename } }`, vars, alice.key);
    const gone = await ask(two, SCRIPT, vars, alice.key);
    expect(gone.hit).toBe(false);
    expect(gone.body.data.node).toBeNull();
  });

  it('deleting a script or a project takes its reel out of every cached feed', async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const a = await seedReel(alice, 'From a script');
    const b = await seedReel(alice, 'From a project');
    for (const key of [undefined, bob.key]) expect(feedIds(await cached(one, FEED, {}, key))).toHaveLength(2);
    await ok(`mutation($id: ID!) { deleteScript(id: $id) { __typename } }`, { id: globalId('Script', a.script.id) }, alice.key);
    for (const key of [undefined, bob.key]) expect(feedIds(await ask(two, FEED, {}, key))).toEqual([globalId('Reel', b.render.id)]);
    for (const key of [undefined, bob.key]) await cached(one, FEED, {}, key);
    await ok(`mutation($id: ID!) { deleteProject(id: $id) { __typename } }`, { id: globalId('Project', b.project.id) }, alice.key);
    for (const key of [undefined, bob.key]) expect(feedIds(await ask(two, FEED, {}, key))).toEqual([]);
  });

  it('a change made outside a mutation (a worker ending a render) is in every answer asked for once its event arrives', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 1);
    const render = await seedRender(script.id, alice.id, { status: 'RUNNING' });
    const Q = `query($id: ID!) { node(id: $id) { ... on Render { status } } }`;
    const vars = { id: globalId('Render', render.id) };
    expect((await cached(one, Q, vars, alice.key)).body.data.node.status).toBe('RUNNING');
    const events = getPubSub().subscribe('viewerEvents', alice.id)[Symbol.asyncIterator]();
    const next = events.next();
    // Let the subscription reach Redis before the event is sent.
    await new Promise((r) => setTimeout(r, 200));
    await markRenderFailed(render.id, 'voice:0', 'test failure');
    await next;
    const after = await ask(two, Q, vars, alice.key);
    expect(after.hit).toBe(false);
    expect(after.body.data.node.status).toBe('FAILED');
    await events.return?.();
  });
});

describe('credential cache', () => {
  // Another replica: its own process, so its own credential cache. Started once (slow on a busy machine).
  let child: { url: string };
  beforeAll(async () => {
    child = await spawnApi({ RESPONSE_CACHE_TTL_SECONDS: '30' }).catch(() => spawnApi({ RESPONSE_CACHE_TTL_SECONDS: '30' }));
  }, 90_000);

  it('a revoked API key stops at once on every instance and in another process, cached answers included', async () => {
    const alice = await createUser('alice');
    const { key: second, apiKey } = await createApiKey({ id: alice.id, email: '', name: '', apiKeyId: null, sessionId: null, via: 'apiKey' }, 'second');
    const VIEWER = `{ viewer { id } }`;
    // Looked up (and cached) everywhere, the answer cached too.
    for (const api of [one, two, child.url]) {
      for (let i = 0; i < 3; i++) expect((await ask(api, VIEWER, {}, second)).status).toBe(200);
    }
    expect((await ask(one, VIEWER, {}, second)).sql).toBe(0);
    await ok(`mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`, { id: globalId('ApiKey', apiKey.id) }, alice.key);
    for (const api of [one, two, child.url]) {
      const r = await ask(api, VIEWER, {}, second);
      expect(r.status).toBe(401);
      expect(r.hit).toBe(false);
      expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    // The other key still works.
    expect((await ask(child.url, VIEWER, {}, alice.key)).status).toBe(200);
  }, 60_000);

  it('a signed-out or revoked session stops at once everywhere; lastUsedAt is written once a minute, not per request', async () => {
    const alice = await createUser('alice');
    const a = await startSession(alice.id, 'demo', 'test');
    const b = await startSession(alice.id, 'demo', 'test');
    const VIEWER = `{ viewer { id } }`;
    for (const api of [one, two, child.url]) for (const s of [a, b]) expect((await ask(api, VIEWER, {}, s.token)).status).toBe(200);
    // Many uses, no writes: the session's use was recorded at sign-in.
    const burst = await countSql(async () => {
      for (let i = 0; i < 5; i++) await ask(one, `{ viewer { name } }`, {}, a.token);
    });
    expect(burst.statements.filter((s) => /^UPDATE/i.test(s))).toEqual([]);

    const out = await ask(one, `mutation { signOut { __typename } }`, {}, a.token);
    expect(out.body.data.signOut.__typename).toBe('SignOutSuccess');
    await ok(`mutation($id: ID!) { revokeSession(id: $id) { __typename } }`, { id: globalId('Session', b.session.id) }, alice.key);
    for (const api of [one, two, child.url]) {
      for (const s of [a, b]) expect((await ask(api, VIEWER, {}, s.token)).status).toBe(401);
    }
  }, 60_000);

  it('deleting the account stops its keys and sessions at once everywhere', async () => {
    const alice = await createUser('alice');
    const s = await startSession(alice.id, 'demo', 'test');
    const VIEWER = `{ viewer { id } }`;
    for (const api of [one, child.url]) for (const k of [alice.key, s.token]) expect((await ask(api, VIEWER, {}, k)).status).toBe(200);
    const del = await ask(one, `mutation { deleteAccount { __typename } }`, {}, alice.key);
    expect(del.body.data.deleteAccount.__typename).toBe('DeleteAccountSuccess');
    for (const api of [one, two, child.url]) for (const k of [alice.key, s.token]) expect((await ask(api, VIEWER, {}, k)).status).toBe(401);
  }, 60_000);
});
