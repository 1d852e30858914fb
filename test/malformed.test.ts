import type { GraphQLInterfaceType } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { NODE_TYPENAMES } from '../src/schema/globalId.js';
import { schema } from '../src/schema/index.js';
import { api, createUser, globalId, gql, prisma, seedScript, snapshotOf, type GqlResult, type TestUser } from './helpers.js';

// Bad input of every kind: never an HTTP 500, never "Unexpected error.", always a message that
// says what was wrong, and never a write.

let alice: TestUser;
let seeded: Awaited<ReturnType<typeof seedScript>>;
let before: Awaited<ReturnType<typeof snapshotOf>>;

beforeEach(async () => {
  alice = await createUser('alice');
  seeded = await seedScript(alice, 3);
  before = await snapshotOf(alice.id);
});

const projectId = () => globalId('Project', seeded.project.id);
const sceneId = () => globalId('Scene', seeded.scenes[0]!.id);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A top-level error (not a typed result) whose message matches every pattern. */
function expectTopLevelError(r: GqlResult, ...patterns: (RegExp | string)[]) {
  expect(r.status).not.toBe(500);
  expect(r.errors?.length, JSON.stringify(r)).toBeGreaterThan(0);
  const message = r.errors![0]!.message;
  expect(message).not.toMatch(/Unexpected error/);
  for (const p of patterns) {
    if (typeof p === 'string') expect(message).toContain(p);
    else expect(message).toMatch(p);
  }
}

async function expectNothingWritten() {
  expect(await snapshotOf(alice.id)).toEqual(before);
}

const ERR = `__typename ... on Error { message } ... on ValidationError { fields { path message } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${ERR} } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${ERR} } }`;
const CREATE_SCRIPT = `mutation($input: CreateScriptInput!) { createScript(input: $input) { ${ERR} } }`;

describe('oversized strings', () => {
  it('a 10,000-character title is a ValidationError naming the field and its limit', async () => {
    const title = 'x'.repeat(10_000);
    for (const [query, input, field] of [
      [CREATE_PROJECT, { title }, 'createProject'],
      [UPDATE_PROJECT, { id: projectId(), title }, 'updateProject'],
      [CREATE_SCRIPT, { projectId: projectId(), text: 'One sentence. Two sentences.', title }, 'createScript'],
    ] as const) {
      const r = await gql(query, { input }, alice.key);
      expect(r.status).toBe(200);
      expect(r.errors).toBeUndefined();
      expect(r.data[field].__typename).toBe('ValidationError');
      expect(r.data[field].fields).toEqual([{ path: ['input', 'title'], message: expect.stringMatching(/200/) }]);
    }
    const rename = await gql(
      `mutation($id: ID!, $title: String!) { renameScript(id: $id, title: $title) { ${ERR} } }`,
      { id: globalId('Script', seeded.script.id), title },
      alice.key,
    );
    expect(rename.data.renameScript.fields).toEqual([{ path: ['title'], message: expect.stringMatching(/200/) }]);
    await expectNothingWritten();
  });

  it('a 1 MB text or narration is a ValidationError naming the field', async () => {
    const huge = 'Word. '.repeat(Math.ceil((1 << 20) / 6));
    const script = await gql(CREATE_SCRIPT, { input: { projectId: projectId(), text: huge } }, alice.key);
    expect(script.status).toBe(200);
    expect(script.data.createScript.__typename).toBe('ValidationError');
    expect(script.data.createScript.fields).toEqual([{ path: ['input', 'text'], message: expect.stringMatching(/20000/) }]);

    const scene = await gql(
      `mutation($input: AddSceneInput!) { addScene(input: $input) { ${ERR} } }`,
      { input: { scriptId: globalId('Script', seeded.script.id), narration: huge } },
      alice.key,
    );
    expect(scene.status).toBe(200);
    expect(scene.data.addScene.__typename).toBe('ValidationError');
    expect(scene.data.addScene.fields[0].path).toEqual(['input', 'narration']);

    const key = await gql(`mutation($name: String!) { createApiKey(name: $name) { ${ERR} } }`, { name: huge }, alice.key);
    expect(key.data.createApiKey.__typename).toBe('ValidationError');
    expect(key.data.createApiKey.fields[0].path).toEqual(['name']);
    await expectNothingWritten();
  });
});

describe('render options', () => {
  const ENQUEUE = `mutation($s: ID!, $o: RenderOptionsInput) { enqueueRender(scriptId: $s, options: $o) { ${ERR} } }`;
  const approve = () => prisma.script.update({ where: { id: seeded.script.id }, data: { status: 'APPROVED' } });

  it('a voice no provider has is a ValidationError on options.voice naming voices that exist, and nothing is queued', async () => {
    await approve();
    before = await snapshotOf(alice.id);
    for (const voice of ['klingon', 'en-zz', 'AbCdEfGhIjKlMnOpQrSt']) {
      const r = await gql(ENQUEUE, { s: globalId('Script', seeded.script.id), o: { voice } }, alice.key);
      expect(r.data.enqueueRender.__typename, voice).toBe('ValidationError');
      expect(r.data.enqueueRender.fields).toEqual([{ path: ['options', 'voice'], message: expect.stringContaining(`unknown voice "${voice}"`) }]);
      expect(r.data.enqueueRender.fields[0].message).toMatch(/espeak-ng voice .*such as en-us/);
    }
    await expectNothingWritten();
  });

  it('an fps other than 24 or 30 names the allowed values', async () => {
    await approve();
    before = await snapshotOf(alice.id);
    const r = await gql(ENQUEUE, { s: globalId('Script', seeded.script.id), o: { fps: 25 } }, alice.key);
    expect(r.data.enqueueRender.__typename).toBe('ValidationError');
    expect(r.data.enqueueRender.fields).toEqual([{ path: ['options', 'fps'], message: 'fps must be 24 or 30' }]);
    await expectNothingWritten();
  });
});

describe('image search on a server without it', () => {
  it('is a ProviderFailedError that names no server variables, and nothing is stored', async () => {
    const r = await gql(
      `mutation($s: ID!) { searchSceneImages(sceneId: $s, query: "a red fox") { __typename ... on Error { message } ... on ProviderFailedError { failures { provider reason } } } }`,
      { s: sceneId() },
      alice.key,
    );
    expect(r.data.searchSceneImages).toEqual({
      __typename: 'ProviderFailedError',
      message: expect.stringMatching(/^image search is not configured on this server/),
      failures: [{ provider: 'imageSearch', reason: 'not configured' }],
    });
    expect(r.data.searchSceneImages.message).not.toMatch(/API_KEY|CSE|SERPAPI|BRAVE/);
    await expectNothingWritten();
  });
});

describe('wrong ids', () => {
  it('a Scene id where a Project id is expected answers like a missing Project, naming the id sent', async () => {
    const id = sceneId();
    const NF = `__typename ... on Error { message } ... on NotFoundError { id typename }`;
    for (const [field, r] of [
      ['updateProject', await gql(`mutation($id: ID!) { updateProject(input: { id: $id, title: "Stolen" }) { ${NF} } }`, { id }, alice.key)],
      ['deleteProject', await gql(`mutation($id: ID!) { deleteProject(id: $id) { ${NF} } }`, { id }, alice.key)],
      ['createScript', await gql(`mutation($id: ID!) { createScript(input: { projectId: $id, text: "One. Two." }) { ${NF} } }`, { id }, alice.key)],
    ] as const) {
      expect(r.errors, field).toBeUndefined();
      expect(r.data[field], field).toEqual({ __typename: 'NotFoundError', message: `Project ${id} was not found`, id, typename: 'Project' });
    }
    await expectNothingWritten();
  });

  it('a Scene id given to a subscription (no typed errors) is still a top-level error naming the id, not "Unexpected error."', async () => {
    const id = sceneId();
    const res = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${alice.key}` },
      body: JSON.stringify({ query: 'subscription($id: ID!) { renderProgress(renderId: $id) { __typename } }', variables: { id } }),
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    expect(text).toContain(id);
    expect(text).toMatch(/Render/);
    expect(text).not.toMatch(/Unexpected error/);
  });

  it('a non-base64 id, a base64 of "Project:not-a-uuid" and an id of an unknown type are "not a valid reelforge ID"', async () => {
    const unknownType = b64(`Banana:${seeded.project.id}`);
    for (const id of ['not base64 at all!', b64('Project:not-a-uuid'), b64('Project:'), '', unknownType]) {
      for (const r of [
        await gql(UPDATE_PROJECT, { input: { id, title: 'x' } }, alice.key),
        await gql(`mutation($id: ID!) { deleteProject(id: $id) { ${ERR} } }`, { id }, alice.key),
        await gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, alice.key),
        await gql(`mutation($id: ID!) { setRenderPublished(id: $id, published: true) { ${ERR} } }`, { id }, alice.key),
      ]) {
        expectTopLevelError(r, `"${id}" is not a valid reelforge ID`);
        expect(r.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
    await expectNothingWritten();
  });

  it('knows exactly the Node types of the schema when refusing ids of other types', () => {
    const node = schema.getType('Node') as GraphQLInterfaceType;
    const implementations = schema
      .getImplementations(node)
      .objects.map((t) => t.name)
      .sort();
    expect([...NODE_TYPENAMES].sort()).toEqual(implementations);
  });
});

describe('wrong values for the schema', () => {
  it('an unknown enum value names the value and the enum', async () => {
    const asVariable = await gql(UPDATE_PROJECT, { input: { id: projectId(), defaultPreset: 'SUPERFAST' } }, alice.key);
    expectTopLevelError(asVariable, '"SUPERFAST"', '"RenderPreset"');
    const asLiteral = await gql(`mutation { updateProject(input: { id: "${projectId()}", defaultSubtitleStyle: COMIC_SANS }) { __typename } }`, {}, alice.key);
    expectTopLevelError(asLiteral, '"COMIC_SANS"', '"SubtitleStyle"');
    await expectNothingWritten();
  });

  it('null for a non-null argument or input field names what must not be null', async () => {
    expectTopLevelError(await gql(CREATE_PROJECT, { input: { title: null } }, alice.key), 'input.title', /not to be null/);
    expectTopLevelError(await gql(CREATE_PROJECT, { input: null }, alice.key), '"$input"', /must not be null/);
    expectTopLevelError(await gql(`mutation { createProject(input: { title: null }) { __typename } }`, {}, alice.key), '"String!"', /found null/);
    expectTopLevelError(
      await gql(`mutation($id: ID!) { setRenderPublished(id: $id, published: null) { __typename } }`, { id: globalId('Render', seeded.script.id) }, alice.key),
      '"Boolean!"',
    );
    await expectNothingWritten();
  });

  it('variables of the wrong type name the variable and the type', async () => {
    expectTopLevelError(await gql(CREATE_PROJECT, { input: { title: 42 } }, alice.key), '"$input"', 'input.title', /String/);
    expectTopLevelError(await gql(CREATE_PROJECT, { input: 'a title' }, alice.key), '"$input"', '"CreateProjectInput"');
    expectTopLevelError(await gql(CREATE_PROJECT, { input: { title: 'ok', bogus: 1 } }, alice.key), '"bogus"', '"CreateProjectInput"');
    expectTopLevelError(
      await gql(`mutation($id: ID!, $p: Int!) { moveScene(id: $id, position: $p) { __typename } }`, { id: sceneId(), p: 'two' }, alice.key),
      '"$p"',
      /Int/,
    );
    expectTopLevelError(
      await gql(`mutation($id: ID!, $p: Int!) { moveScene(id: $id, position: $p) { __typename } }`, { id: sceneId(), p: 1.5 }, alice.key),
      '"$p"',
      /Int/,
    );
    expectTopLevelError(
      await gql(
        `mutation($id: ID!, $b: Boolean!) { setRenderPublished(id: $id, published: $b) { __typename } }`,
        { id: globalId('Render', seeded.script.id), b: 'yes' },
        alice.key,
      ),
      '"$b"',
      /Boolean/,
    );
    expectTopLevelError(await gql(`query($f: Int) { projects(first: $f) { totalCount } }`, { f: 'ten' }, alice.key), '"$f"', /Int/);
    await expectNothingWritten();
  });
});

describe('malformed HTTP requests', () => {
  const post = (body: string, contentType = 'application/json') =>
    api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${alice.key}` },
      body,
    });

  async function expectBadRequest(res: Response, pattern: RegExp, status = 400) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(pattern);
    await expectNothingWritten();
  }

  it('refuses a body that is not valid JSON with 400', async () => {
    // Cut off before its closing brace: would create a project if it were read.
    const res = await post('{"query": "mutation { createProject(input: {title: \\"sneaky\\"}) { __typename } }"');
    await expectBadRequest(res, /invalid JSON/);
  });

  it('refuses an empty body, a body that is not an object, a missing or non-string query', async () => {
    await expectBadRequest(await post(''), /invalid JSON/);
    await expectBadRequest(await post('null'), /expected to be object/);
    // Neither a query nor a persisted document's hash: 400 (GraphQL over HTTP allows it for application/json too).
    await expectBadRequest(await post('{}'), /Must provide query string/, 400);
    await expectBadRequest(await post('{"query": 42}'), /"query" param to be a string/);
    await expectBadRequest(await post('{"query": "{ viewer { name } }", "variables": "x"}'), /"variables" param/);
  });

  it('refuses a mutation sent with GET (405) and does not run it', async () => {
    const query = encodeURIComponent(`mutation { createProject(input: { title: "by GET" }) { __typename } }`);
    const res = await api.fetch(`http://test/graphql?query=${query}`, {
      method: 'GET',
      headers: { authorization: `Bearer ${alice.key}`, accept: 'application/json' },
    });
    await expectBadRequest(res, /mutation operation from a POST request/, 405);
  });

  it('refuses a document that does not parse, naming where', async () => {
    const r = await gql(`mutation { createProject(input: { title: "x" } { __typename } }`, {}, alice.key);
    expectTopLevelError(r, /Syntax Error/);
    await expectNothingWritten();
  });
});
