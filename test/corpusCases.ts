// The bad-input corpus of test/corpus.test.ts: every request a careless or hostile client could
// send, each with what the answer must be. test/malformed.test.ts holds the first, hand-written
// cases (a 10,000-character title, a 1 MB text, wrong ids, wrong enums, cut-off JSON); these extend
// them to the limits at 10× and 1000×, abusive documents, and broken HTTP and multipart framing.

/** What a case needs of the running server and the seeded data (global ids unless said). */
export interface Fixture {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  key: string;
  userId: string;
  projectId: string;
  scriptId: string;
  sceneId: string;
  sceneVersion: number;
  otherSceneId: string;
  renderId: string;
  assetId: string;
  apiKeyId: string;
  /** A webhook endpoint of the user's (public IP literal URL; nothing is ever sent to it here). */
  webhookEndpointId: string;
  /** Raw uuid of the scene (for hand-made ids). */
  sceneUuid: string;
  /** A loopback HTTP listener that must never be called (SSRF canary). */
  canaryUrl: string;
  /** The user's sandbox YouTube channel. */
  channelId: string;
}

export interface RawRequest {
  method?: string;
  /** Appended to the endpoint URL (GET queries). */
  search?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Leave out the Authorization header (sent with the fixture's key by default). */
  anonymous?: boolean;
  /** Send the body as a stream (chunked, with no Content-Length). */
  chunked?: boolean;
  /** Another path of the server than /graphql (the OAuth callbacks, the sign-in routes; `search` is appended). */
  path?: string;
}

export interface Expectation {
  /**
   * error: refused, with a top-level error or a typed error result naming what was wrong.
   * either: an abusive but valid request: refused with an error, or answered in full (recorded).
   */
  outcome: 'error' | 'either';
  /** Exact HTTP status, when the protocol fixes it. Every answer is < 500 in any case. */
  status?: number;
  /** The answer has no body (HTTP itself refused: 406 Not Acceptable, 431 headers too large). */
  bodyless?: boolean;
  /** Each must match the first error message (top-level, or the typed error's message / field issues). */
  message?: (string | RegExp)[];
  /** __typename of the typed error result expected (e.g. ValidationError). */
  typename?: string;
  /** The input path a ValidationError must name. */
  fieldPath?: string[];
  /** For routes outside GraphQL: the answer's text must match (with `status`). */
  text?: RegExp;
}

export interface CorpusCase {
  group: string;
  name: string;
  request: (f: Fixture) => RawRequest;
  expect: Expectation;
}

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

export const json = (query: string, variables?: Record<string, unknown>, extra: Record<string, unknown> = {}): RawRequest => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, ...(variables ? { variables } : {}), ...extra }),
});

const raw = (body: string | Uint8Array, contentType = 'application/json', headers: Record<string, string> = {}): RawRequest => ({
  headers: { 'content-type': contentType, ...headers },
  body,
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const repeat = (n: number, f: (i: number) => string, sep = ' ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);

/** A multipart/form-data body assembled by hand, so it can be broken on purpose. */
export function multipart(
  parts: { name: string; filename?: string; type?: string; body: string | Buffer }[],
  { boundary = 'corpusBoundary7MA4YWxkTrZu0gW', close = true }: { boundary?: string; close?: boolean } = {},
): RawRequest {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(p.body), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'graphql-require-preflight': '1' },
    body: new Uint8Array(Buffer.concat(chunks)),
  };
}

const ERR = `__typename ... on Error { message } ... on ValidationError { fields { path message } }`;

const UPDATE_SCENE = `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { ${ERR} } }`;
const ADD_SCENE = `mutation($input: AddSceneInput!) { addScene(input: $input) { ${ERR} } }`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${ERR} } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${ERR} } }`;
const CREATE_SCRIPT = `mutation($input: CreateScriptInput!) { createScript(input: $input) { ${ERR} } }`;
const GENERATE = `mutation($input: GenerateScriptInput!) { generateScript(input: $input) { ${ERR} } }`;
const ENQUEUE = `mutation($scriptId: ID!, $options: RenderOptionsInput) { enqueueRender(scriptId: $scriptId, options: $options) { ${ERR} } }`;
const SEARCH = `mutation($sceneId: ID!, $query: String) { searchSceneImages(sceneId: $sceneId, query: $query) { ${ERR}
  ... on SearchSceneImagesSuccess { data { provider candidates { id } } } } }`;
const DRAW = `mutation($sceneId: ID!, $prompt: String) { generateSceneImage(sceneId: $sceneId, prompt: $prompt) { ${ERR} } }`;
const MOVE = `mutation($id: ID!, $p: Int!) { moveScene(id: $id, position: $p) { ${ERR} } }`;
const UPLOAD = `mutation($sceneId: ID!, $file: File!) { uploadSceneAsset(sceneId: $sceneId, file: $file) { ${ERR} } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;

/** A ValidationError naming `path`, its message matching `limit`. */
const invalidField = (path: string[], ...message: (string | RegExp)[]): Expectation => ({
  outcome: 'error',
  status: 200,
  typename: 'ValidationError',
  fieldPath: path,
  message,
});
/** A top-level GraphQL error whose message matches every pattern. */
const refused = (...message: (string | RegExp)[]): Expectation => ({ outcome: 'error', message });
const EITHER: Expectation = { outcome: 'either' };

const sceneEdit = (f: Fixture, edit: Record<string, unknown>) => ({ input: { id: f.sceneId, version: f.sceneVersion, ...edit } });

// ---------------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------------

const oversized: CorpusCase[] = [
  ...([10, 1000] as const).flatMap((times): CorpusCase[] => [
    {
      group: 'oversized',
      name: `a project title at ${times}× its limit`,
      request: () => json(CREATE_PROJECT, { input: { title: 't'.repeat(200 * times) } }),
      expect: invalidField(['input', 'title'], /200/),
    },
    {
      group: 'oversized',
      name: `a scene narration at ${times}× its limit (updateScene)`,
      request: (f) => json(UPDATE_SCENE, sceneEdit(f, { narration: 'Words. '.repeat((2000 * times) / 7 + 1) })),
      expect: invalidField(['input', 'narration'], /2000/),
    },
    {
      group: 'oversized',
      name: `a generation prompt at ${times}× its limit`,
      request: (f) => json(GENERATE, { input: { projectId: f.projectId, prompt: 'p'.repeat(4000 * times) } }),
      expect: invalidField(['input', 'prompt'], /4000/),
    },
    {
      group: 'oversized',
      name: `an image query at ${times}× its limit (updateScene)`,
      request: (f) => json(UPDATE_SCENE, sceneEdit(f, { imageQuery: 'q'.repeat(300 * times) })),
      expect: invalidField(['input', 'imageQuery'], /300/),
    },
    {
      group: 'oversized',
      name: `an AI image prompt at ${times}× its limit (addScene)`,
      request: (f) => json(ADD_SCENE, { input: { scriptId: f.scriptId, narration: 'Fine.', aiImagePrompt: 'a'.repeat(1000 * times) } }),
      expect: invalidField(['input', 'aiImagePrompt'], /1000/),
    },
    {
      group: 'oversized',
      name: `a search query at ${times}× its limit`,
      request: (f) => json(SEARCH, { sceneId: f.sceneId, query: 'q'.repeat(300 * times) }),
      expect: invalidField(['query'], /300/),
    },
    {
      group: 'oversized',
      name: `an AI image prompt at ${times}× its limit (generateSceneImage)`,
      request: (f) => json(DRAW, { sceneId: f.sceneId, prompt: 'p'.repeat(1000 * times) }),
      expect: invalidField(['prompt'], /1000/),
    },
    {
      group: 'oversized',
      name: `a script rename at ${times}× the title limit`,
      request: (f) => json(`mutation($id: ID!, $t: String!) { renameScript(id: $id, title: $t) { ${ERR} } }`, { id: f.scriptId, t: 'r'.repeat(200 * times) }),
      expect: invalidField(['title'], /200/),
    },
  ]),
  {
    group: 'oversized',
    name: 'a script text at 10× its limit',
    request: (f) => json(CREATE_SCRIPT, { input: { projectId: f.projectId, text: 'Sentence. '.repeat(20_000) } }),
    expect: invalidField(['input', 'text'], /20000/),
  },
  {
    group: 'oversized',
    name: 'an image query at 10× its limit (addScene)',
    request: (f) => json(ADD_SCENE, { input: { scriptId: f.scriptId, narration: 'Fine.', imageQuery: 'q'.repeat(3000) } }),
    expect: invalidField(['input', 'imageQuery'], /300/),
  },
  {
    group: 'oversized',
    name: 'a language tag at 10× its limit',
    request: () => json(CREATE_PROJECT, { input: { title: 'ok', language: `en-${'abcdefgh-'.repeat(39)}x` } }),
    expect: invalidField(['input', 'language']),
  },
  {
    group: 'oversized',
    name: 'a default voice at 10× its limit',
    request: (f) => json(UPDATE_PROJECT, { input: { id: f.projectId, defaultVoice: 'v'.repeat(1000) } }),
    expect: invalidField(['input', 'defaultVoice'], /100/),
  },
  {
    group: 'oversized',
    name: 'a render voice at 10× its limit',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { voice: 'v'.repeat(1000) } }),
    expect: invalidField(['options', 'voice'], /100/),
  },
  {
    group: 'oversized',
    name: 'an API key name at 10× its limit',
    request: () => json(`mutation($n: String!) { createApiKey(name: $n) { ${ERR} } }`, { n: 'k'.repeat(1000) }),
    expect: invalidField(['name'], /100/),
  },
  {
    group: 'oversized',
    name: 'an id of 200,000 characters (shown cut short)',
    request: () => json(NODE, { id: 'A'.repeat(200_000) }),
    expect: refused(/^"A{60}…" is not a valid reelforge ID$/),
  },
];

const nulls: CorpusCase[] = [
  {
    group: 'nulls',
    name: 'updateScene with version null',
    request: (f) => json(UPDATE_SCENE, { input: { id: f.sceneId, version: null, narration: 'x' } }),
    expect: refused('"$input"', 'input.version', /not to be null/),
  },
  {
    group: 'nulls',
    name: 'moveScene with position null',
    request: (f) => json(MOVE, { id: f.otherSceneId, p: null }),
    expect: refused('"$p"', /must not be null/),
  },
  {
    group: 'nulls',
    name: 'addScene with a null narration literal',
    request: (f) => json(`mutation { addScene(input: { scriptId: "${f.scriptId}", narration: null }) { __typename } }`),
    expect: refused('"String!"', /found null/),
  },
  {
    group: 'nulls',
    name: 'nodes(ids: null)',
    request: () => json(`{ nodes(ids: null) { id } }`),
    expect: refused('"[ID!]!"', /found null/),
  },
  {
    group: 'nulls',
    name: 'a null inside a list of non-null ids',
    request: (f) => json(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [f.sceneId, null] }),
    expect: refused('"$ids"', /ids\[1\]/, /not to be null/),
  },
  {
    group: 'nulls',
    name: 'a music track of null',
    request: (f) => json(`mutation { enqueueRender(scriptId: "${f.scriptId}", options: { music: { track: null } }) { __typename } }`),
    expect: refused('"MusicTrack!"', /found null/),
  },
  {
    group: 'nulls',
    name: 'a null scene id for searchSceneImages',
    request: () => json(SEARCH, { sceneId: null, query: 'bees' }),
    expect: refused('"$sceneId"', /must not be null/),
  },
  {
    group: 'nulls',
    name: 'an API key name of null',
    request: () => json(`mutation($n: String!) { createApiKey(name: $n) { __typename } }`, { n: null }),
    expect: refused('"$n"', /must not be null/),
  },
];

const enums: CorpusCase[] = [
  {
    group: 'wrong enum',
    name: 'a resolution that does not exist',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { resolution: 'P4K' } }),
    expect: refused('"P4K"', '"Resolution"'),
  },
  {
    group: 'wrong enum',
    name: 'a preset in lower case',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { preset: 'ultrafast' } }),
    expect: refused('"ultrafast"', '"RenderPreset"'),
  },
  {
    group: 'wrong enum',
    name: 'a music track that does not exist',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { music: { track: 'JAZZ' } } }),
    expect: refused('"JAZZ"', '"MusicTrack"'),
  },
  {
    group: 'wrong enum',
    name: 'a script mode that does not exist',
    request: (f) => json(CREATE_SCRIPT, { input: { projectId: f.projectId, text: 'One. Two.', mode: 'POEM' } }),
    expect: refused('"POEM"', '"ScriptMode"'),
  },
  {
    group: 'wrong enum',
    name: 'an enum written as a string literal',
    request: (f) => json(`mutation { enqueueRender(scriptId: "${f.scriptId}", options: { preset: "FAST" }) { __typename } }`),
    expect: refused('"RenderPreset"', /non-enum value/),
  },
  {
    group: 'wrong enum',
    name: 'an enum given as a number',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { subtitleStyle: 0 } }),
    expect: refused('"SubtitleStyle"'),
  },
];

const scalars: CorpusCase[] = [
  {
    group: 'wrong scalar',
    name: 'a version given as a string',
    request: (f) => json(UPDATE_SCENE, { input: { id: f.sceneId, version: '1', narration: 'x' } }),
    expect: refused('input.version', /Int/),
  },
  {
    group: 'wrong scalar',
    name: 'a fractional version',
    request: (f) => json(UPDATE_SCENE, { input: { id: f.sceneId, version: 1.5, narration: 'x' } }),
    expect: refused('input.version', /Int/),
  },
  {
    group: 'wrong scalar',
    name: 'a version beyond 32 bits',
    request: (f) => json(UPDATE_SCENE, { input: { id: f.sceneId, version: 2 ** 31, narration: 'x' } }),
    expect: refused('input.version', /32-bit/),
  },
  {
    group: 'wrong scalar',
    name: 'a version of 0',
    request: (f) => json(UPDATE_SCENE, { input: { id: f.sceneId, version: 0, narration: 'x' } }),
    expect: invalidField(['input', 'version']),
  },
  {
    group: 'wrong scalar',
    name: 'a position beyond 32 bits as a literal',
    request: (f) => json(`mutation { moveScene(id: "${f.otherSceneId}", position: 99999999999) { __typename } }`),
    expect: refused(/32-bit/),
  },
  {
    group: 'wrong scalar',
    name: 'a negative position',
    request: (f) => json(MOVE, { id: f.otherSceneId, p: -1 }),
    expect: invalidField(['input', 'position'], /between 0 and/),
  },
  {
    group: 'wrong scalar',
    name: 'a position past the end',
    request: (f) => json(MOVE, { id: f.otherSceneId, p: 2 ** 31 - 1 }),
    expect: invalidField(['input', 'position'], /between 0 and/),
  },
  {
    group: 'wrong scalar',
    name: 'an fps of 25',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { fps: 25 } }),
    expect: invalidField(['options', 'fps']),
  },
  {
    group: 'wrong scalar',
    name: 'an fps given as a string',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { fps: '24' } }),
    expect: refused('options.fps', /Int/),
  },
  {
    group: 'wrong scalar',
    name: 'a music volume given as a word',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { music: { track: 'CALM', volume: 'loud' } } }),
    expect: refused('options.music.volume', /Float/),
  },
  {
    group: 'wrong scalar',
    name: 'a music volume of 5',
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { music: { track: 'CALM', volume: 5 } } }),
    expect: invalidField(['options', 'music', 'volume']),
  },
  {
    group: 'wrong scalar',
    name: 'a scene count of 1000',
    request: (f) => json(GENERATE, { input: { projectId: f.projectId, prompt: 'Bees.', sceneCount: 1000 } }),
    expect: invalidField(['input', 'sceneCount']),
  },
  {
    group: 'wrong scalar',
    name: 'a title given as a list',
    request: () => json(CREATE_PROJECT, { input: { title: ['a', 'b'] } }),
    expect: refused('input.title', /String cannot represent/),
  },
  {
    group: 'wrong scalar',
    name: 'a title given as an object',
    request: () => json(CREATE_PROJECT, { input: { title: { toString: 'x' } } }),
    expect: refused('input.title', /String cannot represent/),
  },
  {
    group: 'wrong scalar',
    name: 'a boolean given as a string',
    request: (f) => json(`mutation($b: Boolean!) { setRenderPublished(id: "${f.renderId}", published: $b) { __typename } }`, { b: 'true' }),
    expect: refused('"$b"', /Boolean/),
  },
  {
    group: 'wrong scalar',
    name: 'an id given as a number',
    request: () => json(NODE, { id: 42 }),
    expect: refused('"42" is not a valid reelforge ID'),
  },
  {
    group: 'wrong scalar',
    name: 'an id given as a boolean',
    request: () => json(NODE, { id: true }),
    expect: refused('"$id"', /ID cannot represent/),
  },
  {
    group: 'wrong scalar',
    name: 'an id given as an object',
    request: () => json(NODE, { id: { id: 'x' } }),
    expect: refused('"$id"', /ID cannot represent/),
  },
  {
    group: 'wrong scalar',
    name: 'a file given as a string in a JSON request',
    request: (f) => json(UPLOAD, { sceneId: f.sceneId, file: 'holiday.png' }),
    expect: refused('"$file"', /File must be sent as a part of a multipart request/),
  },
  {
    group: 'wrong scalar',
    name: 'a file given as an object in a JSON request',
    request: (f) => json(UPLOAD, { sceneId: f.sceneId, file: { name: 'x.png', type: 'image/png', stream: 'x' } }),
    expect: refused('"$file"', /File must be sent as a part of a multipart request/),
  },
  {
    group: 'wrong scalar',
    name: 'first given as a string',
    request: () => json(`query($f: Int) { projects(first: $f) { totalCount } }`, { f: '10' }),
    expect: refused('"$f"', /Int/),
  },
];

// Deep documents.
const deepSelection = (levels: number) => {
  // Each round is 4 selection levels: script → scenes → edges → node.
  const rounds = Math.ceil(levels / 4);
  return `query($id: ID!) { node(id: $id) { ... on Scene { id ${'script { scenes(first: 1) { edges { node { id '.repeat(rounds)}${'} } } } '.repeat(rounds)} } } }`;
};
const fragmentChain = (n: number) => {
  const frags = Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? `fragment F${i} on Scene { id script { ${i + 1 < n ? `...F${i + 1}` : 'id'} } }`
      : `fragment F${i} on Script { id scenes(first: 1) { edges { node { ${i + 1 < n ? `...F${i + 1}` : 'id'} } } } }`,
  );
  return `query($id: ID!) { node(id: $id) { ...F0 } } ${frags.join(' ')}`;
};

const deep: CorpusCase[] = [
  {
    group: 'deep nesting',
    name: '60 levels of valid selections (script → scenes → node …)',
    request: (f) => json(deepSelection(60), { id: f.sceneId }),
    expect: EITHER,
  },
  {
    group: 'deep nesting',
    name: '16 levels of valid selections',
    request: (f) => json(deepSelection(16), { id: f.sceneId }),
    expect: EITHER,
  },
  {
    group: 'deep nesting',
    name: 'a chain of 60 fragments, each spreading the next',
    request: (f) => json(fragmentChain(60), { id: f.sceneId }),
    expect: EITHER,
  },
  {
    group: 'deep nesting',
    name: '1,000 nested inline fragments on Query',
    request: () => json(`{ ${'... on Query { '.repeat(1000)} viewer { id } ${'} '.repeat(1000)} }`),
    expect: EITHER,
  },
  {
    group: 'deep nesting',
    name: 'fragments that spread each other (a cycle)',
    request: (f) => json(`query($id: ID!) { node(id: $id) { ...A } } fragment A on Scene { id ...B } fragment B on Scene { id ...A }`, { id: f.sceneId }),
    expect: refused('Cannot spread fragment "A" within itself via "B"'),
  },
  {
    group: 'deep nesting',
    name: '5,000 levels of selection sets on an unknown field',
    request: () => json(`{ viewer ${'{ a '.repeat(5000)}${'} '.repeat(5000)}}`),
    expect: { outcome: 'error' },
  },
  {
    group: 'deep nesting',
    name: '50,000 levels of selection sets',
    request: () => json(`{ viewer ${'{ a '.repeat(50_000)}${'} '.repeat(50_000)}}`),
    expect: { outcome: 'error' },
  },
  {
    group: 'deep nesting',
    name: '50,000 nested lists in an argument literal',
    request: () => json(`{ nodes(ids: ${'['.repeat(50_000)}${']'.repeat(50_000)}) { id } }`),
    expect: { outcome: 'error' },
  },
  {
    group: 'deep nesting',
    name: '2,500 nested lists in an argument literal (fewer tokens than the token limit)',
    request: () => json(`{ nodes(ids: ${'['.repeat(2_500)}${']'.repeat(2_500)}) { id } }`),
    expect: { outcome: 'error' },
  },
  {
    group: 'deep nesting',
    name: '1,400 nested input objects in an argument literal',
    request: () => json(`{ nodes(ids: ${'{a:'.repeat(1_400)}1${'}'.repeat(1_400)}) { id } }`),
    expect: { outcome: 'error' },
  },
  {
    group: 'deep nesting',
    name: '50,000 nested input objects in an argument literal',
    request: () => json(`mutation { createProject(input: { title: "x", a: ${'{ a: '.repeat(50_000)}1${' }'.repeat(50_000)} }) { __typename } }`),
    expect: { outcome: 'error' },
  },
  {
    group: 'deep nesting',
    name: '100,000 nested lists in a variable',
    request: () => raw(`{"query":"query($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
    expect: refused('"$ids"'),
  },
  {
    group: 'deep nesting',
    name: '100,000 nested objects in an input variable',
    request: () =>
      raw(
        `{"query":"mutation($input: CreateProjectInput!) { createProject(input: $input) { __typename } }","variables":{"input":{"title":"x","a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}}`,
      ),
    expect: refused('"$input"', '"a"'),
  },
];

const aliases: CorpusCase[] = [
  {
    group: 'alias bomb',
    name: '1,000 aliases of viewer',
    request: () => json(`{ ${repeat(1000, (i) => `a${i}: viewer { id name email }`)} }`),
    expect: EITHER,
  },
  {
    group: 'alias bomb',
    name: '1,000 aliases of a page of 100 projects with their scripts',
    request: () => json(`{ ${repeat(1000, (i) => `a${i}: projects(first: 100) { totalCount edges { node { id scripts(first: 100) { totalCount } } } }`)} }`),
    expect: EITHER,
  },
  {
    group: 'alias bomb',
    name: '1,000 aliases of node(id) on the same scene',
    request: (f) => json(`query($id: ID!) { ${repeat(1000, (i) => `a${i}: node(id: $id) { id ... on Scene { narration } }`)} }`, { id: f.sceneId }),
    expect: EITHER,
  },
  {
    group: 'alias bomb',
    name: '1,000 aliases of updateScene with a stale version (every one a conflict)',
    request: (f) =>
      json(
        `mutation($input: UpdateSceneInput!) { ${repeat(1000, (i) => `a${i}: updateScene(input: $input) { __typename ... on VersionConflictError { message currentVersion } }`)} }`,
        { input: { id: f.sceneId, version: f.sceneVersion + 7, narration: 'Overwritten.' } },
      ),
    expect: { outcome: 'error', typename: 'VersionConflictError', message: [/is at version \d+, not \d+/] },
  },
  {
    group: 'alias bomb',
    name: '1,000 aliases of moveScene to a position out of range',
    request: (f) => json(`mutation { ${repeat(1000, (i) => `a${i}: moveScene(id: "${f.otherSceneId}", position: 999) { ${ERR} }`)} }`),
    expect: invalidField(['input', 'position'], /between 0 and/),
  },
  {
    // Small documents just past each shape limit: only the limits themselves can refuse these.
    group: 'alias bomb',
    name: '25 aliases of a page of 100 projects with their scripts',
    request: () => json(`{ ${repeat(25, (i) => `a${i}: projects(first: 100) { edges { node { id scripts(first: 100) { totalCount } } } }`)} }`),
    expect: EITHER,
  },
  {
    group: 'alias bomb',
    name: '25 aliases of __typename',
    request: () => json(`{ ${repeat(25, (i) => `a${i}: __typename`)} }`),
    expect: EITHER,
  },
  {
    group: 'alias bomb',
    name: '25 different directives on one field',
    request: () => json(`query($t: Boolean = true) { viewer ${repeat(25, (i) => (i % 2 ? '@include(if: $t)' : '@skip(if: false)'))} { id } }`),
    expect: { outcome: 'error' },
  },
  {
    group: 'alias bomb',
    name: '10,000 copies of one field (no aliases)',
    request: () => json(`{ viewer { ${'id '.repeat(10_000)}} }`),
    expect: EITHER,
  },
  {
    group: 'alias bomb',
    name: '1,000 repeats of the same directive',
    request: () => json(`{ viewer ${'@include(if: true) '.repeat(1000)}{ id } }`),
    expect: refused('The directive "@include" can only be used once at this location.'),
  },
  {
    group: 'alias bomb',
    name: '1,000 aliases of a search with an invalid scene id',
    request: () => json(`mutation { ${repeat(1000, (i) => `a${i}: searchSceneImages(sceneId: "nope${i}", query: "x") { __typename }`)} }`),
    expect: refused('is not a valid reelforge ID'),
  },
];

const lists: CorpusCase[] = [
  {
    group: 'huge list',
    name: 'nodes() with 10,000 copies of one scene id',
    request: (f) => json(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(10_000).fill(f.sceneId) }),
    expect: EITHER,
  },
  {
    // Each distinct id is one SQL query today; 3,900 ids fit under the default 256 KB body limit.
    group: 'huge list',
    name: 'nodes() with 3,900 distinct well-formed scene ids',
    request: (f) =>
      json(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
        ids: Array.from({ length: 3_900 }, (_, i) => b64(`Scene:${f.sceneUuid.slice(0, 24)}${i.toString(16).padStart(12, '0')}`)),
      }),
    expect: EITHER,
  },
  {
    group: 'huge list',
    name: 'nodes() with 100,000 garbage ids',
    request: () => json(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 100_000 }, (_, i) => `junk-${i}`) }),
    expect: refused('"junk-0" is not a valid reelforge ID'),
  },
  {
    group: 'huge list',
    name: 'a list of 60,000 titles where one is expected (under the body limit)',
    request: () => json(CREATE_PROJECT, { input: { title: Array(60_000).fill('t') } }),
    expect: refused('input.title', /String cannot represent/),
  },
];

const batches: CorpusCase[] = [
  {
    group: 'batch',
    name: 'a JSON array of two queries',
    request: () => raw(JSON.stringify([{ query: '{ viewer { id } }' }, { query: '{ __typename }' }])),
    expect: EITHER,
  },
  {
    group: 'batch',
    name: 'a JSON array of 1,000 createProject mutations',
    request: () =>
      raw(JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ query: `mutation { createProject(input: { title: "batched ${i}" }) { __typename } }` })))),
    expect: { outcome: 'error' },
  },
  {
    group: 'batch',
    name: 'an empty JSON array',
    request: () => raw('[]'),
    expect: EITHER,
  },
  {
    group: 'batch',
    name: 'several operations in one document with no operationName',
    request: () => json(`query A { viewer { id } } mutation B { createProject(input: { title: "b" }) { __typename } }`),
    expect: refused(/Must provide operation name|Could not determine what operation to execute/),
  },
  {
    group: 'batch',
    name: 'an operationName that names no operation',
    request: () => json(`query A { viewer { id } }`, undefined, { operationName: 'B' }),
    expect: refused(/Unknown operation named "B"|Could not determine what operation to execute/),
  },
];

/** The body of a createProject mutation with `bytes` spliced into its title. */
const withBytes = (bytes: number[], where: 'title' | 'document' = 'title') => {
  const [before, after] =
    where === 'title'
      ? ['{"query":"mutation { createProject(input: { title: \\"bad ', ' bytes\\" }) { __typename } }"}']
      : ['{"query":"mutation { createProject(input: { title: \\"bad\\" }) ', ' { __typename } }"}'];
  return raw(new Uint8Array(Buffer.concat([Buffer.from(before!), Buffer.from(bytes), Buffer.from(after!)])));
};

const encoding: CorpusCase[] = [
  {
    group: 'invalid UTF-8',
    name: '0xFF 0xFE in the document, outside any string',
    request: () => withBytes([0xff, 0xfe], 'document'),
    expect: refused(/not valid UTF-8|Syntax Error/),
  },
  {
    group: 'invalid UTF-8',
    name: '0xFF 0xFE inside a title',
    request: () => withBytes([0xff, 0xfe]),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'invalid UTF-8',
    name: 'an overlong encoding of "/" (0xC0 0xAF) inside a title',
    request: () => withBytes([0xc0, 0xaf]),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'invalid UTF-8',
    name: 'an encoded surrogate (0xED 0xA0 0x80) inside a title',
    request: () => withBytes([0xed, 0xa0, 0x80]),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'invalid UTF-8',
    name: 'a body cut inside a multi-byte character',
    request: () => raw(new Uint8Array(Buffer.concat([Buffer.from('{"query":"{ viewer { id } }", "x": "€'), Buffer.from([0xe2, 0x82])]))),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'invalid UTF-8',
    name: 'a NUL character in a project title',
    request: () => json(CREATE_PROJECT, { input: { title: 'nul\u0000title' } }),
    expect: { outcome: 'error', status: 400, message: [/variables\.input\.title contains a NUL character/] },
  },
  {
    group: 'invalid UTF-8',
    name: 'a NUL character in a scene narration',
    request: (f) => json(UPDATE_SCENE, sceneEdit(f, { narration: 'Hello\u0000world.' })),
    expect: { outcome: 'error', status: 400, message: [/variables\.input\.narration contains a NUL character/] },
  },
  {
    group: 'invalid UTF-8',
    name: 'a NUL character in an API key name',
    request: () => json(`mutation($n: String!) { createApiKey(name: $n) { ${ERR} } }`, { n: 'key\u0000' }),
    expect: { outcome: 'error', status: 400, message: [/variables\.n contains a NUL character/] },
  },
  {
    group: 'invalid UTF-8',
    name: 'a NUL character in a script text',
    request: (f) => json(CREATE_SCRIPT, { input: { projectId: f.projectId, text: 'One sentence.\u0000 Two sentences.' } }),
    expect: { outcome: 'error', status: 400, message: [/variables\.input\.text contains a NUL character/] },
  },
  {
    group: 'invalid UTF-8',
    name: 'a lone surrogate (\\ud800) in a title',
    request: () =>
      raw(
        '{"query":"mutation($input: CreateProjectInput!) { createProject(input: $input) { __typename ... on ValidationError { fields { path message } } } }","variables":{"input":{"title":"half \\ud800 a pair"}}}',
      ),
    expect: { outcome: 'error', status: 400, message: [/variables\.input\.title contains a lone UTF-16 surrogate/] },
  },
];

const badJson: CorpusCase[] = [
  {
    group: 'invalid JSON',
    name: 'trailing garbage after the object',
    request: () => raw('{"query":"{ viewer { id } }"}xyz'),
    expect: { outcome: 'error', status: 400, message: [/invalid JSON/] },
  },
  {
    group: 'invalid JSON',
    name: 'single-quoted strings',
    request: () => raw("{'query':'{ viewer { id } }'}"),
    expect: { outcome: 'error', status: 400, message: [/invalid JSON/] },
  },
  {
    group: 'invalid JSON',
    name: 'a trailing comma',
    request: () => raw('{"query":"{ viewer { id } }",}'),
    expect: { outcome: 'error', status: 400, message: [/invalid JSON/] },
  },
  {
    group: 'invalid JSON',
    name: 'NaN as a variable',
    request: () => raw('{"query":"query($f: Int) { projects(first: $f) { totalCount } }","variables":{"f":NaN}}'),
    expect: { outcome: 'error', status: 400, message: [/invalid JSON/] },
  },
  { group: 'invalid JSON', name: 'a byte-order mark before the object', request: () => raw(`\ufeff{"query":"{ viewer { id } }"}`), expect: EITHER },
  { group: 'invalid JSON', name: '1 MB of unclosed brackets', request: () => raw('['.repeat(1 << 20)), expect: { outcome: 'error', status: 400 } },
  { group: 'invalid JSON', name: 'a JSON string as the body', request: () => raw('"{ viewer { id } }"'), expect: { outcome: 'error', status: 400 } },
  { group: 'invalid JSON', name: 'a JSON number as the body', request: () => raw('42'), expect: { outcome: 'error', status: 400 } },
  {
    group: 'invalid JSON',
    name: 'an extensions field that is not an object',
    request: () => raw('{"query":"{ viewer { id } }","extensions":"x"}'),
    expect: { outcome: 'error', status: 400, message: [/"extensions" param/] },
  },
  {
    group: 'invalid JSON',
    name: 'an operationName that is not a string',
    request: () => raw('{"query":"{ viewer { id } }","operationName":42}'),
    expect: { outcome: 'error', status: 400, message: [/"operationName" param|Could not determine what operation to execute/] },
  },
  {
    group: 'invalid JSON',
    name: 'a __proto__ key in the variables',
    request: (f) =>
      raw(
        `{"query":"mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }","variables":{"__proto__":{"input":{"id":"${f.sceneId}","version":${f.sceneVersion},"narration":"polluted"}}}}`,
      ),
    expect: refused('"$input"', /must not be null|was not provided/),
  },
];

const contentTypes: CorpusCase[] = [
  // A POST a browser sends without a preflight (text/plain, form, multipart, none) needs the CSRF
  // header first: 403 naming it. With it, text/plain is 415 Unsupported Media Type, from Yoga.
  {
    group: 'content type',
    name: 'text/plain with a JSON body',
    request: () => raw('{"query":"{ viewer { id } }"}', 'text/plain'),
    expect: { outcome: 'error', status: 403, message: [/graphql-require-preflight/] },
  },
  {
    group: 'content type',
    name: 'text/plain with a JSON body and the CSRF header',
    request: () => raw('{"query":"{ viewer { id } }"}', 'text/plain', { 'graphql-require-preflight': '1' }),
    expect: { outcome: 'error', status: 415, bodyless: true },
  },
  {
    group: 'content type',
    name: 'application/xml',
    request: () => raw('<query>{ viewer { id } }</query>', 'application/xml'),
    expect: { outcome: 'error', status: 415, bodyless: true },
  },
  {
    group: 'content type',
    name: 'no content type at all',
    request: () => ({ body: '{"query":"{ viewer { id } }"}' }),
    expect: { outcome: 'error', status: 403, message: [/graphql-require-preflight/] },
  },
  { group: 'content type', name: 'application/graphql with a bare document', request: () => raw('{ viewer { id } }', 'application/graphql'), expect: EITHER },
  {
    group: 'content type',
    name: 'a form-encoded body',
    request: () => raw(`query=${encodeURIComponent('{ viewer { id } }')}`, 'application/x-www-form-urlencoded'),
    expect: EITHER,
  },
  {
    group: 'content type',
    // A CORS "simple request": without the CSRF header no mutation runs.
    name: 'a form-encoded mutation with an empty title',
    request: () => raw(`query=${encodeURIComponent(`mutation { createProject(input: { title: "  " }) { ${ERR} } }`)}`, 'application/x-www-form-urlencoded'),
    expect: { outcome: 'error', status: 403, message: [/graphql-require-preflight/] },
  },
  {
    group: 'content type',
    name: 'multipart/form-data with no boundary',
    request: () => raw('--x\r\n\r\n', 'multipart/form-data', { 'graphql-require-preflight': '1' }),
    expect: { outcome: 'error', status: 400, message: [/Boundary not found/] },
  },
  {
    group: 'content type',
    name: 'JSON declared as UTF-16',
    request: () => raw('{"query":"{ viewer { id } }"}', 'application/json; charset=utf-16'),
    expect: EITHER,
  },
  {
    group: 'content type',
    name: 'JSON declared, form-encoded sent',
    request: () => raw('query=%7B%20viewer%20%7B%20id%20%7D%20%7D'),
    expect: { outcome: 'error', status: 400, message: [/invalid JSON/] },
  },
  {
    group: 'content type',
    name: 'accepting only XML',
    request: () => ({ ...json('{ viewer { id } }'), headers: { 'content-type': 'application/json', accept: 'application/xml' } }),
    expect: { outcome: 'error', status: 406, bodyless: true },
  },
  { group: 'content type', name: 'a PUT', request: () => ({ ...json('{ viewer { id } }'), method: 'PUT' }), expect: { outcome: 'error', status: 405 } },
  { group: 'content type', name: 'a DELETE', request: () => ({ ...json('{ viewer { id } }'), method: 'DELETE' }), expect: { outcome: 'error', status: 405 } },
  {
    group: 'content type',
    name: 'a GET with a 100 KB query string (over Node’s header limit)',
    request: () => ({
      method: 'GET',
      search: `?query=${encodeURIComponent(`{ ${repeat(4000, (i) => `a${i}: __typename`)} }`)}`,
      headers: { accept: 'application/json' },
    }),
    expect: { outcome: 'error', status: 431, bodyless: true },
  },
  {
    group: 'content type',
    name: 'a GET with a 12 KB query string',
    request: () => ({
      method: 'GET',
      search: `?query=${encodeURIComponent(`{ ${repeat(600, (i) => `a${i}: __typename`)} }`)}`,
      headers: { accept: 'application/json' },
    }),
    expect: EITHER,
  },
  {
    group: 'content type',
    name: 'a GET with extensions that are not JSON',
    request: () => ({ method: 'GET', search: `?query=${encodeURIComponent('{ viewer { id } }')}&extensions=%7Bnope`, headers: { accept: 'application/json' } }),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'content type',
    name: 'a form-encoded body with variables that are not JSON',
    request: () =>
      raw(`query=${encodeURIComponent('query($f: Int) { projects(first: $f) { totalCount } }')}&variables=%7Bnope`, 'application/x-www-form-urlencoded', {
        'graphql-require-preflight': '1',
      }),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'content type',
    name: 'a JSON body sent chunked, with no Content-Length',
    request: () => ({ ...json('{ viewer { id } }'), chunked: true }),
    expect: EITHER,
  },
  {
    group: 'content type',
    name: 'a GET with variables that are not JSON',
    request: () => ({
      method: 'GET',
      search: `?query=${encodeURIComponent('query($f: Int) { projects(first: $f) { totalCount } }')}&variables=%7Bnope`,
      headers: { accept: 'application/json' },
    }),
    expect: { outcome: 'error', status: 400 },
  },
  {
    group: 'content type',
    name: 'a malformed Authorization header',
    request: () => ({ ...json('{ viewer { id } }'), headers: { 'content-type': 'application/json', authorization: 'Basic Zm9vOmJhcg==' } }),
    expect: { outcome: 'error', status: 401, message: [/Bearer <api key>/] },
  },
  {
    group: 'content type',
    name: 'a mutation with no API key',
    request: () => ({ ...json(CREATE_PROJECT, { input: { title: 'anon' } }), anonymous: true }),
    expect: refused(/needs an API key/),
  },
];

const PNG_HEADER = Buffer.from('89504e470d0a1a0a', 'hex');
const notAPicture = Buffer.from('<html>not a picture</html>');
const ops = (f: Fixture, extra: Record<string, unknown> = {}) => JSON.stringify({ query: UPLOAD, variables: { sceneId: f.sceneId, file: null, ...extra } });

const multiparts: CorpusCase[] = [
  {
    group: 'multipart',
    name: 'no map part',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('"$file"', /must not be null/),
  },
  {
    group: 'multipart',
    name: 'a map naming a file part that is not there',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"7":["variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('"$file"', /must not be null/),
  },
  {
    group: 'multipart',
    name: 'a map pointing at a variable that does not exist',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.nope.deeper"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('"$file"', /must not be null/),
  },
  {
    group: 'multipart',
    name: 'a map pointing at __proto__',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["__proto__.polluted", "variables.__proto__.file", "variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: { outcome: 'error' },
  },
  {
    group: 'multipart',
    name: 'a map whose value is not a list',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":"variables.file"}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: { outcome: 'error' },
  },
  {
    group: 'multipart',
    name: 'a map that is not JSON',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{0: variables.file' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('Multipart form field "map" must be a valid JSON string'),
  },
  {
    group: 'multipart',
    name: 'operations that are not JSON',
    request: () =>
      multipart([
        { name: 'operations', body: '{"query": "mutation' },
        { name: 'map', body: '{"0":["variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('Multipart form field "operations" must be a valid JSON string'),
  },
  {
    group: 'multipart',
    name: 'two files for one File argument',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.file"],"1":["variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
        { name: '1', filename: 'b.png', type: 'image/png', body: notAPicture },
      ]),
    expect: { outcome: 'error', status: 400, message: [/Files limit exceeded: 1/] },
  },
  {
    group: 'multipart',
    name: 'a file part with no operations',
    request: () =>
      multipart([
        { name: 'map', body: '{"0":["variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('Missing multipart form field "operations"'),
  },
  {
    group: 'multipart',
    name: 'only a file part',
    request: () => multipart([{ name: '0', filename: 'a.png', type: 'image/png', body: PNG_HEADER }]),
    expect: refused('Missing multipart form field "operations"'),
  },
  {
    group: 'multipart',
    name: 'the file before operations and map',
    request: (f) =>
      multipart([
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.file"]}' },
      ]),
    expect: { outcome: 'error' },
  },
  {
    group: 'multipart',
    name: 'a body cut off before the closing boundary',
    request: (f) =>
      multipart(
        [
          { name: 'operations', body: ops(f) },
          { name: 'map', body: '{"0":["variables.file"]}' },
          { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
        ],
        { close: false },
      ),
    expect: { outcome: 'error', status: 400, message: [/invalid multipart data/] },
  },
  {
    group: 'multipart',
    name: 'a boundary that differs from the declared one',
    request: (f) => {
      const r = multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]);
      return { ...r, headers: { ...r.headers, 'content-type': 'multipart/form-data; boundary=somethingElse' } };
    },
    expect: { outcome: 'error', status: 400, message: [/invalid multipart data/] },
  },
  {
    group: 'multipart',
    name: 'operations larger than the 1 MB field limit',
    request: (f) =>
      multipart([
        { name: 'operations', body: JSON.stringify({ query: UPLOAD, variables: { sceneId: f.sceneId, file: null, pad: 'x'.repeat(2 << 20) } }) },
        { name: 'map', body: '{"0":["variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: { outcome: 'error', status: 400, message: [/Field value size exceeded/] },
  },
  {
    group: 'multipart',
    name: '20 extra fields',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.file"]}' },
        ...Array.from({ length: 20 }, (_, i) => ({ name: `extra${i}`, body: 'x' })),
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: { outcome: 'error', status: 400, message: [/Fields limit exceeded/] },
  },
  {
    group: 'multipart',
    name: 'a batch of operations in multipart',
    request: (f) =>
      multipart([
        { name: 'operations', body: JSON.stringify([JSON.parse(ops(f)), JSON.parse(ops(f))]) },
        { name: 'map', body: '{"0":["0.variables.file","1.variables.file"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: { outcome: 'error' },
  },
  {
    group: 'multipart',
    name: 'a file that is a URL to fetch',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.file"]}' },
        { name: '0', filename: 'link.url', type: 'text/uri-list', body: `${f.canaryUrl}/picture.png` },
      ]),
    expect: invalidField(['file'], /not an image or video/),
  },
  {
    group: 'multipart',
    name: 'a file mapped onto the scene id',
    request: (f) =>
      multipart([
        { name: 'operations', body: ops(f) },
        { name: 'map', body: '{"0":["variables.sceneId"]}' },
        { name: '0', filename: 'a.png', type: 'image/png', body: notAPicture },
      ]),
    expect: refused('"$sceneId"'),
  },
];

const variables: CorpusCase[] = [
  {
    group: 'huge variables',
    name: 'a 10 MB variable nobody declared',
    request: () => json('{ viewer { id } }', { unused: 'x'.repeat(10 << 20) }),
    expect: EITHER,
  },
  {
    group: 'huge variables',
    name: '100,000 variables nobody declared',
    request: () => json('{ viewer { id } }', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`v${i}`, i]))),
    expect: EITHER,
  },
  {
    group: 'huge variables',
    name: 'an input with 10,000 unknown fields',
    request: () => json(CREATE_PROJECT, { input: { title: 'x', ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i])) } }),
    expect: refused('"$input"', 'Field "f0" is not defined by type "CreateProjectInput"'),
  },
  {
    group: 'huge variables',
    name: '1,000 declared variables',
    request: () => json(`query(${repeat(1000, (i) => `$v${i}: Int`, ', ')}) { projects(first: $v0) { totalCount } }`, { v0: 1 }),
    expect: refused(/Variable "\$v1" is never used/),
  },
];

const unknown: CorpusCase[] = [
  {
    group: 'unknown fields',
    name: 'a field the type does not have',
    request: () => json('{ viewer { password } }'),
    expect: refused('Cannot query field "password" on type "User".'),
  },
  {
    group: 'unknown fields',
    name: 'a misspelt root field',
    request: () => json('{ viewr { id } }'),
    expect: refused('Cannot query field "viewr" on type "Query".', /Did you mean "viewer"/),
  },
  {
    group: 'unknown fields',
    name: 'an unknown argument',
    request: () => json('{ projects(limit: 5) { totalCount } }'),
    expect: refused('Unknown argument "limit" on field "Query.projects".'),
  },
  {
    group: 'unknown fields',
    name: 'an unknown type in a fragment',
    request: () => json('{ viewer { ... on Banana { id } } }'),
    expect: refused('Unknown type "Banana".'),
  },
  {
    group: 'unknown fields',
    name: 'an unknown directive',
    request: () => json('{ viewer @cached(ttl: 60) { id } }'),
    expect: refused('Unknown directive "@cached".'),
  },
  {
    group: 'unknown fields',
    name: 'an unknown field in UpdateSceneInput',
    request: (f) => json(UPDATE_SCENE, { input: { id: f.sceneId, version: f.sceneVersion, narration: 'x', position: 0 } }),
    expect: refused('"$input"', 'Field "position" is not defined by type "UpdateSceneInput"'),
  },
  {
    group: 'unknown fields',
    name: 'a subscription over a plain JSON POST',
    request: () => ({
      ...json('subscription { renderProgress(renderId: "nope") { kind } }'),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    }),
    expect: { outcome: 'error' },
  },
  {
    group: 'unknown fields',
    name: 'introspection of the whole schema',
    request: () => json('{ __schema { types { name fields { name } } } }'),
    expect: EITHER,
  },
  { group: 'unknown fields', name: 'an empty document', request: () => json(''), expect: { outcome: 'error' } },
  { group: 'unknown fields', name: 'a document of only a comment', request: () => json('# nothing here'), expect: refused(/Syntax Error/) },
];

const ssrf: CorpusCase[] = [
  {
    group: 'SSRF',
    name: 'a URL as an image search query is searched as text',
    request: (f) => json(SEARCH, { sceneId: f.sceneId, query: `${f.canaryUrl}/latest/meta-data/` }),
    expect: EITHER,
  },
  {
    group: 'SSRF',
    name: 'a file: URL as an image search query',
    request: (f) => json(SEARCH, { sceneId: f.sceneId, query: 'file:///etc/passwd' }),
    expect: EITHER,
  },
  { group: 'SSRF', name: 'a URL as an id', request: (f) => json(NODE, { id: `${f.canaryUrl}/x` }), expect: refused('is not a valid reelforge ID') },
  {
    group: 'SSRF',
    name: 'base64 of "Scene:<url>" as an id',
    request: (f) => json(NODE, { id: b64(`Scene:${f.canaryUrl}/x`) }),
    expect: refused('is not a valid reelforge ID'),
  },
  {
    group: 'SSRF',
    name: 'a URL as the uploaded file in a JSON request',
    request: (f) => json(UPLOAD, { sceneId: f.sceneId, file: `${f.canaryUrl}/picture.png` }),
    expect: refused(/File must be sent as a part of a multipart request/),
  },
  {
    group: 'SSRF',
    name: 'a URL as the render voice',
    // Refused as a voice no provider has, before the script is even looked at.
    request: (f) => json(ENQUEUE, { scriptId: f.scriptId, options: { voice: `${f.canaryUrl}/voice` } }),
    expect: { outcome: 'error', typename: 'ValidationError', message: [/options\.voice: unknown voice/] },
  },
  {
    group: 'SSRF',
    name: 'a URL as the language of a project',
    request: () => json(CREATE_PROJECT, { input: { title: 'x', language: 'http://127.0.0.1/' } }),
    expect: invalidField(['input', 'language'], /BCP 47/),
  },
];

const CREATE_HOOK = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ${ERR} } }`;
const UPDATE_HOOK = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { ${ERR} } }`;
const hook = (url: string, events: unknown[] = ['RENDER_SUCCEEDED']) => json(CREATE_HOOK, { input: { url, events } });

// Webhook URLs are vetted (scheme, port, every resolved address) before anything is stored or sent.
const webhooks: CorpusCase[] = [
  {
    group: 'webhooks',
    name: 'a webhook to the cloud metadata service',
    request: () => hook('http://169.254.169.254/latest/meta-data/iam/'),
    expect: invalidField(['input', 'url'], /169\.254\.169\.254 is a cloud metadata address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to Alibaba’s metadata address',
    request: () => hook('http://100.100.100.200/latest/meta-data/'),
    expect: invalidField(['input', 'url'], /cloud metadata address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to AWS metadata over IPv6',
    request: () => hook('http://[fd00:ec2::254]/latest/'),
    expect: invalidField(['input', 'url'], /cloud metadata address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to metadata as IPv4-mapped IPv6',
    request: () => hook('http://[::ffff:169.254.169.254]/'),
    expect: invalidField(['input', 'url'], /cloud metadata address \(IPv4 169\.254\.169\.254 inside IPv6\)/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to the loopback canary',
    request: (f) => hook(`${f.canaryUrl}/hook`),
    expect: invalidField(['input', 'url'], /127\.0\.0\.1 is a loopback address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to localhost by name',
    request: (f) => hook(f.canaryUrl.replace('127.0.0.1', 'localhost')),
    expect: invalidField(['input', 'url'], /loopback address \(resolved from localhost\)/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to 127.0.0.1 written as hex',
    request: (f) => hook(f.canaryUrl.replace('127.0.0.1', '0x7f000001')),
    expect: invalidField(['input', 'url'], /loopback address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to a private address',
    request: () => hook('http://10.20.30.40:8080/hook'),
    expect: invalidField(['input', 'url'], /10\.20\.30\.40 is a private address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to 0.0.0.0',
    request: () => hook('http://0.0.0.0:8080/'),
    expect: invalidField(['input', 'url'], /unspecified address/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to a name that does not resolve',
    request: () => hook('http://metadata.google.internal/computeMetadata/v1/'),
    expect: invalidField(['input', 'url'], /does not resolve|metadata|private|link-local/),
  },
  {
    group: 'webhooks',
    name: 'a file: webhook URL',
    request: () => hook('file:///etc/passwd'),
    expect: invalidField(['input', 'url'], /scheme file: is not http or https/),
  },
  {
    group: 'webhooks',
    name: 'a gopher: webhook URL at Redis',
    request: () => hook('gopher://127.0.0.1:6379/_FLUSHALL'),
    expect: invalidField(['input', 'url'], /scheme gopher:/),
  },
  {
    group: 'webhooks',
    name: 'a webhook to the SMTP port',
    request: () => hook('http://93.184.215.14:25/'),
    expect: invalidField(['input', 'url'], /port 25 is not allowed/),
  },
  { group: 'webhooks', name: 'a webhook URL that is not a URL', request: () => hook('not a url'), expect: invalidField(['input', 'url'], /not a valid URL/) },
  {
    group: 'webhooks',
    name: 'a webhook URL at 10× its limit',
    request: () => hook(`https://93.184.215.14/${'a'.repeat(20_000)}`),
    expect: invalidField(['input', 'url'], /2000/),
  },
  {
    group: 'webhooks',
    name: 'an updated webhook URL to a private address',
    request: (f) => json(UPDATE_HOOK, { input: { id: f.webhookEndpointId, url: 'http://192.168.1.1/admin' } }),
    expect: invalidField(['input', 'url'], /192\.168\.1\.1 is a private address/),
  },
  {
    group: 'webhooks',
    name: '1,000 events in one endpoint',
    request: () => hook('https://93.184.215.14/hook', Array(1000).fill('RENDER_FAILED')),
    expect: invalidField(['input', 'events'], /at most 6 events/),
  },
  {
    group: 'webhooks',
    name: '100,000 events in one endpoint',
    request: () => hook('https://93.184.215.14/hook', Array(100_000).fill('RENDER_FAILED')),
    expect: { outcome: 'error' },
  },
  {
    group: 'webhooks',
    name: 'an event named twice',
    request: () => hook('https://93.184.215.14/hook', ['RENDER_FAILED', 'RENDER_FAILED']),
    expect: invalidField(['input', 'events'], /more than once/),
  },
  {
    group: 'webhooks',
    name: 'no events',
    request: () => hook('https://93.184.215.14/hook', []),
    expect: invalidField(['input', 'events'], /at least one event/),
  },
  {
    group: 'webhooks',
    name: 'an event that does not exist',
    request: () => hook('https://93.184.215.14/hook', ['RENDER_STARTED']),
    expect: refused('"RENDER_STARTED"', '"WebhookEventType"'),
  },
  {
    group: 'webhooks',
    name: 'an event given by its wire name',
    request: () => hook('https://93.184.215.14/hook', ['render.failed']),
    expect: refused('"render.failed"', '"WebhookEventType"'),
  },
  {
    group: 'webhooks',
    name: 'a secret overlap of a year',
    request: (f) =>
      json(`mutation($id: ID!, $m: Int) { rotateWebhookSecret(id: $id, overlapMinutes: $m) { ${ERR} } }`, { id: f.webhookEndpointId, m: 525_600 }),
    expect: invalidField(['overlapMinutes'], /at most 10080 minutes/),
  },
  {
    group: 'webhooks',
    name: 'a negative secret overlap',
    request: (f) => json(`mutation($id: ID!, $m: Int) { rotateWebhookSecret(id: $id, overlapMinutes: $m) { ${ERR} } }`, { id: f.webhookEndpointId, m: -1 }),
    expect: invalidField(['overlapMinutes']),
  },
  {
    group: 'webhooks',
    name: 'an endpoint id to redeliverWebhook',
    request: (f) => json(`mutation($id: ID!) { redeliverWebhook(id: $id) { ${ERR} } }`, { id: f.webhookEndpointId }),
    expect: refused(/WebhookDelivery/),
  },
];

const wrongIds: CorpusCase[] = [
  { group: 'wrong id type', name: 'a Project id to moveScene', request: (f) => json(MOVE, { id: f.projectId, p: 0 }), expect: refused(/Scene/) },
  {
    group: 'wrong id type',
    name: 'a Scene id to cancelRender',
    request: (f) => json(`mutation($id: ID!) { cancelRender(id: $id) { ${ERR} } }`, { id: f.sceneId }),
    expect: refused(/Render/),
  },
  {
    group: 'wrong id type',
    name: 'a User id to revokeApiKey',
    request: (f) => json(`mutation($id: ID!) { revokeApiKey(id: $id) { ${ERR} } }`, { id: f.userId }),
    expect: refused(/ApiKey/),
  },
  {
    group: 'wrong id type',
    name: 'a Scene id as the asset to select',
    request: (f) => json(`mutation($s: ID!, $a: ID) { selectSceneAsset(sceneId: $s, assetId: $a) { ${ERR} } }`, { s: f.sceneId, a: f.otherSceneId }),
    expect: refused(/Asset/),
  },
  {
    group: 'wrong id type',
    name: 'an id given as an Int literal',
    request: () => json('{ node(id: 42) { id } }'),
    expect: refused('"42" is not a valid reelforge ID'),
  },
  {
    group: 'wrong id type',
    name: 'a well-formed Scene id of nobody',
    request: (f) => json(UPDATE_SCENE, { input: { id: b64('Scene:00000000-0000-4000-8000-000000000000'), version: f.sceneVersion, narration: 'x' } }),
    expect: { outcome: 'error', typename: 'NotFoundError', message: [`Scene ${b64('Scene:00000000-0000-4000-8000-000000000000')} was not found`] },
  },
  {
    group: 'wrong id type',
    name: 'the nil uuid as a Render id',
    request: () => json(`mutation { cancelRender(id: "${b64('Render:00000000-0000-0000-0000-000000000000')}") { ${ERR} } }`),
    expect: { outcome: 'error', typename: 'NotFoundError' },
  },
  {
    group: 'wrong id type',
    name: 'an id with SQL in it',
    request: () => json(NODE, { id: b64('Scene:\' OR 1=1; DROP TABLE "Scene"; --') }),
    expect: refused('is not a valid reelforge ID'),
  },
];

const cursors: CorpusCase[] = [
  {
    group: 'garbage cursor',
    name: 'emoji as a scene-assets cursor',
    request: (f) => json(`query($id: ID!) { node(id: $id) { ... on Scene { assets(after: "💥💥") { totalCount } } } }`, { id: f.sceneId }),
    expect: refused('Argument "after" is not a valid cursor: "💥💥"'),
  },
  {
    group: 'garbage cursor',
    name: 'a global id as a script-scenes cursor',
    request: (f) =>
      json(`query($id: ID!, $c: String) { node(id: $id) { ... on Script { scenes(last: 2, before: $c) { totalCount } } } }`, { id: f.scriptId, c: f.sceneId }),
    expect: refused('Argument "before" is not a valid cursor'),
  },
  {
    group: 'garbage cursor',
    name: 'a 1 MB cursor on the public feed, anonymously (shown cut short)',
    request: () => ({ ...json(`query($c: String) { reels(after: $c) { totalCount } }`, { c: 'Q'.repeat(1 << 20) }), anonymous: true }),
    expect: refused(/not a valid cursor: "Q{100}…"/),
  },
  {
    group: 'garbage cursor',
    name: 'a cursor holding an SQL fragment',
    request: () => json(`query($c: String) { viewer { apiKeys(after: $c) { totalCount } } }`, { c: b64("GPC:S:1' OR '1'='1") }),
    expect: refused('Argument "after" is not a valid cursor'),
  },
];

const pageSizes: CorpusCase[] = [
  {
    group: 'page size',
    name: 'first: -1 on a script’s scenes',
    request: (f) => json(`{ node(id: "${f.scriptId}") { ... on Script { scenes(first: -1) { totalCount } } } }`),
    expect: refused(/first/),
  },
  { group: 'page size', name: 'last: -100 on the API keys', request: () => json('{ viewer { apiKeys(last: -100) { totalCount } } }'), expect: refused(/last/) },
  {
    group: 'page size',
    name: 'first: 2^31 - 1 on renders (clamped)',
    request: (f) => json(`{ node(id: "${f.scriptId}") { ... on Script { renders(first: 2147483647) { totalCount edges { node { id } } } } } }`),
    expect: EITHER,
  },
  { group: 'page size', name: 'first: 2^31 (not an Int)', request: () => json('{ reels(first: 2147483648) { totalCount } }'), expect: refused(/32-bit/) },
  { group: 'page size', name: 'first: -2^31 on the feed', request: () => json('{ reels(first: -2147483648) { totalCount } }'), expect: refused(/first/) },
  { group: 'page size', name: 'first: 0 on projects', request: () => json('{ projects(first: 0) { totalCount edges { cursor } } }'), expect: EITHER },
  { group: 'page size', name: 'first and last together', request: () => json('{ projects(first: 5, last: 5) { totalCount } }'), expect: EITHER },
];

// Sign-in and sessions: the browser routes, ID tokens, session tokens and the session cookie.
const route = (path: string, headers: Record<string, string> = {}): RawRequest => ({ method: 'GET', path, headers, anonymous: true });
const routeRefused = (status: number, ...message: (string | RegExp)[]): Expectation => ({ outcome: 'error', status, message });
const enc = encodeURIComponent;
/** A sign-in cookie whose payload is well formed but whose signature is made up. */
const forgedSignIn = `${Buffer.from(JSON.stringify({ state: 'forged-state', codeVerifier: 'v', nonce: 'n', returnTo: '/', expiresAt: 4_102_444_800_000 })).toString('base64url')}.${'0'.repeat(32)}`;
const SIGN_IN_ID_TOKEN = `mutation($t: String!) { signInWithGoogleIdToken(idToken: $t) { ${ERR} } }`;
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const unsignedToken = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: 'https://accounts.google.com', aud: 'x', sub: '1', exp: 4_102_444_800 })}.`;
const SESSION_TOKEN = `rfs_${'A'.repeat(43)}`;

const signIn: CorpusCase[] = [
  ...[
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'evil.example',
    'http:/evil.example',
    `/${'a'.repeat(5000)}`,
  ].flatMap((returnTo): CorpusCase[] => [
    {
      group: 'sign-in',
      name: `/auth/google with returnTo ${JSON.stringify(returnTo.slice(0, 30))}`,
      request: () => route(`/auth/google?returnTo=${enc(returnTo)}`),
      expect: routeRefused(400, /returnTo/),
    },
    {
      group: 'sign-in',
      name: `/auth/demo with returnTo ${JSON.stringify(returnTo.slice(0, 30))}`,
      request: () => route(`/auth/demo?returnTo=${enc(returnTo)}`),
      expect: routeRefused(400, /returnTo/),
    },
  ]),
  {
    group: 'sign-in',
    name: 'a callback with a forged state and no sign-in cookie',
    request: () => route('/auth/google/callback?code=abc&state=forged'),
    expect: routeRefused(400, /not started in this browser/),
  },
  {
    group: 'sign-in',
    name: 'a callback with a forged, unsigned sign-in cookie',
    request: () => route('/auth/google/callback?code=abc&state=forged-state', { cookie: `rf_signin=${forgedSignIn}` }),
    expect: routeRefused(400, /tampered/),
  },
  {
    group: 'sign-in',
    name: 'a callback with a garbage sign-in cookie',
    request: () => route('/auth/google/callback?code=abc&state=x', { cookie: 'rf_signin=%%%' }),
    expect: routeRefused(400, /malformed/),
  },
  {
    group: 'sign-in',
    name: 'a callback with a 10 KB state',
    request: () => route(`/auth/google/callback?code=abc&state=${'s'.repeat(10_000)}`, { cookie: `rf_signin=${forgedSignIn}` }),
    expect: routeRefused(400, /Sign-in failed/),
  },
  {
    group: 'sign-in',
    name: 'a callback carrying an error from Google',
    request: () => route('/auth/google/callback?error=access_denied&state=x'),
    expect: routeRefused(400, /access_denied/),
  },
  {
    group: 'sign-in',
    name: 'a callback with an error of 5,000 characters (shown cut short)',
    request: () => route(`/auth/google/callback?error=${'e'.repeat(5000)}`),
    expect: routeRefused(400, /Google did not sign you in \(e{100}\)/),
  },
  {
    group: 'sign-in',
    name: 'a POST to /auth/google',
    request: () => ({ ...route('/auth/google'), method: 'POST', body: 'x' }),
    expect: routeRefused(405, /GET only/),
  },
  {
    group: 'sign-in',
    name: 'an ID token that is not a JWT',
    request: () => json(SIGN_IN_ID_TOKEN, { t: 'not-a-jwt' }),
    expect: { outcome: 'error', status: 200, typename: 'SignInError', message: [/not a well-formed signed JWT/] },
  },
  {
    group: 'sign-in',
    name: 'an unsigned ID token (alg none)',
    request: () => json(SIGN_IN_ID_TOKEN, { t: unsignedToken }),
    expect: { outcome: 'error', status: 200, typename: 'SignInError', message: [/not a well-formed signed JWT/] },
  },
  {
    group: 'sign-in',
    name: 'an ID token signed with a key Google does not publish',
    request: () => json(SIGN_IN_ID_TOKEN, { t: `${b64url({ alg: 'RS256', kid: 'nope' })}.${b64url({ sub: '1' })}.${'A'.repeat(342)}` }),
    expect: { outcome: 'error', status: 200, typename: 'SignInError', message: [/key Google does not publish|signature/] },
  },
  { group: 'sign-in', name: 'an empty ID token', request: () => json(SIGN_IN_ID_TOKEN, { t: '' }), expect: invalidField(['idToken'], /must not be empty/) },
  {
    group: 'sign-in',
    name: 'an ID token of 1 MB',
    request: () => json(SIGN_IN_ID_TOKEN, { t: 'e'.repeat(1 << 20) }),
    expect: invalidField(['idToken'], /8192/),
  },
  {
    group: 'sign-in',
    name: 'a null ID token',
    request: () => json(SIGN_IN_ID_TOKEN, { t: null }),
    expect: refused(/"\$t" of non-null type "String!" must not be null/),
  },
  {
    group: 'sign-in',
    name: 'revokeSession with a project id',
    request: (f) => json(`mutation($id: ID!) { revokeSession(id: $id) { ${ERR} } }`, { id: f.projectId }),
    expect: { outcome: 'error', status: 200, typename: 'NotFoundError' },
  },
  {
    group: 'sign-in',
    name: 'revokeSession with garbage',
    request: () => json(`mutation($id: ID!) { revokeSession(id: $id) { ${ERR} } }`, { id: 'rfs_not-an-id' }),
    expect: refused('is not a valid reelforge ID'),
  },
  {
    group: 'sign-in',
    name: 'an unknown session token as the bearer',
    request: () => ({ ...json('{ viewer { id } }'), headers: { 'content-type': 'application/json', authorization: `Bearer ${SESSION_TOKEN}` } }),
    expect: { outcome: 'error', status: 401, message: [/Session token is invalid, expired or revoked/] },
  },
  {
    group: 'sign-in',
    name: 'a session token cut short as the bearer',
    request: () => ({ ...json('{ viewer { id } }'), headers: { 'content-type': 'application/json', authorization: 'Bearer rfs_AAAA' } }),
    expect: { outcome: 'error', status: 401, message: [/Session token is invalid/] },
  },
  {
    group: 'sign-in',
    name: 'an unknown session cookie with the CSRF header',
    request: () => ({
      ...json('{ viewer { id } }'),
      anonymous: true,
      headers: { 'content-type': 'application/json', cookie: `rf_session=${SESSION_TOKEN}`, 'graphql-require-preflight': '1' },
    }),
    expect: { outcome: 'error', status: 401, message: [/Your session has ended/] },
  },
  {
    group: 'sign-in',
    name: 'a session cookie without the CSRF header (JSON POST)',
    request: () => ({
      ...json('mutation { signOut { __typename } }'),
      anonymous: true,
      headers: { 'content-type': 'application/json', cookie: `rf_session=${SESSION_TOKEN}` },
    }),
    expect: { outcome: 'error', status: 403, message: [/session cookie must send the graphql-require-preflight header/] },
  },
  {
    group: 'sign-in',
    name: 'a session cookie from another origin',
    request: () => ({
      ...json('{ viewer { id } }'),
      anonymous: true,
      headers: { 'content-type': 'application/json', cookie: `rf_session=${SESSION_TOKEN}`, 'graphql-require-preflight': '1', origin: 'https://evil.example' },
    }),
    expect: { outcome: 'error', status: 403, message: [/cannot be used from https:\/\/evil\.example/] },
  },
  {
    group: 'sign-in',
    name: 'an account-deletion status token of 100 KB',
    request: () => json('query($t: String!) { accountDeletion(statusToken: $t) { status } }', { t: 'x'.repeat(100_000) }),
    expect: EITHER,
  },
];

const PUBLISH = `mutation($input: PublishRenderInput!) { publishRender(input: $input) { ${ERR} } }`;
const publishing = (f: Fixture, extra: Record<string, unknown> = {}) => ({
  input: { renderId: f.renderId, channelId: f.channelId, title: 'A reel', privacy: 'PRIVATE', madeForKids: false, ...extra },
});
const CALLBACK = '/auth/youtube/callback';

const youtube: CorpusCase[] = [
  {
    group: 'publishing',
    name: 'a 10,000-character title',
    request: (f) => json(PUBLISH, publishing(f, { title: 'T'.repeat(10_000) })),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['input', 'title'], message: ['YouTube titles are at most 100 characters'] },
  },
  {
    group: 'publishing',
    name: 'a title of spaces',
    request: (f) => json(PUBLISH, publishing(f, { title: '     ' })),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['input', 'title'], message: ['must not be empty'] },
  },
  {
    group: 'publishing',
    name: 'markup in the title',
    request: (f) => json(PUBLISH, publishing(f, { title: '<script>alert(1)</script>' })),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['input', 'title'], message: [/must not contain "<" or ">"/] },
  },
  {
    group: 'publishing',
    name: 'a 1 MB description',
    request: (f) => json(PUBLISH, publishing(f, { description: 'd'.repeat(1 << 20) })),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['input', 'description'], message: ['at most 5,000 characters'] },
  },
  {
    group: 'publishing',
    name: '10,000 tags',
    request: (f) => json(PUBLISH, publishing(f, { tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) })),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['input', 'tags'], message: ['at most 100 tags'] },
  },
  {
    group: 'publishing',
    name: 'an empty tag',
    request: (f) => json(PUBLISH, publishing(f, { tags: ['ok', ''] })),
    expect: { outcome: 'error', typename: 'ValidationError', message: ['a tag must not be empty'] },
  },
  {
    group: 'publishing',
    name: 'madeForKids left out',
    request: (f) => json(PUBLISH, { input: { renderId: f.renderId, channelId: f.channelId, title: 'x', privacy: 'PRIVATE' } }),
    expect: refused(/madeForKids/),
  },
  {
    group: 'publishing',
    name: 'madeForKids as a string',
    request: (f) => json(PUBLISH, publishing(f, { madeForKids: 'no' })),
    expect: refused(/madeForKids/, /Boolean/),
  },
  {
    group: 'publishing',
    name: 'privacy FRIENDS_ONLY',
    request: (f) => json(PUBLISH, publishing(f, { privacy: 'FRIENDS_ONLY' })),
    expect: refused(/FRIENDS_ONLY/),
  },
  {
    group: 'publishing',
    name: 'publishAt that is not a date',
    request: (f) => json(PUBLISH, publishing(f, { publishAt: 'tomorrow' })),
    expect: refused('DateTime must be an ISO-8601 string'),
  },
  {
    group: 'publishing',
    name: 'publishAt in 1970',
    request: (f) => json(PUBLISH, publishing(f, { publishAt: '1970-01-01T00:00:00Z' })),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['publishAt'], message: ['at least a minute in the future'] },
  },
  {
    group: 'publishing',
    name: 'a render that has not succeeded',
    request: (f) => json(PUBLISH, publishing(f)),
    expect: {
      outcome: 'error',
      typename: 'ValidationError',
      fieldPath: ['renderId'],
      message: [/only a SUCCEEDED render can be published \(this one is QUEUED\)/],
    },
  },
  {
    group: 'publishing',
    name: 'a Scene id as the channel',
    request: (f) => json(PUBLISH, publishing(f, { channelId: f.sceneId })),
    expect: { outcome: 'error', typename: 'NotFoundError' },
  },
  {
    group: 'publishing',
    name: 'a channel id of nobody',
    request: (f) => json(PUBLISH, publishing(f, { channelId: b64('YouTubeChannel:00000000-0000-4000-8000-000000000000') })),
    expect: { outcome: 'error', typename: 'NotFoundError', message: [/YouTubeChannel .* was not found/] },
  },
  {
    group: 'publishing',
    name: 'retrying a publication of nobody',
    request: () => json(`mutation { retryPublication(id: "${b64('Publication:00000000-0000-4000-8000-000000000000')}") { ${ERR} } }`),
    expect: { outcome: 'error', typename: 'NotFoundError' },
  },
  {
    group: 'publishing',
    name: 'disconnecting a Render id',
    request: (f) => json(`mutation($id: ID!) { disconnectYouTube(channelId: $id) { ${ERR} } }`, { id: f.renderId }),
    expect: { outcome: 'error', typename: 'NotFoundError' },
  },
  {
    group: 'publishing',
    name: 'connectYouTube returning to another site',
    request: () => json(`mutation { connectYouTube(returnTo: "https://evil.example/") { ${ERR} } }`),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['returnTo'], message: ['not another site'] },
  },
  {
    group: 'publishing',
    name: 'connectYouTube returning to a protocol-relative URL',
    request: () => json(`mutation { connectYouTube(returnTo: "//evil.example/") { ${ERR} } }`),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['returnTo'] },
  },
  {
    group: 'publishing',
    name: 'connectYouTube with a 1 MB returnTo',
    request: () => json(`mutation($r: String) { connectYouTube(returnTo: $r) { ${ERR} } }`, { r: `/${'a'.repeat(1 << 20)}` }),
    expect: { outcome: 'error', typename: 'ValidationError', fieldPath: ['returnTo'] },
  },
  {
    group: 'OAuth callback',
    name: 'a forged state',
    request: () => ({ method: 'GET', path: CALLBACK, search: '?state=forged0123456789&code=4/abc', anonymous: true }),
    expect: { outcome: 'error', status: 400, text: /unknown, expired \(10 minutes\) or already used/ },
  },
  {
    group: 'OAuth callback',
    name: 'no state at all',
    request: () => ({ method: 'GET', path: CALLBACK, search: '?code=4/abc', anonymous: true }),
    expect: { outcome: 'error', status: 400, text: /carries no state/ },
  },
  {
    group: 'OAuth callback',
    name: 'a 5 KB state',
    request: () => ({ method: 'GET', path: CALLBACK, search: `?state=${'s'.repeat(5_000)}`, anonymous: true }),
    expect: { outcome: 'error', status: 400, text: /carries no state/ },
  },
  {
    group: 'OAuth callback',
    name: 'an error from Google with a forged state',
    request: () => ({ method: 'GET', path: CALLBACK, search: '?error=access_denied&state=forged', anonymous: true }),
    expect: { outcome: 'error', status: 400, text: /unknown, expired/ },
  },
  {
    group: 'OAuth callback',
    name: 'a POST to the callback',
    request: () => ({
      method: 'POST',
      path: CALLBACK,
      body: 'state=x&code=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      anonymous: true,
    }),
    expect: { outcome: 'error', status: 405, text: /Use GET/ },
  },
  {
    group: 'YouTube sandbox',
    name: 'an upload without a token',
    request: () => ({ method: 'POST', path: '/sandbox/youtube/upload/youtube/v3/videos', search: '?uploadType=resumable', body: '{}', anonymous: true }),
    expect: { outcome: 'error', status: 401, text: /a sandbox access token is required/ },
  },
  {
    group: 'YouTube sandbox',
    name: 'a forged sandbox token',
    request: () => ({
      method: 'PUT',
      path: '/sandbox/youtube/upload/youtube/v3/videos',
      search: '?upload_id=abcdefabcdefabcdef',
      headers: { authorization: `Bearer sbx.00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}` },
      body: 'x',
    }),
    expect: { outcome: 'error', status: 401, text: /authError/ },
  },
  {
    group: 'YouTube sandbox',
    name: 'a watch page of no video',
    request: () => ({ method: 'GET', path: '/sandbox/youtube/watch', search: '?v=../../etc', anonymous: true }),
    expect: { outcome: 'error', status: 404, text: /No such sandbox video/ },
  },
];

export const CORPUS: CorpusCase[] = [
  ...oversized,
  ...nulls,
  ...enums,
  ...scalars,
  ...deep,
  ...aliases,
  ...lists,
  ...batches,
  ...encoding,
  ...badJson,
  ...contentTypes,
  ...multiparts,
  ...variables,
  ...unknown,
  ...ssrf,
  ...webhooks,
  ...wrongIds,
  ...cursors,
  ...pageSizes,
  ...signIn,
  ...youtube,
];
