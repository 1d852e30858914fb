// A reel from a topic with every real provider, each through its real SDK (or HTTP API) against a
// local fake: Gemini writes a grounded script and draws an illustration, Google CSE finds a photo
// on a local image host, ElevenLabs speaks with character timings. The subtitles burned into the
// reel follow ElevenLabs' timings.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiAnswer, startFake } from './script/fakeServers.js';
import { CSE_CX, CSE_KEY, cseBody, startFakeApi, startImageHost } from './images/search/fakeSearch.js';
import { imageAnswer, imagePart, makePng } from './images/generate/fakeGeminiImage.js';
import { evenAlignment, makeMp3 } from './voice/fakeElevenLabs.js';

const GEMINI_KEY = 'gem-key-SECRET-2b8d41';
const ELEVEN_KEY = 'sk_eleven_SECRET_77aa01';

const SCRIPT = {
  title: 'The 2026 Lighthouse Prize',
  scenes: [
    { narration: 'The prize went to Ada Keeper.', imageQuery: 'Ada Keeper lighthouse prize ceremony' },
    { narration: 'Her lamp guided ships for forty years.', aiImagePrompt: 'a lighthouse beam over a stormy sea at night' },
    { narration: 'The harbour threw her a party.' },
  ],
};

const png = await makePng(768, 1344);
const gemini = await startFake((req) => {
  if (req.path.includes('gemini-2.5-flash-image')) return { status: 200, body: imageAnswer([imagePart(png)]) };
  return { status: 200, body: geminiAnswer(JSON.stringify(SCRIPT), [{ uri: 'https://news.example.org/prize', title: 'Prize news' }]) };
});
const host = await startImageHost();
const cse = await startFakeApi(() => ({
  status: 200,
  json: cseBody([
    { image: host.url('/landscape.jpg'), page: 'https://example.org/wide', title: 'harbour panorama', width: 1600, height: 900 },
    { image: host.url('/portrait.jpg'), page: 'https://example.org/ada', title: 'Ada Keeper receives the lighthouse prize', width: 1080, height: 1920 },
    { image: host.url('/to-private.jpg'), page: 'https://example.org/sneaky', title: 'Ada Keeper prize', width: 1080, height: 1920 },
  ]),
}));
const mp3 = await readFile(await makeMp3(tmpdir()));
// ElevenLabs with-timestamps: the alignment of whatever text was asked for, characters 60 ms apart.
const elevenRequests: { text: string; path: string }[] = [];
let elevenDown = false;
const eleven = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const body = JSON.parse(raw || '{}') as { text?: string };
    elevenRequests.push({ text: body.text ?? '', path: req.url ?? '' });
    if (elevenDown) {
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ detail: { status: 'service_unavailable', message: 'down' } }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ audio_base64: mp3.toString('base64'), alignment: evenAlignment(body.text ?? '', 0.1, 0.06, 0.05) }));
  });
});
await new Promise<void>((r) => eleven.listen(0, '127.0.0.1', r));

Object.assign(process.env, {
  GEMINI_API_KEY: GEMINI_KEY,
  GEMINI_BASE_URL: gemini.url,
  GOOGLE_CSE_API_KEY: CSE_KEY,
  GOOGLE_CSE_CX: CSE_CX,
  GOOGLE_CSE_BASE_URL: cse.url,
  ELEVENLABS_API_KEY: ELEVEN_KEY,
  ELEVENLABS_BASE_URL: `http://127.0.0.1:${(eleven.address() as AddressInfo).port}`,
  DOWNLOAD_ALLOW_LOOPBACK: 'true',
});

const { createUser, gqlOk, prisma, rawId } = await import('./helpers.js');
const { approvedScript, closeRenderInfra, enqueue, startWorkers, waitForRender } = await import('./renderHelpers.js');
const { getStorage } = await import('../src/jobs/providers.js');

let workers: ReturnType<typeof startWorkers> | null = null;

beforeAll(() => {
  workers = startWorkers(['script', 'media', 'voice', 'compose']);
});
afterAll(async () => {
  await closeRenderInfra(workers);
  await Promise.all([gemini.close(), host.close(), cse.close(), new Promise((r) => eleven.close(r))]);
});

/** Start times (seconds) of the highlighted words of an ASS file's Dialogue lines. */
function dialogueStarts(ass: string): number[] {
  return [...ass.matchAll(/^Dialogue: \d+,(\d+):(\d\d):(\d\d)\.(\d\d),/gm)].map(
    (m) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 100,
  );
}

describe('a reel from a topic with real providers (local fakes)', () => {
  it('writes, finds, draws, speaks and renders; every provider is recorded', { timeout: 120_000 }, async () => {
    const user = await createUser('real');
    const p = await gqlOk(`mutation { createProject(input: { title: "News" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, user.key);
    const g = await gqlOk(
      `mutation($input: GenerateScriptInput!) { generateScript(input: $input) { ... on GenerateScriptSuccess { data { id } } } }`,
      { input: { projectId: p.createProject.data.id, prompt: 'Who won the Lighthouse Prize this year?', mode: 'NEWS', sceneCount: 4 } },
      user.key,
    );
    const scriptId = g.generateScript.data.id as string;
    for (let i = 0; i < 200; i++) {
      const s = await prisma.script.findUniqueOrThrow({ where: { id: rawId(scriptId) } });
      if (s.status !== 'GENERATING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const script = await prisma.script.findUniqueOrThrow({ where: { id: rawId(scriptId) }, include: { scenes: { orderBy: { position: 'asc' } } } });
    expect(script.status).toBe('DRAFT');
    expect(script.writerModel).toBe('gemini:gemini-2.5-flash+search');
    expect(script.sources).toEqual([{ title: 'Prize news', url: 'https://news.example.org/prize' }]);
    await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id: scriptId }, user.key);

    const render = await enqueue(user, scriptId, { subtitleStyle: 'WORD' });
    const done = await waitForRender(rawId(render.id));
    expect(done.status).toBe('SUCCEEDED');

    const stages = await prisma.renderStage.findMany({ where: { renderId: rawId(render.id) } });
    const detail = (name: string) => stages.find((s) => s.name === name)!.detail as Record<string, any>;
    // Scene 0: Google CSE, the portrait ranked first; the redirect to 10.x refused and skipped.
    expect(detail('media:0').provider).toBe('google-cse+fit');
    expect(detail('media:0').search).toMatchObject({ provider: 'google-cse', candidates: 2 });
    const [s0, s1, s2] = script.scenes;
    const s0Scene = await prisma.scene.findUniqueOrThrow({ where: { id: s0!.id }, include: { selectedAsset: true, assets: true } });
    expect(s0Scene.selectedAsset!.provider).toBe('google-cse');
    expect((s0Scene.selectedAsset!.metadata as any).originalUrl).toBe(host.url('/portrait.jpg'));
    expect((s0Scene.selectedAsset!.metadata as any).sourcePage).toBe('https://example.org/ada');
    expect(host.requests.some((r) => r.path === '/to-private.jpg')).toBe(true);
    expect(s0Scene.assets.some((a) => (a.metadata as any).originalUrl === host.url('/to-private.jpg'))).toBe(false);
    // Scene 1: Gemini image from its prompt and the script's style.
    expect(detail('media:1').provider).toBe('gemini:gemini-2.5-flash-image+fit');
    const imageRequest = gemini.requests.find((r) => r.path.includes('gemini-2.5-flash-image'))!;
    const promptText = JSON.stringify(imageRequest.body.contents);
    expect(promptText).toContain('lighthouse beam over a stormy sea');
    expect(promptText).toContain(script.style!.slice(0, 30));
    expect(imageRequest.body.generationConfig.imageConfig).toEqual({ aspectRatio: '9:16' });
    // Scene 2: no query or prompt → a drawn card.
    expect(detail('media:2').provider).toBe('card');
    expect(s1 && s2).toBeTruthy();

    // Voice: ElevenLabs, one call per scene, timings from its alignment.
    expect(elevenRequests.map((r) => r.text).sort()).toEqual(script.scenes.map((s) => s.narration).sort());
    const voice0 = await prisma.asset.findFirstOrThrow({ where: { sceneId: s0!.id, kind: 'AUDIO' } });
    expect(voice0.provider).toMatch(/^elevenlabs/);
    const words = (voice0.metadata as { words: { word: string; startMs: number; endMs: number }[]; timingSource: string }).words;
    expect((voice0.metadata as any).timingSource).not.toBe('estimated');
    // "The prize went…": "prize" starts at character 4 → 0.1 + 4 × 0.06 s.
    expect(words.map((w) => w.word)).toEqual(['The', 'prize', 'went', 'to', 'Ada', 'Keeper.']);
    expect(words[1]!.startMs).toBe(Math.round((0.1 + 4 * 0.06) * 1000));

    // The subtitles burned into scene 0's segment start each word where ElevenLabs said.
    const ass = (await readFile(await downloadTo(detail('segment:0').subtitlesKey))).toString('utf8');
    const starts = dialogueStarts(ass);
    expect(starts.length).toBeGreaterThanOrEqual(words.length);
    for (const w of words) expect(starts.some((s) => Math.abs(s - w.startMs / 1000) <= 0.011)).toBe(true);

    // No key anywhere in what was stored.
    const everything = JSON.stringify([await prisma.script.findMany(), await prisma.asset.findMany(), stages]);
    for (const key of [GEMINI_KEY, CSE_KEY, ELEVEN_KEY]) expect(everything).not.toContain(key);
  });
});

describe('voice fallback and the narration cache', () => {
  it('does not reuse what the fallback spoke once ElevenLabs is back, then reuses ElevenLabs audio', { timeout: 120_000 }, async () => {
    const user = await createUser('cache');
    const { scriptId, scenes } = await approvedScript(user, ['Gulls circle the old harbour.', 'The lamp turns all night.']);
    const voiceDetails = async (renderId: string) =>
      (await prisma.renderStage.findMany({ where: { renderId, name: { startsWith: 'voice:' } }, orderBy: { name: 'asc' } })).map(
        (s) => s.detail as { reused: boolean; provider: string; fallback?: boolean },
      );

    elevenDown = true;
    const outage = await enqueue(user, scriptId);
    expect((await waitForRender(rawId(outage.id))).status).toBe('SUCCEEDED');
    for (const d of await voiceDetails(rawId(outage.id))) expect(d).toMatchObject({ reused: false, provider: 'espeak-ng', fallback: true });

    elevenDown = false;
    const back = await enqueue(user, scriptId);
    expect((await waitForRender(rawId(back.id))).status).toBe('SUCCEEDED');
    for (const d of await voiceDetails(rawId(back.id))) expect(d).toMatchObject({ reused: false, provider: 'elevenlabs', fallback: false });

    const again = await enqueue(user, scriptId);
    expect((await waitForRender(rawId(again.id))).status).toBe('SUCCEEDED');
    for (const d of await voiceDetails(rawId(again.id))) expect(d).toMatchObject({ reused: true, provider: 'elevenlabs' });
    // One audio asset per provider per scene, not one per render.
    const audio = await prisma.asset.findMany({ where: { sceneId: rawId(scenes[0]!.id), kind: 'AUDIO' } });
    expect(audio.map((a) => a.provider).sort()).toEqual(['elevenlabs', 'espeak-ng']);
  });
});

async function downloadTo(key: string): Promise<string> {
  const out = join(tmpdir(), `sub-${Date.now()}.ass`);
  await getStorage().download(key, out);
  return out;
}
