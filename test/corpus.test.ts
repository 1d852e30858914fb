// The bad-input corpus (test/corpusCases.ts) against the real HTTP server, with a valid key. For
// every case: never a 500 (nor a masked "Unexpected error."), an error that names what was wrong
// (or, for abusive but valid documents, a full answer, which is recorded), the server still
// answering, no outbound request to anything but the configured search API, and every table of
// this file's schema exactly as it was.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, type CorpusCase, type Fixture, type RawRequest } from './corpusCases.js';

// A loopback listener that plays the Brave image search API at /res/v1/images/search and is the
// SSRF canary for every other path: nothing may ever fetch one.
interface Seen {
  path: string;
  q: string | null;
}
const seen: Seen[] = [];
let canaryUrl = '';
const canary: Server = createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://canary');
  seen.push({ path: u.pathname, q: u.searchParams.get('q') });
  if (u.pathname !== '/res/v1/images/search') {
    res.writeHead(200, { 'content-type': 'image/png' }).end('not really');
    return;
  }
  const q = u.searchParams.get('q') ?? '';
  // A search that finds pictures "hosted" on loopback names (all must be refused before any connection).
  const port = (canary.address() as AddressInfo).port;
  const hits = q.includes('loopback hits')
    ? [
        `http://127.0.0.1:${port}/a.png`,
        `http://localhost:${port}/b.png`,
        `http://2130706433:${port}/c.png`,
        `http://[::1]:${port}/d.png`,
        `http://127.1:${port}/e.png`,
      ]
    : [];
  const results = hits.map((url, i) => ({ title: `hit ${i}`, url: 'https://example.org/page', properties: { url, width: 1080, height: 1920 } }));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'images', results }));
});
await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
Object.assign(process.env, {
  BRAVE_API_KEY: 'corpus-brave-key',
  BRAVE_BASE_URL: canaryUrl,
  DOWNLOAD_ALLOW_LOOPBACK: 'false',
  // Rate limits have their own tests; here a 429 would hide the answer under test.
  RATE_LIMIT: 'none',
  RATE_LIMIT_ANONYMOUS: 'none',
  RATE_LIMIT_COSTLY: 'none',
});

// A fake Google, so the sign-in cases meet a configured sign-in (and never leave loopback).
const { startFakeGoogle } = await import('./fakes/google.js');
const google = await startFakeGoogle();
Object.assign(process.env, {
  GOOGLE_CLIENT_ID: google.clientId,
  GOOGLE_CLIENT_SECRET: google.clientSecret,
  GOOGLE_ISSUER: google.url,
  RATE_LIMIT_SIGN_IN: 'none',
});

const { createUser, globalId, prisma, seedAsset, seedRender, seedScript } = await import('./helpers.js');
const { createApi, startServer } = await import('../src/server.js');
const { env } = await import('../src/config.js');
const { ensureSandboxChannel } = await import('../src/publish/sandbox/channel.js');

/** Bodies larger than this are refused by the HTTP server before they are read (when it has such a limit). */
const BODY_LIMIT = (env as { MAX_BODY_KB?: number }).MAX_BODY_KB ? (env as { MAX_BODY_KB?: number }).MAX_BODY_KB! * 1024 : Infinity;
/** The same API in process, without the HTTP server's body limit: what the GraphQL layer does with those bodies. */
const inProcess = createApi();

/**
 * Refusals by the API's protective limits (GraphQL Armor's token, depth, alias, directive and cost
 * limits, the batch and body size limits). Any of these is a correct answer to an abusive request.
 */
const LIMIT_REFUSAL = [
  /Token limit of \d+ exceeded/,
  /Query depth limit of \d+ exceeded/,
  /Query Cost limit of \d+ exceeded/,
  /Aliases limit of \d+ exceeded/,
  /Directives limit of \d+ exceeded/,
  /Batching is limited to \d+ operations/,
  /request body is \d+ bytes; at most \d+ are accepted/,
];
const isLimitRefusal = (message: string) => LIMIT_REFUSAL.some((re) => re.test(message));

let server: Awaited<ReturnType<typeof startServer>>;
let fixture: Fixture;

/** Every row of every table of this file's schema, in a stable order (ApiKey.lastUsedAt aside: it is touched on use). */
async function dumpAll(): Promise<Record<string, unknown[]>> {
  const schema = process.env.DATABASE_SCHEMA!;
  const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    schema,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ rows: Record<string, unknown>[] }[]>(
      `SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) AS rows FROM "${schema}"."${table}" t`,
    );
    dump[table] = row!.rows.map((r) => {
      const { lastUsedAt: _ignored, ...rest } = r;
      return table === 'ApiKey' ? rest : r;
    });
  }
  return dump;
}

interface Answer {
  status: number;
  text: string;
  body: any;
  ms: number;
}

const bodyLength = (r: RawRequest) => (r.body === undefined ? 0 : typeof r.body === 'string' ? Buffer.byteLength(r.body) : r.body.byteLength);

/** Over real HTTP, or (`via` in-process) straight into Yoga, past the HTTP server's body limit. */
async function send(r: RawRequest, f: Fixture, via: 'http' | 'in-process' = 'http'): Promise<Answer> {
  const started = Date.now();
  const hasBody = r.method !== 'GET' && r.method !== 'HEAD' && r.body !== undefined;
  const payload =
    hasBody && r.chunked
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(typeof r.body === 'string' ? new TextEncoder().encode(r.body) : (r.body as Uint8Array));
            controller.close();
          },
        })
      : hasBody
        ? r.body
        : undefined;
  const init = {
    method: r.method ?? 'POST',
    headers: { ...(r.anonymous ? {} : { authorization: `Bearer ${f.key}` }), ...r.headers },
    body: payload,
    ...(r.chunked ? { duplex: 'half' } : {}),
    redirect: 'manual',
  } as RequestInit;
  const url = r.path ? new URL(`${r.path}${r.search ?? ''}`, f.url).toString() : `${f.url}${r.search ?? ''}`;
  const res = via === 'http' ? await fetch(url, init) : await inProcess.fetch(url, init);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body, ms: Date.now() - started };
}

interface TypedError {
  typename: string;
  message?: string;
  fields?: { path: string[]; message: string }[];
}

/** Typed error results anywhere in `data` (objects whose __typename ends in "Error"). */
function typedErrors(data: unknown, found: TypedError[] = []): TypedError[] {
  if (Array.isArray(data)) for (const d of data) typedErrors(d, found);
  else if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    if (typeof o.__typename === 'string' && o.__typename.endsWith('Error')) {
      found.push({ typename: o.__typename, message: o.message as string | undefined, fields: o.fields as TypedError['fields'] });
    }
    for (const v of Object.values(o)) typedErrors(v, found);
  }
  return found;
}

/** The abusive documents the server answered in full (reported at the end for the query limits). */
const answeredInFull: { name: string; status: number; ms: number; bytes: number }[] = [];
const refusedAbuse: { name: string; status: number; message: string }[] = [];

/** Requests whose own answer was replaced by a protective limit's refusal. */
const limited: { name: string; status: number; message: string }[] = [];

function check(c: CorpusCase, a: Answer, via: 'http' | 'in-process', requestBytes: number) {
  const label = `${c.group}: ${c.name}${via === 'http' ? '' : ' [in process]'}`;
  const where = `${label} → HTTP ${a.status} ${a.text.slice(0, 400)}`;
  expect(a.status, where).not.toBe(500);
  expect(a.status, where).toBeLessThan(500);
  if (c.expect.bodyless) {
    expect(a.status, where).toBe(c.expect.status);
    return;
  }
  if (c.expect.text) {
    // A route outside GraphQL (the OAuth callback, the YouTube sandbox): its own status and words.
    expect(a.status, where).toBe(c.expect.status);
    expect(a.text, where).toMatch(c.expect.text);
    return;
  }
  expect(a.body, `not a JSON answer: ${where}`).toBeTypeOf('object');
  const results: any[] = Array.isArray(a.body) ? a.body : [a.body];
  const top: { message: string; extensions?: Record<string, unknown> }[] = results.flatMap((r) => r?.errors ?? []);
  const typed = results.flatMap((r) => typedErrors(r?.data));
  // A masked error is an unexpected exception: the 500 of GraphQL.
  for (const e of top) expect(e.message, where).not.toMatch(/Unexpected error/);
  // An error answer never multiplies the input it complains about.
  if (top.length + typed.length > 0) expect(a.text.length, `error answer of ${a.text.length} bytes: ${where}`).toBeLessThan(64_000 + 2 * requestBytes);

  if (top.length > 0 && isLimitRefusal(top[0]!.message)) {
    limited.push({ name: label, status: a.status, message: top[0]!.message.slice(0, 160) });
    if (/request body is/.test(top[0]!.message)) expect(a.status, where).toBe(413);
    return;
  }

  if (c.expect.outcome === 'either') {
    if (top.length > 0) {
      refusedAbuse.push({ name: label, status: a.status, message: top[0]!.message.slice(0, 160) });
    } else {
      expect(
        results.every((r) => r?.data),
        where,
      ).toBe(true);
      answeredInFull.push({ name: label, status: a.status, ms: a.ms, bytes: a.text.length });
    }
    return;
  }

  expect(top.length + typed.length, `expected an error: ${where}`).toBeGreaterThan(0);
  if (c.expect.status !== undefined) expect(a.status, where).toBe(c.expect.status);
  let message: string;
  if (c.expect.typename !== undefined) {
    expect(top, where).toEqual([]);
    expect(typed[0]?.typename, where).toBe(c.expect.typename);
    message = [typed[0]!.message, ...(typed[0]!.fields ?? []).map((i) => `${i.path.join('.')}: ${i.message}`)].join(' | ');
    if (c.expect.fieldPath) expect(typed[0]!.fields?.[0]?.path, where).toEqual(c.expect.fieldPath);
  } else {
    message = top[0]?.message ?? typed[0]?.message ?? '';
  }
  for (const p of c.expect.message ?? []) {
    if (typeof p === 'string') expect(message, where).toContain(p);
    else expect(message, where).toMatch(p);
  }
  // A message that names what was wrong is short: it never echoes a megabyte of input back.
  expect(message.length, where).toBeLessThan(2_000);
}

beforeAll(async () => {
  const alice = await createUser('alice');
  const seeded = await seedScript(alice, 3);
  const render = await seedRender(seeded.script.id, alice.id);
  const asset = await seedAsset(seeded.project.id, { sceneId: seeded.scenes[0]!.id });
  const apiKey = await prisma.apiKey.findFirstOrThrow({ where: { userId: alice.id } });
  const endpoint = await prisma.webhookEndpoint.create({
    data: { userId: alice.id, url: 'https://93.184.215.14/hook', events: ['render.succeeded'], secret: 'whsec_Y29ycHVzLW9ubHktc2VjcmV0' },
  });
  server = await startServer(0, '127.0.0.1');
  fixture = {
    url: server.url,
    key: alice.key,
    userId: globalId('User', alice.id),
    projectId: globalId('Project', seeded.project.id),
    scriptId: globalId('Script', seeded.script.id),
    sceneId: globalId('Scene', seeded.scenes[0]!.id),
    sceneVersion: seeded.scenes[0]!.version,
    otherSceneId: globalId('Scene', seeded.scenes[1]!.id),
    renderId: globalId('Render', render.id),
    assetId: globalId('Asset', asset.id),
    apiKeyId: globalId('ApiKey', apiKey.id),
    webhookEndpointId: globalId('WebhookEndpoint', endpoint.id),
    sceneUuid: seeded.scenes[0]!.id,
    canaryUrl,
    channelId: globalId('YouTubeChannel', (await ensureSandboxChannel(alice.id)).id),
  };
});

afterAll(async () => {
  await server?.close();
  await inProcess.dispose();
  await google.close();
  await (await import('../src/auth/signInState.js')).closeSignInState();
  await new Promise<void>((resolve) => {
    canary.closeAllConnections();
    canary.close(() => resolve());
  });
  const line = (s: string) => `  - ${s}`;
  console.log(
    [
      `bad-input corpus: ${CORPUS.length} cases`,
      `abusive documents answered in full (${answeredInFull.length}):`,
      ...answeredInFull.map((r) => line(`${r.name} (HTTP ${r.status}, ${r.ms} ms, ${r.bytes} bytes)`)),
      `abusive documents refused by the API itself (${refusedAbuse.length}):`,
      ...refusedAbuse.map((r) => line(`${r.name} (HTTP ${r.status}: ${r.message})`)),
      `requests refused by a protective limit (${limited.length}):`,
      ...limited.map((r) => line(`${r.name} (HTTP ${r.status}: ${r.message})`)),
    ].join('\n'),
  );
});

const SEARCH_PATH = '/res/v1/images/search';

describe.each([...new Set(CORPUS.map((c) => c.group))])('%s', (group) => {
  it.each(CORPUS.filter((c) => c.group === group).map((c) => [c.name, c] as const))('%s', { timeout: 90_000 }, async (_name, c) => {
    const before = await dumpAll();
    const seenBefore = seen.length;
    const request = c.request(fixture);
    const bytes = bodyLength(request);
    check(c, await send(request, fixture), 'http', bytes);
    // A body the HTTP server refuses for its size still meets the GraphQL layer by other routes
    // (graphql-ws has no such limit): it must be answered there as the case says.
    const multipartBody = request.headers?.['content-type']?.startsWith('multipart/') ?? false;
    if (bytes > BODY_LIMIT && !multipartBody) check(c, await send(request, fixture, 'in-process'), 'in-process', bytes);

    // Still up, and still this user.
    const follow = await send({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { id } }' }) }, fixture);
    expect(follow.status).toBe(200);
    expect(follow.body).toEqual({ data: { viewer: { id: fixture.userId } } });

    // No multipart map or JSON key reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Only the search API was called, and only with the query as text.
    const calls = seen.slice(seenBefore);
    expect(calls.filter((s) => s.path !== SEARCH_PATH)).toEqual([]);
    // Nothing written, anywhere.
    expect(await dumpAll()).toEqual(before);
  });
});

describe('SSRF-ish input reaches only the search API, as text', () => {
  const SEARCH = `mutation($sceneId: ID!, $query: String) { searchSceneImages(sceneId: $sceneId, query: $query) {
    __typename ... on Error { message } ... on SearchSceneImagesSuccess { data { provider candidates { id } } } } }`;

  it('sends a URL query to the search API verbatim, fetching nothing', async () => {
    const before = await dumpAll();
    const query = `${canaryUrl}/latest/meta-data/iam`;
    const seenBefore = seen.length;
    const a = await send(
      { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: SEARCH, variables: { sceneId: fixture.sceneId, query } }) },
      fixture,
    );
    expect(a.status).toBe(200);
    expect(a.body.data.searchSceneImages).toEqual({ __typename: 'SearchSceneImagesSuccess', data: { provider: 'none', candidates: [] } });
    expect(seen.slice(seenBefore)).toEqual([{ path: SEARCH_PATH, q: query }]);
    expect(await dumpAll()).toEqual(before);
  });

  it('refuses search hits on loopback names (127.0.0.1, localhost, 2130706433, [::1], 127.1) before connecting', async () => {
    const before = await dumpAll();
    const seenBefore = seen.length;
    const a = await send(
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SEARCH, variables: { sceneId: fixture.sceneId, query: 'bees loopback hits' } }),
      },
      fixture,
    );
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    const r = a.body.data.searchSceneImages;
    // Either no candidates or a typed failure: never a stored picture.
    if (r.__typename === 'SearchSceneImagesSuccess') expect(r.data.candidates).toEqual([]);
    else expect(r.__typename).toBe('ProviderFailedError');
    expect(seen.slice(seenBefore).map((s) => s.path)).toEqual([SEARCH_PATH]);
    expect(await dumpAll()).toEqual(before);
  });
});
