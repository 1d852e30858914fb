// Protection of a public API: rate limits in Redis (per key, per IP, costly mutations; shared by
// replicas), query shape limits before execution, batching cap, quotas, CORS, security headers and
// the body size cap. Real HTTP against real Redis and Postgres.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

Object.assign(process.env, {
  RATE_LIMIT: '40/60s',
  RATE_LIMIT_ANONYMOUS: '5/60s',
  RATE_LIMIT_COSTLY: '3/60s',
  MAX_RENDERS_IN_FLIGHT: '2',
  MAX_GENERATIONS_IN_FLIGHT: '1',
  MAX_UPLOAD_MB_PER_USER: '0.15',
  MAX_BODY_KB: '16',
  CORS_ORIGINS: 'https://app.example.com',
});

const { createUser, gqlOk, prisma, rawId, countSql } = await import('./helpers.js');
const { approvedScript, closeRenderInfra } = await import('./renderHelpers.js');
const { startServer } = await import('../src/server.js');
const { QUERY_LIMITS } = await import('../src/protection/queryLimits.js');
const { closeRateLimits } = await import('../src/protection/rateLimits.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;

let a: Awaited<ReturnType<typeof startServer>>;
let b: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  a = await startServer(0, '127.0.0.1');
  b = await startServer(0, '127.0.0.1');
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  closeRateLimits();
  await closeRenderInfra();
});

async function post(url: string, body: unknown, key?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, json, text };
}

const FEED = `{ reels(first: 20) { totalCount edges { node { id title mode language publishedAt durationMs video { url } thumbnail { url }
  scenes(first: 30) { totalCount edges { node { position narration startMs durationMs } } } } } } }`;

const EDITOR = `query($id: ID!) { node(id: $id) { ... on Script { id title status mode language style failureReason writerModel sources { title url }
  scenes(first: 30) { edges { cursor node { id version position narration imageQuery aiImagePrompt
    selectedAsset { id url kind } assets(first: 20) { totalCount edges { node { id url kind provider width height metadata createdAt } } } } }
    pageInfo { hasNextPage endCursor } }
  renders(first: 10) { edges { node { id status progress createdAt stages(first: 60) { edges { node { name status progress durationMs attempts detail } } } } } } } } }`;

describe('rate limits', () => {
  it('limits anonymous callers per address with 429, Retry-After and a named error, shared by every replica', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 7; i++) {
      // Alternate replicas: the budget is one, in Redis.
      const r = await post(i % 2 ? a.url : b.url, { query: '{ reels(first: 1) { totalCount } }' });
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.json.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(limited!.json.errors[0].message).toMatch(/Too many requests \(per client address\): try again in \d+ s/);
  });

  it('gives each API key its own budget, and costly mutations a much smaller one per user', async () => {
    const user = await createUser('costly');
    const p = await post(a.url, { query: `mutation { createProject(input: { title: "P" }) { ... on CreateProjectSuccess { data { id } } } }` }, user.key);
    const projectId = p.json.data.createProject.data.id;
    const generate = (prompt: string) =>
      post(
        b.url,
        {
          query: `mutation($p: ID!, $t: String!) { generateScript(input: { projectId: $p, prompt: $t }) { __typename } }`,
          variables: { p: projectId, t: prompt },
        },
        user.key,
      );
    // MAX_GENERATIONS_IN_FLIGHT is 1 and no worker runs here: the first is queued, the next two hit the quota.
    const first = await generate('One. Two.');
    expect(first.json.data.generateScript.__typename).toBe('GenerateScriptSuccess');
    const quota = await generate('Three. Four.');
    expect(quota.json.data.generateScript.__typename).toBe('QuotaExceededError');
    await generate('Five. Six.');
    const fourth = await generate('Seven. Eight.');
    expect(fourth.status).toBe(429);
    expect(fourth.json.errors[0].message).toMatch(/costly mutations per user/);
    // Ordinary calls of the same key still pass.
    const ok = await post(a.url, { query: '{ viewer { id } }' }, user.key);
    expect(ok.status).toBe(200);
    // Aliases count: three renders in one operation spend three points at once.
    const other = await createUser('aliases');
    const triple = await post(
      a.url,
      {
        query: `mutation($s: ID!) { r1: enqueueRender(scriptId: $s) { __typename } r2: enqueueRender(scriptId: $s) { __typename } r3: enqueueRender(scriptId: $s) { __typename } r4: enqueueRender(scriptId: $s) { __typename } }`,
        variables: { s: 'U2NyaXB0OjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA==' },
      },
      other.key,
    );
    expect(triple.status).toBe(429);
  });
});

describe('query limits', () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await createUser('editor');
  });

  it('lets the feed and the editor queries through', async () => {
    const feed = await post(a.url, { query: FEED }, owner.key);
    expect(feed.json.errors).toBeUndefined();
    const { scriptId } = await approvedScript(owner, ['One sentence here.', 'Another one there.']);
    const editor = await post(a.url, { query: EDITOR, variables: { id: scriptId } }, owner.key);
    expect(editor.json.errors).toBeUndefined();
    expect(editor.json.data.node.scenes.edges).toHaveLength(2);
  });

  it('refuses deep, alias-heavy, long and costly documents before running anything', async () => {
    // Project → scripts → Script → project → …: valid at every level, 24 deep.
    const level = 'scripts(first: 1) { edges { node { project { ';
    const deep = `{ projects(first: 1) { edges { node { ${level.repeat(5)}id${' }'.repeat(4 * 5)} } } } }`;
    const aliases = `{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 5 }, (_, i) => `a${i}: reels(first: 1) { totalCount }`).join(' ')} }`;
    const tokens = `{ reels(first: 1) { ${'id '.repeat(QUERY_LIMITS.maxTokens)} } }`;
    const costly = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: projects(first: 100) { edges { node { scripts(first: 100) { edges { node { scenes(first: 100) { edges { node { assets(first: 100) { edges { node { id url kind metadata } } } } } } } } } } } }`).join(' ')} }`;
    for (const [name, query, pattern] of [
      ['depth', deep, /depth/i],
      ['aliases', aliases, /aliases/i],
      ['tokens', tokens, /token/i],
      ['cost', costly, /cost/i],
    ] as const) {
      const { result, statements } = await countSql(() => post(a.url, { query }, owner.key));
      expect(result.json?.errors?.[0]?.message, name).toMatch(pattern);
      expect(result.json.data, name).toBeUndefined();
      // Refused in validation: not one SQL statement ran for it (the API key lookup aside).
      expect(
        statements.filter((s) => !/"ApiKey"/.test(s)),
        name,
      ).toEqual([]);
    }
  });

  it('counts page sizes given as variables, or left to the default, before running anything', async () => {
    const nested = `query($n: Int) { projects(first: $n) { edges { node { scripts(first: $n) { edges { node { scenes(first: $n) { edges { node { id } } } } } } } } } }`;
    const { result, statements } = await countSql(() => post(a.url, { query: nested, variables: { n: 100 } }, owner.key));
    expect(result.json.errors[0]).toMatchObject({
      message: expect.stringMatching(/up to 1010100 rows.*at most 100000/),
      extensions: { code: 'QUERY_TOO_COSTLY' },
    });
    expect(statements.filter((s) => !/"ApiKey"|"User"/.test(s))).toEqual([]);
    // The same shape with small pages passes; so does a fragment-heavy document under the budget.
    const small = await post(a.url, { query: nested, variables: { n: 5 } }, owner.key);
    expect(small.json.errors).toBeUndefined();
    const viaFragment = `query($n: Int) { projects(first: $n) { edges { node { scripts(first: $n) { edges { node { ...S } } } } } } } fragment S on Script { scenes(first: $n) { edges { node { id } } } }`;
    const refused = await post(a.url, { query: viaFragment, variables: { n: 100 } }, owner.key);
    expect(refused.json.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  it('answers a batch of up to the limit and refuses a larger one', async () => {
    const one = { query: '{ viewer { id } }' };
    const ok = await post(
      a.url,
      Array.from({ length: 2 }, () => one),
      owner.key,
    );
    expect(ok.json).toHaveLength(2);
    const tooMany = await post(
      a.url,
      Array.from({ length: QUERY_LIMITS.maxBatch + 1 }, () => one),
      owner.key,
    );
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(tooMany.text).toMatch(/batch/i);
  });
});

describe('quotas', () => {
  it('refuses a render beyond the renders in flight, even when requested all at once', async () => {
    const user = await createUser('renders');
    const { scriptId } = await approvedScript(user, ['A short scene.', 'And another.']);
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        gqlOk(
          `mutation($s: ID!) { enqueueRender(scriptId: $s) { __typename ... on QuotaExceededError { quota limit used message } } }`,
          { s: scriptId },
          user.key,
        ),
      ),
    );
    const kinds = results.map((r) => r.enqueueRender.__typename).sort();
    expect(kinds).toEqual(['EnqueueRenderSuccess', 'EnqueueRenderSuccess', 'QuotaExceededError']);
    const refused = results.find((r) => r.enqueueRender.__typename === 'QuotaExceededError')!.enqueueRender;
    expect(refused).toMatchObject({ quota: 'rendersInFlight', limit: 2, used: 2 });
    expect(refused.message).toMatch(/cancel/);
    expect(await prisma.render.count({ where: { ownerId: user.id } })).toBe(2);
  });

  it('refuses an upload beyond the stored upload bytes, storing nothing of it', async () => {
    const user = await createUser('uploads');
    const { scenes } = await approvedScript(user, ['Scene one.', 'Scene two.']);
    const noisy = async (seed: number) =>
      sharp(Buffer.from(Array.from({ length: 48 * 48 * 3 }, (_, i) => (i * 7919 + seed * 104729) % 251)), { raw: { width: 48, height: 48, channels: 3 } })
        .png()
        .toBuffer();
    const send = async (sceneId: string, body: Buffer) => {
      const form = new FormData();
      form.append(
        'operations',
        JSON.stringify({
          query: `mutation($s: ID!, $f: File!) { uploadSceneAsset(sceneId: $s, file: $f) { __typename ... on QuotaExceededError { quota message } } }`,
          variables: { s: sceneId, f: null },
        }),
      );
      form.append('map', JSON.stringify({ 0: ['variables.f'] }));
      form.append('0', new Blob([new Uint8Array(body)], { type: 'image/png' }), 'p.png');
      const res = await fetch(a.url, { method: 'POST', headers: { authorization: `Bearer ${user.key}`, 'graphql-require-preflight': '1' }, body: form });
      const json = (await res.json()) as any;
      if (!json.data) throw new Error(JSON.stringify(json));
      return json;
    };
    // Stored images are JPEGs of 720×1280 (~90 KB of noise each) against a 150 KB quota.
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await send(scenes[i % 2]!.id, await noisy(i))).data.uploadSceneAsset);
    const refused = results.filter((r) => r.__typename === 'QuotaExceededError');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ quota: 'uploadBytes' });
    const stored = await prisma.asset.aggregate({ where: { provider: 'upload', project: { ownerId: user.id } }, _sum: { bytes: true } });
    expect(stored._sum.bytes!).toBeGreaterThan(0);
    expect(stored._sum.bytes!).toBeLessThanOrEqual(0.15 * 1024 * 1024);
  });
});

describe('HTTP hardening', () => {
  it('answers CORS preflights for allowed origins only', async () => {
    const pre = (origin: string) =>
      fetch(a.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await pre('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await pre('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('*');
  });

  it('sends security headers', async () => {
    const r = await post(a.url, { query: '{ __typename }' });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses an oversized body before reading it, and a body of unknown length', async () => {
    const user = await createUser('body');
    const big = JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(20 * 1024) } });
    const r = await post(a.url, big, user.key);
    expect(r.status).toBe(413);
    expect(r.json.errors[0].message).toMatch(/at most 16384/);
    // A streamed body without Content-Length.
    const chunked = await fetch(a.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.key}` },
      body: new ReadableStream({
        start: (c) => {
          c.enqueue(new TextEncoder().encode('{"query":"{ viewer { id } }"}'));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
    expect(rawId).toBeTypeOf('function');
  });
});
