// Scripts in other languages rendered end to end: espeak-ng speaks each with its language's voice
// (the audio is byte for byte what `espeak-ng -v hi` writes), and says so when it has to fall back.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStorage } from '../src/jobs/providers.js';
import { ESPEAK_SPEED_WPM } from '../src/render/voice/espeak.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createUser, gqlOk, prisma, rawId, type TestUser } from './helpers.js';
import { closeRenderInfra, enqueue, startWorkers, waitForRender, type RunningWorkers } from './renderHelpers.js';

const run = promisify(execFile);

const HINDI = ['भारत एक विशाल देश है।', 'यहाँ बहुत सी भाषाएँ बोली जाती हैं।'];
const ARABIC = ['القاهرة هي عاصمة مصر.', 'نهر النيل أطول نهر في العالم.'];

async function approvedScriptIn(user: TestUser, language: string | null, sentences: string[]) {
  const p = await gqlOk(
    `mutation { createProject(input: { title: "Languages", language: "en" }) { ... on CreateProjectSuccess { data { id } } } }`,
    {},
    user.key,
  );
  const s = await gqlOk(
    `mutation($input: CreateScriptInput!) { createScript(input: $input) { ... on CreateScriptSuccess { data { id language } } ... on Error { message } } }`,
    { input: { projectId: p.createProject.data.id, text: sentences.join(' '), ...(language ? { language } : {}) } },
    user.key,
  );
  const script = s.createScript.data;
  await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { ... on ApproveScriptSuccess { data { status } } } }`, { id: script.id }, user.key);
  return script as { id: string; language: string };
}

/** What espeak-ng itself writes for `text` with `voice`, as the provider calls it. */
async function espeakDirect(dir: string, voice: string, text: string): Promise<Buffer> {
  const out = join(dir, `${voice}-${Math.random().toString(36).slice(2)}.wav`);
  await run('bash', ['-c', `printf '%s' "$1" | espeak-ng -v "$2" -s ${ESPEAK_SPEED_WPM} -b 1 -w "$3" --stdin`, 'espeak', text, voice, out]);
  return readFile(out);
}

describe('scripts in other languages', () => {
  let alice: TestUser;
  let server: RunningServer;
  let workers: RunningWorkers | null = null;
  let dir: string;

  beforeAll(async () => {
    alice = await createUser('alice');
    server = await startServer(0, '127.0.0.1');
    dir = await mkdtemp(join(tmpdir(), 'reelforge-languages-'));
    workers = startWorkers(['media', 'voice', 'compose']);
  });

  afterAll(async () => {
    await closeRenderInfra(workers);
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function renderAndRead(scriptId: string) {
    const queued = await enqueue(alice, scriptId, { preset: 'ULTRAFAST', resolution: 'P480' });
    const render = await waitForRender(rawId(queued.id));
    expect(render.status, `${render.errorStage}: ${render.errorMessage}`).toBe('SUCCEEDED');
    const stages = await prisma.renderStage.findMany({ where: { renderId: render.id, name: { startsWith: 'voice:' } }, orderBy: { name: 'asc' } });
    const scenes = await prisma.renderedScene.findMany({ where: { renderId: render.id }, orderBy: { position: 'asc' }, include: { narrationAsset: true } });
    const audio = await Promise.all(
      scenes.map(async (s) => {
        const path = join(dir, `${s.id}.wav`);
        await getStorage().download(s.narrationAsset!.storageKey, path);
        return readFile(path);
      }),
    );
    return { stages, scenes, audio };
  }

  it("speaks a Hindi script's narration with espeak-ng's Hindi voice", { timeout: 120_000 }, async () => {
    const script = await approvedScriptIn(alice, 'hi', HINDI);
    expect(script.language).toBe('hi');
    const { stages, scenes, audio } = await renderAndRead(script.id);
    expect(scenes.map((s) => s.narration)).toEqual(HINDI);
    for (const [i, stage] of stages.entries()) {
      expect(stage.detail).toMatchObject({ provider: 'espeak-ng', voice: 'hi' });
      expect(stage.detail).not.toHaveProperty('voiceFallback');
      // The stored narration is exactly what the Hindi voice says, and not what the English one would.
      const hindi = await espeakDirect(dir, 'hi', HINDI[i]!);
      expect(audio[i]!.equals(hindi), `scene ${i} spoken with "hi"`).toBe(true);
      expect(audio[i]!.equals(await espeakDirect(dir, 'en-us', HINDI[i]!))).toBe(false);
    }
  });

  it('speaks Arabic text in an English-language script with the Arabic voice, and says why', { timeout: 120_000 }, async () => {
    const script = await approvedScriptIn(alice, null, ARABIC);
    expect(script.language).toBe('en');
    const { stages, audio } = await renderAndRead(script.id);
    for (const [i, stage] of stages.entries()) {
      expect(stage.detail).toMatchObject({
        voice: 'ar',
        voiceFallback: 'the "en-us" voice of language "en" does not read Arabic letters: spoken with "ar"',
      });
      expect(audio[i]!.equals(await espeakDirect(dir, 'ar', ARABIC[i]!))).toBe(true);
    }
  });

  it('falls back to English for a language espeak-ng has no voice for, naming it in the stage detail', { timeout: 120_000 }, async () => {
    const text = ['Kumusta ka na.', 'Maganda ang araw.'];
    const script = await approvedScriptIn(alice, 'tl', text);
    const { stages, audio } = await renderAndRead(script.id);
    for (const [i, stage] of stages.entries()) {
      expect(stage.detail).toMatchObject({ voice: 'en', voiceFallback: 'espeak-ng has no voice for language "tl": spoken with "en"' });
      expect(audio[i]!.equals(await espeakDirect(dir, 'en', text[i]!))).toBe(true);
    }
  });
});
