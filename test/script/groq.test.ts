// The Groq writer through the real groq-sdk against a local fake chat completions endpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { isPermanentError, ProviderError } from '../../src/render/providers/errors.js';
import { isRetryableError } from '../../src/render/providers/retry.js';
import { createGroqWriter } from '../../src/render/script/groq.js';
import { GROQ_MAVERICK } from '../../src/render/script/models.js';
import { STYLES } from '../../src/render/script/prompt.js';
import { API_KEY, groqAnswer, groqError, startFake, validScript, type FakeServer, type Reply } from './fakeServers.js';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(reply: (n: number) => Reply) {
  fake = await startFake((_req, n) => reply(n));
  return { fake, writer: createGroqWriter({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 5_000 }) };
}

const story = { prompt: 'A fox who learns to fly', mode: 'STORY' as const, language: 'en', sceneCount: 5 };

describe('createGroqWriter', () => {
  it('writes a script with chat completions in JSON mode', async () => {
    const { fake, writer } = await serve(() => ({ status: 200, body: groqAnswer(JSON.stringify(validScript)) }));
    const out = await writer.write({ ...story, model: GROQ_MAVERICK });
    expect(out.model).toBe(GROQ_MAVERICK);
    expect(out.sources).toEqual([]);
    expect(out.script.scenes.map((s) => s.narration)).toEqual(validScript.scenes.map((s) => s.narration));
    expect(out.script.style).toBe(STYLES.STORY);

    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/openai/v1/chat/completions');
    expect(req!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req!.body.model).toBe(GROQ_MAVERICK);
    expect(req!.body.response_format).toEqual({ type: 'json_object' });
    expect(req!.body.messages.map((m: any) => m.role)).toEqual(['system', 'user']);
    expect(req!.body.messages[0].content).toMatch(/never dialogue/);
    expect(req!.body.messages[0].content).toContain('Write exactly 5 scenes');
    expect(req!.body.messages[0].content).toMatch(/JSON/); // Groq's JSON mode requires the word
    expect(req!.body.messages[1].content).toContain('A fox who learns to fly');
  });

  it('defaults to Maverick when no model is given', async () => {
    const { fake, writer } = await serve(() => ({ status: 200, body: groqAnswer(JSON.stringify(validScript)) }));
    expect((await writer.write(story)).model).toBe(GROQ_MAVERICK);
    expect(fake.requests[0]!.body.model).toBe(GROQ_MAVERICK);
  });

  it("repairs Groq's own json_validate_failed answer on the second call", async () => {
    const { fake, writer } = await serve((n) =>
      n === 0
        ? {
            status: 400,
            body: groqError('Failed to generate JSON. Please adjust your prompt.', 'invalid_request_error', {
              code: 'json_validate_failed',
              failed_generation: '{"title": "Fox", scenes: [',
            }),
          }
        : { status: 200, body: groqAnswer(JSON.stringify(validScript)) },
    );
    const out = await writer.write(story);
    expect(out.script.title).toBe(validScript.title);
    expect(fake.requests).toHaveLength(2);
    const messages = fake.requests[1]!.body.messages;
    expect(messages.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2].content).toBe('{"title": "Fox", scenes: [');
    expect(messages[3].content).toMatch(/invalid JSON/);
  });

  it('repairs a wrong shape, and fails clearly when the repair is wrong too', async () => {
    const wrong = JSON.stringify({ title: 'Fox', scenes: [{ text: 'no narration key' }] });
    const { fake, writer } = await serve(() => ({ status: 200, body: groqAnswer(wrong) }));
    const error = (await writer.write(story).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: `groq:${GROQ_MAVERICK}`, kind: 'malformed', retryable: false });
    expect(error.message).toContain(`groq:${GROQ_MAVERICK}`);
    expect(error.message).toContain('scenes.0.narration');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body.messages[3].content).toContain('scenes.0.narration');
  });

  it('maps statuses: 429/503 retryable, 401 permanent, the key never shows', async () => {
    for (const [code, retryable] of [
      [429, true],
      [503, true],
      [401, false],
      [403, false],
    ] as const) {
      const { writer } = await serve(() => ({ status: code, body: groqError(`Invalid API Key ${API_KEY}`) }));
      const error = (await writer.write(story).catch((e: unknown) => e)) as Error & { status?: number };
      expect(error).toBeInstanceOf(ProviderError);
      expect(isRetryableError(error)).toBe(retryable);
      expect(isPermanentError(error)).toBe(!retryable);
      expect(error.status).toBe(code);
      expect(error.message).toContain(`HTTP ${code}`);
      expect(error.message).not.toContain(API_KEY);
      // The SDK does not retry on its own: writeScript owns that.
      expect(fake!.requests).toHaveLength(1);
      await fake!.close();
      fake = undefined;
    }
  });

  it('a timeout is retryable', async () => {
    fake = await startFake(() => ({ hang: true }));
    const writer = createGroqWriter({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 150 });
    const error = (await writer.write(story).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toMatch(/timed out/);
    expect(fake.requests).toHaveLength(1);
  });
});
