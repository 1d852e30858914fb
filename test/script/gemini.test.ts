// The Gemini writer through the real @google/genai SDK against a local fake generateContent.
import { afterEach, describe, expect, it } from 'vitest';
import { isPermanentError, ProviderError } from '../../src/render/providers/errors.js';
import { isRetryableError } from '../../src/render/providers/retry.js';
import { createGeminiWriter } from '../../src/render/script/gemini.js';
import { STYLES } from '../../src/render/script/prompt.js';
import { API_KEY, geminiAnswer, geminiError, startFake, validScript, type FakeServer, type Reply } from './fakeServers.js';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(reply: (n: number) => Reply) {
  fake = await startFake((_req, n) => reply(n));
  return { fake, writer: createGeminiWriter({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 5_000 }) };
}

const news = { prompt: 'Who won the Nobel Peace Prize this year?', mode: 'NEWS' as const, language: 'en', sceneCount: 6 };
const chunks = [
  { uri: 'https://example.org/nobel', title: 'nobelprize.org' },
  { uri: 'https://example.org/news', title: 'Example News' },
  { uri: 'https://example.org/nobel', title: 'nobelprize.org' },
];
const textOf = (body: any) => JSON.stringify(body);

describe('createGeminiWriter', () => {
  it('writes a grounded NEWS script: search tool, no JSON mode, sources from groundingChunks', async () => {
    const { fake, writer } = await serve(() => ({
      status: 200,
      body: geminiAnswer(`Here you go:\n\`\`\`json\n${JSON.stringify(validScript)}\n\`\`\``, chunks),
    }));
    const out = await writer.write({ ...news, model: 'gemini-2.5-flash' });

    expect(out.model).toBe('gemini-2.5-flash');
    expect(out.script.title).toBe(validScript.title);
    expect(out.script.scenes).toHaveLength(3);
    expect(out.script.scenes[0]!.imageQuery).toBe(validScript.scenes[0]!.imageQuery);
    // The writer's shared style wins, and every illustration carries it.
    expect(out.script.style).toBe(STYLES.NEWS);
    expect(out.script.scenes[1]!.aiImagePrompt).toBe(`paper cranes over a city, ${STYLES.NEWS}`);
    expect(out.sources).toEqual([
      { title: 'nobelprize.org', url: 'https://example.org/nobel' },
      { title: 'Example News', url: 'https://example.org/news' },
    ]);

    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(req!.headers['x-goog-api-key']).toBe(API_KEY);
    expect(req!.body.tools).toEqual([{ googleSearch: {} }]);
    expect(req!.body.generationConfig?.responseMimeType).toBeUndefined();
    expect(textOf(req!.body.systemInstruction)).toContain('imageQuery');
    expect(textOf(req!.body.systemInstruction)).toContain('Write exactly 6 scenes');
    expect(textOf(req!.body.contents)).toContain('Who won the Nobel Peace Prize this year?');
  });

  it('uses JSON mode without search when not grounded', async () => {
    const { fake, writer } = await serve(() => ({ status: 200, body: geminiAnswer(JSON.stringify(validScript)) }));
    const out = await writer.write({ prompt: 'How tides work', mode: 'EXPLAINER', language: 'en', sceneCount: 6, model: 'gemini-2.5-pro' });
    expect(out.model).toBe('gemini-2.5-pro');
    expect(out.sources).toEqual([]);
    expect(fake.requests[0]!.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(fake.requests[0]!.body.generationConfig.responseMimeType).toBe('application/json');
    expect(fake.requests[0]!.body.tools).toBeUndefined();
  });

  it('repairs malformed JSON with one follow-up that shows the bad answer and the error', async () => {
    const { fake, writer } = await serve((n) => ({
      status: 200,
      body: n === 0 ? geminiAnswer('{"title": "Nobel", "scenes": [{"narration": "x",}', chunks) : geminiAnswer(JSON.stringify(validScript)),
    }));
    const out = await writer.write(news);
    expect(out.script.title).toBe(validScript.title);
    // Sources come from the grounded first answer.
    expect(out.sources.map((s) => s.url)).toEqual(['https://example.org/nobel', 'https://example.org/news']);
    expect(fake.requests).toHaveLength(2);
    const repair = fake.requests[1]!.body;
    expect(repair.contents.map((c: any) => c.role)).toEqual(['user', 'model', 'user']);
    expect(repair.contents[1].parts[0].text).toContain('"narration": "x",');
    expect(repair.contents[2].parts[0].text).toMatch(/invalid JSON/);
    // The repair reformats: JSON mode, no second search.
    expect(repair.generationConfig.responseMimeType).toBe('application/json');
    expect(repair.tools).toBeUndefined();
  });

  it('fails clearly when the repaired answer is still not a script', async () => {
    const { fake, writer } = await serve((n) => ({
      status: 200,
      body: geminiAnswer(n === 0 ? 'Sorry, I cannot.' : JSON.stringify({ title: 'T', scenes: [] })),
    }));
    const error = await writer.write(news).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'malformed', retryable: false });
    expect(isPermanentError(error)).toBe(true);
    expect((error as Error).message).toMatch(/not a valid script, even after a repair request/);
    expect((error as Error).message).toContain('no JSON object found');
    expect((error as Error).message).toMatch(/scenes: .*1 items/);
    expect(fake.requests).toHaveLength(2);
  });

  it('429 and 500 are retryable with their status; 400/401/403 are permanent; the key never shows', async () => {
    for (const [code, Retryable] of [
      [429, true],
      [500, true],
      [400, false],
      [401, false],
      [403, false],
    ] as const) {
      const { writer } = await serve(() => ({ status: code, body: geminiError(code, `API key ${API_KEY} rejected`) }));
      const error = (await writer.write(news).catch((e: unknown) => e)) as Error & { status?: number };
      expect(error).toBeInstanceOf(ProviderError);
      expect(isRetryableError(error)).toBe(Retryable);
      expect(isPermanentError(error)).toBe(!Retryable);
      expect(error.status).toBe(code);
      expect(error.message).toContain(`HTTP ${code}`);
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain(API_KEY);
      expect(String(error.stack)).not.toContain(API_KEY);
      await fake!.close();
      fake = undefined;
    }
  });

  it('a timeout is retryable', async () => {
    fake = await startFake(() => ({ hang: true }));
    const writer = createGeminiWriter({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 150 });
    const error = (await writer.write(news).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toMatch(/timed out/);
    expect(error.message).not.toContain(API_KEY);
  });
});
