// generateScript end to end: the mutation, the `script` queue job with the real Gemini and Groq SDKs
// against local fake servers, the stored result, the live progress stream, failures and retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, geminiAnswer, geminiError, groqAnswer, groqError, startFake, validScript, type Reply } from './script/fakeServers.js';

// Replies are swapped per test; the servers live for the whole file.
let geminiReply: (n: number) => Reply = () => ({ status: 200, body: geminiAnswer(JSON.stringify(validScript)) });
let groqReply: (n: number) => Reply = () => ({ status: 200, body: groqAnswer(JSON.stringify(validScript)) });
const gemini = await startFake((_r, n) => geminiReply(n));
const groq = await startFake((_r, n) => groqReply(n));
process.env.GEMINI_API_KEY = API_KEY;
process.env.GEMINI_BASE_URL = gemini.url;
process.env.GROQ_API_KEY = API_KEY;
process.env.GROQ_BASE_URL = groq.url;

const { createUser, gql, gqlOk, prisma, rawId } = await import('./helpers.js');
const { closeRenderInfra, collect, startWorkers, wsClient } = await import('./renderHelpers.js');
const { startServer } = await import('../src/server.js');
const { getQueue } = await import('../src/jobs/queues.js');
const { STYLES } = await import('../src/render/script/prompt.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;

const GENERATE = `mutation($input: GenerateScriptInput!) { generateScript(input: $input) {
  __typename
  ... on GenerateScriptSuccess { data { id status title writerModel } }
  ... on ValidationError { message fields { path message } }
  ... on NotFoundError { message } } }`;
const PROGRESS = `subscription($id: ID!) { scriptProgress(scriptId: $id) { kind status writer message elapsedMs script { status } } }`;
const SCRIPT = `query($id: ID!) { node(id: $id) { ... on Script {
  status title writerModel style failureReason sources { title url }
  scenes(first: 20) { totalCount edges { node { narration imageQuery aiImagePrompt position } } } } } }`;

let alice: TestUser;
let bob: TestUser;
let projectId: string;
let server: Awaited<ReturnType<typeof startServer>>;
let workers: ReturnType<typeof startWorkers> | null = null;

async function generate(input: Record<string, unknown>, key = alice.key) {
  return (await gqlOk(GENERATE, { input: { projectId, ...input } }, key)).generateScript;
}

async function waitForScript(id: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await prisma.script.findUniqueOrThrow({ where: { id: rawId(id) } });
    if (s.status !== 'GENERATING') return s;
    if (Date.now() > until) throw new Error(`script ${id} still GENERATING after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  alice = await createUser('alice');
  bob = await createUser('bob');
  const p = await gqlOk(`mutation { createProject(input: { title: "Gen" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, alice.key);
  projectId = p.createProject.data.id;
  server = await startServer(0, '127.0.0.1');
});

afterAll(async () => {
  await closeRenderInfra(workers);
  await server.close();
  await Promise.all([gemini.close(), groq.close()]);
});

describe('generateScript before any worker runs', () => {
  it('refuses bad input with errors naming the field, storing nothing', async () => {
    const before = await prisma.script.count();
    const empty = await generate({ prompt: '   ' });
    expect(empty.__typename).toBe('ValidationError');
    expect(empty.fields[0].path).toEqual(['input', 'prompt']);
    const few = await generate({ prompt: 'Bees', sceneCount: 2 });
    expect(few.fields[0].path).toEqual(['input', 'sceneCount']);
    const many = await generate({ prompt: 'Bees', sceneCount: 11 });
    expect(many.fields[0].path).toEqual(['input', 'sceneCount']);
    const lang = await generate({ prompt: 'Bees', language: 'english please' });
    expect(lang.fields[0].path).toEqual(['input', 'language']);
    const long = await generate({ prompt: 'x'.repeat(4_001) });
    expect(long.fields[0].path).toEqual(['input', 'prompt']);
    const foreign = await generate({ prompt: 'Bees' }, bob.key);
    expect(foreign.__typename).toBe('NotFoundError');
    expect(await prisma.script.count()).toBe(before);
  });

  it('returns a GENERATING script at once that cannot be edited or approved until written', async () => {
    const s = await generate({ prompt: 'A short story about a lighthouse keeper and a storm', mode: 'STORY' });
    expect(s.__typename).toBe('GenerateScriptSuccess');
    expect(s.data).toMatchObject({ status: 'GENERATING', writerModel: 'pending', title: 'A short story about a lighthouse keeper and a storm' });
    const add = await gqlOk(
      `mutation($input: AddSceneInput!) { addScene(input: $input) { __typename ... on ValidationError { message } } }`,
      { input: { scriptId: s.data.id, narration: 'Sneaky.' } },
      alice.key,
    );
    expect(add.addScene.__typename).toBe('ValidationError');
    expect(add.addScene.message).toMatch(/still being generated/);
    const approve = await gqlOk(
      `mutation($id: ID!) { approveScript(id: $id) { __typename ... on ValidationError { message } } }`,
      { id: s.data.id },
      alice.key,
    );
    expect(approve.approveScript.message).toMatch(/still being generated/);
    expect(await prisma.scene.count({ where: { scriptId: rawId(s.data.id) } })).toBe(0);
    // It is written once workers start (next describe): keep its id.
    pendingStory = s.data.id;
  });
});

let pendingStory = '';

async function whilePaused<T>(fn: () => Promise<T>): Promise<T> {
  // The queue, not the worker: a worker's blocking fetch in flight would still take the job.
  await getQueue('script').pause();
  return fn();
}
/** Resumes once the subscription has had time to register (it subscribes before its snapshot). */
async function resumeSoon() {
  await new Promise((r) => setTimeout(r, 200));
  await getQueue('script').resume();
}

describe('with script workers', () => {
  beforeAll(() => {
    workers = startWorkers(['script']);
  });

  it('writes a short story with Groq Maverick, stored scene by scene', async () => {
    const s = await waitForScript(pendingStory);
    expect(s.status).toBe('DRAFT');
    expect(s.writerModel).toBe('groq:meta-llama/llama-4-maverick-17b-128e-instruct');
    const body = groq.requests.at(-1)!.body;
    expect(body.model).toBe('meta-llama/llama-4-maverick-17b-128e-instruct');
    expect(JSON.stringify(body.messages)).toContain('lighthouse keeper');
    const read = (await gqlOk(SCRIPT, { id: pendingStory }, alice.key)).node;
    expect(read.title).toBe(validScript.title);
    expect(read.style).toBe(STYLES.STORY);
    expect(read.scenes.totalCount).toBe(3);
    expect(read.scenes.edges.map((e: any) => e.node.position)).toEqual([0, 1, 2]);
    expect(read.scenes.edges[0].node.imageQuery).toBe(validScript.scenes[0]!.imageQuery);
    expect(read.scenes.edges[1].node.aiImagePrompt).toContain('paper cranes');
    // Now an ordinary draft: edits work.
    const add = await gqlOk(
      `mutation($input: AddSceneInput!) { addScene(input: $input) { __typename } }`,
      { input: { scriptId: pendingStory, narration: 'And the storm passed.' } },
      alice.key,
    );
    expect(add.addScene.__typename).toBe('AddSceneSuccess');
  });

  it('writes NEWS with grounded Gemini, storing the sources, and streams progress to the end', async () => {
    geminiReply = () => ({
      status: 200,
      body: geminiAnswer(JSON.stringify(validScript), [
        { uri: 'https://www.nobelprize.org/prizes/peace/2024/summary/', title: 'nobelprize.org' },
        { uri: 'https://apnews.com/article/nobel-peace', title: 'AP News' },
      ]),
    });
    const client = wsClient(server.url.replace('http', 'ws'), alice.key);
    try {
      // Paused, so the subscription sees the job from its start.
      const s = await whilePaused(() => generate({ prompt: 'Who won the Nobel Peace Prize this year?', mode: 'NEWS', sceneCount: 5 }));
      const progress = collect(client, PROGRESS, { id: s.data.id });
      await resumeSoon();
      await progress.done;
      expect(progress.errors).toEqual([]);
      const events = progress.events as any[];
      const kinds = events.map((e: any) => e.scriptProgress.kind);
      expect(kinds[0]).toBe('SNAPSHOT');
      expect(kinds.at(-1)).toBe('SCRIPT_STATUS');
      const last = events.at(-1).scriptProgress;
      expect(last).toMatchObject({ status: 'DRAFT', writer: 'gemini:gemini-2.5-flash+search', script: { status: 'DRAFT' } });
      expect(last.elapsedMs).toBeGreaterThanOrEqual(0);
      const read = (await gqlOk(SCRIPT, { id: s.data.id }, alice.key)).node;
      expect(read.sources).toEqual([
        { title: 'nobelprize.org', url: 'https://www.nobelprize.org/prizes/peace/2024/summary/' },
        { title: 'AP News', url: 'https://apnews.com/article/nobel-peace' },
      ]);
      const request = gemini.requests.at(-1)!;
      expect(request.path).toContain('gemini-2.5-flash:generateContent');
      expect(request.body.tools).toEqual([{ googleSearch: {} }]);
    } finally {
      await client.dispose();
    }
  });

  it('retries a rate-limited writer and says so on the stream', async () => {
    const first = gemini.requests.length;
    geminiReply = (n) => (n === first ? { status: 429, body: geminiError(429, 'quota') } : { status: 200, body: geminiAnswer(JSON.stringify(validScript)) });
    const client = wsClient(server.url.replace('http', 'ws'), alice.key);
    try {
      const s = await whilePaused(() => generate({ prompt: 'Explain how tides work', mode: 'EXPLAINER' }));
      const progress = collect(client, PROGRESS, { id: s.data.id });
      await resumeSoon();
      await progress.done;
      expect(progress.errors).toEqual([]);
      const events = progress.events as any[];
      const retry = events.find((e: any) => e.scriptProgress.kind === 'RETRYING')?.scriptProgress;
      expect(retry).toMatchObject({ writer: 'gemini:gemini-2.5-flash', status: 'GENERATING' });
      expect(retry.message).toMatch(/429/);
      expect(events.at(-1)!.scriptProgress).toMatchObject({ kind: 'SCRIPT_STATUS', status: 'DRAFT', writer: 'gemini:gemini-2.5-flash' });
    } finally {
      await client.dispose();
    }
  });

  it('falls back to the next writer when one fails for good', async () => {
    geminiReply = () => ({ status: 403, body: geminiError(403, `API key ${API_KEY} not valid`) });
    const s = await generate({ prompt: 'Explain photosynthesis simply', mode: 'EXPLAINER' });
    const done = await waitForScript(s.data.id);
    expect(done.status).toBe('DRAFT');
    expect(done.writerModel).toBe(`groq:meta-llama/llama-4-maverick-17b-128e-instruct`);
    const generation = done.generation as { failures: { writer: string; reason: string }[] };
    expect(generation.failures).toHaveLength(1);
    expect(generation.failures[0]!.writer).toBe('gemini:gemini-2.5-flash');
    expect(generation.failures[0]!.reason).toMatch(/403/);
    expect(JSON.stringify(done)).not.toContain(API_KEY);
  });

  it('ends FAILED naming every writer when all fail, keeps keys out, and can be retried', async () => {
    geminiReply = () => ({ status: 401, body: geminiError(401, `bad key ${API_KEY}`) });
    groqReply = () => ({ status: 401, body: groqError(`Invalid API Key ${API_KEY}`, 'invalid_request_error', { code: 'invalid_api_key' }) });
    const s = await generate({ prompt: 'Explain volcanoes', mode: 'EXPLAINER' });
    const failed = await waitForScript(s.data.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/gemini:gemini-2\.5-flash.*401/);
    expect(failed.failureReason).toMatch(/groq:meta-llama.*401/);
    expect(failed.failureReason).not.toContain(API_KEY);
    const read = (await gqlOk(SCRIPT, { id: s.data.id }, alice.key)).node;
    expect(read.status).toBe('FAILED');
    expect(read.failureReason).toBe(failed.failureReason);
    expect(read.scenes.totalCount).toBe(0);
    // Others see nothing of it.
    expect((await gqlOk(SCRIPT, { id: s.data.id }, bob.key)).node).toBeNull();

    // A subscriber arriving late gets the final state and the stream ends.
    const client = wsClient(server.url.replace('http', 'ws'), alice.key);
    try {
      const progress = collect(client, PROGRESS, { id: s.data.id });
      await progress.done;
      expect(progress.errors).toEqual([]);
      const events = progress.events as any[];
      expect(events.map((e: any) => e.scriptProgress.kind)).toEqual(['SNAPSHOT']);
      expect(events[0].scriptProgress).toMatchObject({ status: 'FAILED', message: failed.failureReason });
    } finally {
      await client.dispose();
    }

    geminiReply = () => ({ status: 200, body: geminiAnswer(JSON.stringify(validScript)) });
    const retried = await gqlOk(
      `mutation($id: ID!) { retryScriptGeneration(id: $id) { __typename ... on RetryScriptGenerationSuccess { data { status } } } }`,
      { id: s.data.id },
      alice.key,
    );
    expect(retried.retryScriptGeneration.data.status).toBe('GENERATING');
    const done = await waitForScript(s.data.id);
    expect(done.status).toBe('DRAFT');
    expect(done.failureReason).toBeNull();
    expect(await prisma.scene.count({ where: { scriptId: done.id } })).toBe(3);
    // A written script is not retried.
    const again = await gqlOk(
      `mutation($id: ID!) { retryScriptGeneration(id: $id) { __typename ... on ValidationError { message } } }`,
      { id: s.data.id },
      alice.key,
    );
    expect(again.retryScriptGeneration.message).toMatch(/only a FAILED/);
  });

  it('fails clearly when the model keeps answering something that is not a script', async () => {
    geminiReply = () => ({ status: 200, body: geminiAnswer('Sure! Here is a lovely script about owls.') });
    groqReply = () => ({ status: 200, body: groqAnswer('{"title": "Owls"}') });
    const s = await generate({ prompt: 'Explain how owls fly silently', mode: 'EXPLAINER' });
    const failed = await waitForScript(s.data.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/no JSON object|wrong shape/);
    expect(await prisma.scene.count({ where: { scriptId: failed.id } })).toBe(0);
  });
});

it('errors on the subscription of a script that is not yours', async () => {
  const s = await gqlOk(
    `mutation($input: CreateScriptInput!) { createScript(input: $input) { ... on CreateScriptSuccess { data { id } } } }`,
    { input: { projectId, text: 'One. Two.' } },
    alice.key,
  );
  const r = await gql(`subscription($id: ID!) { scriptProgress(scriptId: $id) { kind } }`, { id: s.createScript.data.id }, bob.key);
  expect(JSON.stringify(r)).toMatch(/NOT_FOUND|not found/i);
});
