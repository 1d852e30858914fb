// A scene's AI image on demand (generateSceneImage): the real @google/genai SDK against a local fake
// Gemini server. Drawn, stored as a candidate and selected; the generator's outages and refusals come
// back typed with nothing stored. Unconfigured servers are in sceneAssets.test.ts (no key there).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, geminiError, imageAnswer, imagePart, makePng, type Reply, startFakeGemini } from './images/generate/fakeGeminiImage.js';

let reply: (n: number) => Reply = () => ({ status: 500, body: geminiError(500, 'not set up') });
const gemini = await startFakeGemini((_r, n) => reply(n));
Object.assign(process.env, { GEMINI_API_KEY: API_KEY, GEMINI_BASE_URL: gemini.url });

const { createUser, gqlOk, prisma, rawId } = await import('./helpers.js');
const { approvedScript } = await import('./renderHelpers.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;

const GENERATE = `mutation($sceneId: ID!, $prompt: String) { generateSceneImage(sceneId: $sceneId, prompt: $prompt) {
  __typename
  ... on GenerateSceneImageSuccess { data { id kind provider width height mime metadata } }
  ... on ProviderFailedError { message failures { provider reason } }
  ... on ValidationError { message fields { path message } }
  ... on NotFoundError { message } } }`;

let alice: TestUser;
let bob: TestUser;
let png: Buffer;

beforeAll(async () => {
  alice = await createUser('alice');
  bob = await createUser('bob');
  png = await makePng();
});
afterAll(() => gemini.close());
beforeEach(() => {
  gemini.requests.length = 0;
  reply = () => ({ status: 200, body: imageAnswer([imagePart(png)]) });
});

async function sceneOf(user: TestUser, aiImagePrompt: string | null, style: string | null = null) {
  const { scriptId, scenes } = await approvedScript(user, ['Honeybees dance to tell the hive where flowers are.']);
  const sceneId = scenes[0]!.id;
  await prisma.scene.update({ where: { id: rawId(sceneId) }, data: { aiImagePrompt } });
  await prisma.script.update({ where: { id: rawId(scriptId) }, data: { style } });
  return { scriptId, sceneId };
}

const sentPrompt = (i = 0) => gemini.requests[i]!.body.contents[0].parts[0].text as string;

describe('generateSceneImage', () => {
  it("draws the scene's AI prompt in the script's style, stores it, selects it and returns the script to DRAFT", async () => {
    const { scriptId, sceneId } = await sceneOf(alice, 'a honeybee dancing on a honeycomb', 'soft watercolour');
    const r = (await gqlOk(GENERATE, { sceneId }, alice.key)).generateSceneImage;
    expect(r.__typename).toBe('GenerateSceneImageSuccess');
    expect(r.data).toMatchObject({ kind: 'IMAGE', mime: 'image/jpeg', width: 720, height: 1280, provider: 'gemini:gemini-2.5-flash-image' });
    expect(r.data.metadata).toMatchObject({ prompt: 'a honeybee dancing on a honeycomb', style: 'soft watercolour', model: 'gemini-2.5-flash-image' });
    expect(gemini.requests).toHaveLength(1);
    expect(gemini.requests[0]!.path).toContain('/models/gemini-2.5-flash-image:generateContent');
    expect(gemini.requests[0]!.body.generationConfig.imageConfig).toEqual({ aspectRatio: '9:16' });
    expect(sentPrompt()).toContain('a honeybee dancing on a honeycomb');
    expect(sentPrompt()).toContain('Style: soft watercolour.');
    const scene = await prisma.scene.findUniqueOrThrow({ where: { id: rawId(sceneId) }, include: { script: true, assets: true } });
    expect(scene.selectedAssetId).toBe(rawId(r.data.id));
    expect(scene.script.status).toBe('DRAFT');
    expect(scene.assets.map((a) => a.id)).toEqual([rawId(r.data.id)]);
    expect(scene.assets[0]!.bytes).toBeGreaterThan(0);
    expect(rawId(scriptId)).toBe(scene.scriptId);
  });

  it('uses the prompt given instead of the scene’s, and says which field is missing when there is neither', async () => {
    const { sceneId } = await sceneOf(alice, 'a honeybee');
    const r = (await gqlOk(GENERATE, { sceneId, prompt: '  a wax cell full of nectar ' }, alice.key)).generateSceneImage;
    expect(r.data.metadata.prompt).toBe('a wax cell full of nectar');
    expect(sentPrompt()).toMatch(/^a wax cell full of nectar\n/);

    const bare = await sceneOf(alice, null);
    gemini.requests.length = 0;
    const none = (await gqlOk(GENERATE, { sceneId: bare.sceneId, prompt: '   ' }, alice.key)).generateSceneImage;
    expect(none.__typename).toBe('ValidationError');
    expect(none.fields).toEqual([{ path: ['prompt'], message: expect.stringMatching(/give a prompt/) }]);
    const long = (await gqlOk(GENERATE, { sceneId: bare.sceneId, prompt: 'x'.repeat(1001) }, alice.key)).generateSceneImage;
    expect(long.__typename).toBe('ValidationError');
    expect(long.fields[0].path).toEqual(['prompt']);
    const foreign = (await gqlOk(GENERATE, { sceneId, prompt: 'a bee' }, bob.key)).generateSceneImage;
    expect(foreign.__typename).toBe('NotFoundError');
    expect(gemini.requests).toHaveLength(0);
  });

  it('answers a ProviderFailedError and stores nothing when Gemini keeps failing with 5xx', async () => {
    const { sceneId } = await sceneOf(alice, 'a honeybee');
    reply = () => ({ status: 503, body: geminiError(503, 'The model is overloaded') });
    const r = (await gqlOk(GENERATE, { sceneId }, alice.key)).generateSceneImage;
    expect(r.__typename).toBe('ProviderFailedError');
    expect(r.message).toMatch(/HTTP 503/);
    expect(r.failures).toEqual([{ provider: 'gemini', reason: expect.stringMatching(/503/) }]);
    // Retried by the chain (two more tries), then given up.
    expect(gemini.requests).toHaveLength(3);
    expect(r.message).not.toContain(API_KEY);
    const scene = await prisma.scene.findUniqueOrThrow({ where: { id: rawId(sceneId) }, include: { assets: true, script: true } });
    expect(scene.assets).toEqual([]);
    expect(scene.selectedAssetId).toBeNull();
    expect(scene.script.status).toBe('APPROVED');
  }, 30_000);

  it('answers a ProviderFailedError naming the refusal, once, and stores nothing', async () => {
    const { sceneId } = await sceneOf(alice, 'something the model will not draw');
    reply = () => ({ status: 200, body: imageAnswer([{ text: 'I cannot draw that.' }], 'IMAGE_SAFETY') });
    const r = (await gqlOk(GENERATE, { sceneId }, alice.key)).generateSceneImage;
    expect(r.__typename).toBe('ProviderFailedError');
    expect(r.message).toMatch(/blocked \(finishReason IMAGE_SAFETY\)/);
    expect(gemini.requests).toHaveLength(1);
    expect(await prisma.asset.count({ where: { sceneId: rawId(sceneId) } })).toBe(0);
  });

  it('is offered: Query.capabilities says AI images are available', async () => {
    const r = await gqlOk('{ capabilities { imageSearch aiImages } }', {}, alice.key);
    expect(r.capabilities).toEqual({ imageSearch: false, aiImages: true });
  });
});
