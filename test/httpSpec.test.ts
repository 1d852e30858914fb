// GraphQL over HTTP: graphql-http's audit of the real server, and refusals that answer 4xx with a
// code (a response without `data` must not be a 200 for application/graphql-response+json), for
// both media types. Also the CSRF guard on POSTs a browser can send without a preflight.
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { QUERY_LIMITS } from '../src/protection/queryLimits.js';
import { createUser, globalId, seedScript, snapshotOf, type TestUser } from './helpers.js';

let running: RunningServer;
let alice: TestUser;

beforeAll(async () => {
  running = await startServer(0, '127.0.0.1');
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  alice = await createUser('alice');
});

const ACCEPTS = ['application/json', 'application/graphql-response+json'] as const;

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(running.url, { method: 'POST', headers: { authorization: `Bearer ${alice.key}`, ...headers }, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), json: JSON.parse(text) as any };
}

it('passes every graphql-http audit', async () => {
  const results = await auditServer({ url: running.url });
  const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${r.status}`);
  expect(failed).toEqual([]);
  expect(results.length).toBeGreaterThanOrEqual(50);
});

describe('query-limit refusals', () => {
  const level = 'scripts(first: 1) { edges { node { project { ';
  const cases = [
    ['QUERY_TOO_DEEP', `{ projects(first: 1) { edges { node { ${level.repeat(5)}id${' }'.repeat(4 * 5)} } } } }`, /depth limit of 14 exceeded, found 24/],
    [
      'TOO_MANY_ALIASES',
      `{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 5 }, (_, i) => `a${i}: reels(first: 1) { totalCount }`).join(' ')} }`,
      /Aliases limit of 20 exceeded/,
    ],
    ['TOO_MANY_DIRECTIVES', `{ __typename ${'@skip(if: false) '.repeat(QUERY_LIMITS.maxDirectives + 1)} }`, /Directives limit of 20 exceeded/],
    [
      'QUERY_TOO_COSTLY',
      `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: projects(first: 100) { edges { node { scripts(first: 100) { edges { node { scenes(first: 100) { edges { node { assets(first: 100) { edges { node { id url kind metadata } } } } } } } } } } } }`).join(' ')} }`,
      /Query Cost limit of 250000 exceeded/,
    ],
    // Our own row budget, counted with the variables.
    [
      'QUERY_TOO_COSTLY',
      `query($n: Int) { projects(first: $n) { edges { node { scripts(first: $n) { edges { node { scenes(first: $n) { edges { node { id } } } } } } } } } }`,
      /at most 100000 are allowed/,
      { n: 100 },
    ],
  ] as const;

  for (const accept of ACCEPTS) {
    it(`answer 400 with a code and no data, accepting ${accept}`, async () => {
      const seeded = await seedScript(alice, 1);
      const before = await snapshotOf(alice.id);
      for (const [code, query, message, variables] of cases) {
        const r = await post(JSON.stringify({ query, variables }), { 'content-type': 'application/json', accept });
        expect(r.status, code).toBe(400);
        expect(r.contentType).toContain(accept);
        expect(r.json.data, code).toBeUndefined();
        expect(r.json.errors[0].extensions.code, code).toBe(code);
        expect(r.json.errors[0].message, code).toMatch(message);
        expect(r.json.errors[0].message).not.toMatch(/Syntax Error/);
      }
      // A mutation refused for its depth changes nothing.
      const deepMutation = `mutation { updateProject(input: { id: "${globalId('Project', seeded.project.id)}", title: "changed" }) { ... on UpdateProjectSuccess { data { ${'scripts(first: 1) { edges { node { project { '.repeat(4)}id${' } } } }'.repeat(4)} } } } }`;
      const refused = await post(JSON.stringify({ query: deepMutation }), { 'content-type': 'application/json', accept });
      expect(refused.status).toBe(400);
      expect(refused.json.errors[0].extensions.code).toBe('QUERY_TOO_DEEP');
      expect(await snapshotOf(alice.id)).toEqual(before);
    });
  }

  it('answers the token limit as a parse failure: 400 for graphql-response+json, a code for both', async () => {
    const query = `{ reels(first: 1) { ${'id '.repeat(QUERY_LIMITS.maxTokens)} } }`;
    for (const accept of ACCEPTS) {
      const r = await post(JSON.stringify({ query }), { 'content-type': 'application/json', accept });
      expect(r.status).toBe(accept === 'application/json' ? 200 : 400);
      expect(r.json.data).toBeUndefined();
      expect(r.json.errors[0]).toMatchObject({ message: 'Token limit of 3000 exceeded.', extensions: { code: 'TOO_MANY_TOKENS' } });
    }
  });
});

describe('multipart requests', () => {
  for (const [name, operations, map, message] of [
    ['operations that are not JSON', '{"query": "mutation', '{}', 'Multipart form field "operations" must be a valid JSON string'],
    ['a map that is not JSON', '{"query":"{ __typename }"}', '{0: nope', 'Multipart form field "map" must be a valid JSON string'],
  ] as const) {
    it(`answers ${name} with 400 and a code`, async () => {
      const form = new FormData();
      form.append('operations', operations);
      form.append('map', map);
      const res = await fetch(running.url, { method: 'POST', headers: { authorization: `Bearer ${alice.key}`, 'graphql-require-preflight': '1' }, body: form });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = (await res.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    });
  }
});

describe('CSRF prevention', () => {
  const CREATE = `mutation { createProject(input: { title: "from a form" }) { __typename } }`;

  it('runs no mutation from a form-encoded, multipart or text/plain POST without the header', async () => {
    const before = await snapshotOf(alice.id);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: CREATE }));
    form.append('map', '{}');
    const attempts = [
      { body: `query=${encodeURIComponent(CREATE)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { body: form, headers: {} as Record<string, string> },
      { body: JSON.stringify({ query: CREATE }), headers: { 'content-type': 'text/plain' } },
    ];
    for (const a of attempts) {
      const res = await fetch(running.url, { method: 'POST', headers: { authorization: `Bearer ${alice.key}`, ...a.headers }, body: a.body });
      expect(res.status).toBe(403);
      const body = (await res.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
      expect(body.errors[0].message).toMatch(/graphql-require-preflight/);
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('runs them with the header, and JSON POSTs and GET queries need none', async () => {
    const withHeader = await post(`query=${encodeURIComponent(CREATE)}`, {
      'content-type': 'application/x-www-form-urlencoded',
      'graphql-require-preflight': '1',
    });
    expect(withHeader.json.data.createProject.__typename).toBe('CreateProjectSuccess');
    const json = await post(JSON.stringify({ query: CREATE }), { 'content-type': 'application/json' });
    expect(json.status).toBe(200);
    expect(json.json.data.createProject.__typename).toBe('CreateProjectSuccess');
    const get = await fetch(`${running.url}?query=${encodeURIComponent('{ viewer { id } }')}`, { headers: { authorization: `Bearer ${alice.key}` } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.viewer.id).toBeTruthy();
  });
});
