// The writer chain: retries with backoff, fallback to the next writer, the offline path, and one
// error naming every writer when all fail. Real SDKs against local fake servers.
import { afterEach, describe, expect, it } from 'vitest';
import { splitScript } from '../../src/render/script/splitScript.js';
import { isPermanentError, ProviderChainError, ProviderError } from '../../src/render/providers/errors.js';
import { isRetryableError } from '../../src/render/providers/retry.js';
import { createGeminiWriter } from '../../src/render/script/gemini.js';
import { createGroqWriter } from '../../src/render/script/groq.js';
import { chooseWriters, GEMINI_FLASH, GROQ_MAVERICK } from '../../src/render/script/models.js';
import { buildWriterChain } from '../../src/render/script/writerChain.js';
import { writeScript, writerFailure } from '../../src/render/script/writeScript.js';
import { API_KEY, geminiAnswer, geminiError, groqAnswer, groqError, startFake, validScript, type FakeServer, type Reply } from './fakeServers.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fakeGemini(reply: (n: number) => Reply) {
  const server = await startFake((_req, n) => reply(n));
  servers.push(server);
  return { server, writer: createGeminiWriter({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 5_000 }) };
}
async function fakeGroq(reply: (n: number) => Reply) {
  const server = await startFake((_req, n) => reply(n));
  servers.push(server);
  return { server, writer: createGroqWriter({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 5_000 }) };
}

/** Records the backoff delays instead of waiting. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

const explainer = { prompt: 'How do tides work?', mode: 'EXPLAINER' as const };
const available = { gemini: true, groq: true };

describe('writeScript', () => {
  it('serves a NEWS request from grounded Gemini Flash, chosen by the table', async () => {
    const gemini = await fakeGemini(() => ({
      status: 200,
      body: geminiAnswer(JSON.stringify(validScript), [{ uri: 'https://example.org/a', title: 'A' }]),
    }));
    const groq = await fakeGroq(() => ({ status: 200, body: groqAnswer(JSON.stringify(validScript)) }));
    const request = { prompt: 'Nobel Peace Prize winners', mode: 'NEWS' as const };
    const chain = buildWriterChain(chooseWriters({ ...request, sceneCount: 6, available }), { gemini: gemini.writer, groq: groq.writer });
    expect(chain.map((w) => w.name)).toEqual(['gemini:gemini-2.5-flash+search', 'gemini:gemini-2.5-pro+search']);

    const out = await writeScript(request, chain, { backoffMs: 1 });
    expect(out.writer).toBe('gemini:gemini-2.5-flash+search');
    expect(out.model).toBe(GEMINI_FLASH);
    expect(out.sources).toEqual([{ title: 'A', url: 'https://example.org/a' }]);
    expect(out.failures).toEqual([]);
    expect(gemini.server.requests[0]!.body.tools).toEqual([{ googleSearch: {} }]);
    expect(groq.server.requests).toHaveLength(0);
  });

  it('retries a 429 after a backoff, then succeeds on the same writer', async () => {
    const gemini = await fakeGemini((n) =>
      n === 0 ? { status: 429, body: geminiError(429, 'Resource exhausted') } : { status: 200, body: geminiAnswer(JSON.stringify(validScript)) },
    );
    const { delays, sleep } = recordingSleep();
    const out = await writeScript(explainer, [gemini.writer], { retries: 2, backoffMs: 5, sleep, random: () => 0.5 });
    expect(out.script.title).toBe(validScript.title);
    expect(out.writer).toBe('gemini');
    expect(gemini.server.requests).toHaveLength(2);
    expect(delays).toEqual([5]);
  });

  it('keeps failing with 500 → bounded retries with doubling backoff, then the next writer serves', async () => {
    const gemini = await fakeGemini(() => ({ status: 500, body: geminiError(500, 'Internal error') }));
    const groq = await fakeGroq(() => ({ status: 200, body: groqAnswer(JSON.stringify(validScript)) }));
    const chain = buildWriterChain(chooseWriters({ ...explainer, sceneCount: 6, available }), { gemini: gemini.writer, groq: groq.writer });
    const { delays, sleep } = recordingSleep();
    const out = await writeScript(explainer, chain, { retries: 2, backoffMs: 3, sleep, random: () => 0.5 });

    expect(gemini.server.requests).toHaveLength(3);
    expect(delays).toEqual([3, 6]);
    expect(groq.server.requests).toHaveLength(1);
    expect(out.writer).toBe(`groq:${GROQ_MAVERICK}`);
    expect(out.model).toBe(GROQ_MAVERICK);
    expect(out.failures).toEqual([{ writer: `gemini:${GEMINI_FLASH}`, reason: expect.stringContaining('HTTP 500'), retryable: true, tries: 3 }]);
  });

  it('does not retry a permanent failure (401): straight to the next writer', async () => {
    const gemini = await fakeGemini(() => ({ status: 401, body: geminiError(401, 'API key not valid') }));
    const groq = await fakeGroq(() => ({ status: 200, body: groqAnswer(JSON.stringify(validScript)) }));
    const { delays, sleep } = recordingSleep();
    const out = await writeScript(explainer, [gemini.writer, groq.writer], { retries: 3, backoffMs: 1, sleep, random: () => 0.5 });
    expect(gemini.server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(out.writer).toBe('groq');
  });

  it('when every writer fails, one error names each writer and its reason, without the key', async () => {
    const gemini = await fakeGemini(() => ({ status: 403, body: geminiError(403, `Key ${API_KEY} has no access`) }));
    const groq = await fakeGroq(() => ({ status: 503, body: groqError(`Over capacity for ${API_KEY}`, 'server_error') }));
    const chain = buildWriterChain(
      [
        { provider: 'gemini', model: GEMINI_FLASH, grounded: false },
        { provider: 'groq', model: GROQ_MAVERICK, grounded: false },
      ],
      { gemini: gemini.writer, groq: groq.writer },
    );
    const error = (await writeScript(explainer, chain, { retries: 1, backoffMs: 1 }).catch((e: unknown) => e)) as ProviderChainError;

    // Retryable as a whole: Groq's failure was transient, so the job may try again later.
    expect(error).toBeInstanceOf(ProviderChainError);
    expect(isRetryableError(error)).toBe(true);
    expect(error.message).toContain(`gemini:${GEMINI_FLASH} (1 try): gemini:${GEMINI_FLASH}: HTTP 403`);
    expect(error.message).toContain(`groq:${GROQ_MAVERICK} (2 tries): groq:${GROQ_MAVERICK}: HTTP 503`);
    expect(error.message).not.toContain(API_KEY);
    expect(error.failures.map(writerFailure).map((f) => [f.writer, f.retryable, f.tries])).toEqual([
      [`gemini:${GEMINI_FLASH}`, false, 1],
      [`groq:${GROQ_MAVERICK}`, true, 2],
    ]);
    expect(groq.server.requests).toHaveLength(2);
  });

  it('is permanent when every failure was', async () => {
    const gemini = await fakeGemini(() => ({ status: 400, body: geminiError(400, 'Bad request') }));
    const groq = await fakeGroq(() => ({ status: 200, body: groqAnswer('not json at all') }));
    const error = await writeScript(explainer, [gemini.writer, groq.writer], { backoffMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(error)).toBe(true);
    expect(isRetryableError(error)).toBe(false);
    expect((error as ProviderChainError).message).toMatch(/gemini .*HTTP 400.* \| groq .*not a valid script/);
    expect(groq.server.requests).toHaveLength(2); // the answer and its one repair
  });

  it('with no writers, splits the prompt itself and says so', async () => {
    const text =
      'The tide rises twice a day. The moon pulls the ocean toward it. The sun helps a little. ' +
      'When they line up, tides are highest. When they are at right angles, tides are lowest. Coasts shape the rest.';
    const out = await writeScript({ prompt: text, mode: 'EXPLAINER', language: 'en' }, []);
    expect(out.model).toBe('own-text/sentence-split');
    expect(out.writer).toBe('own-text/sentence-split');
    expect(out.script.scenes).toEqual(splitScript(text, 'en'));
    expect(out.script.title).toBe('The tide rises twice a day. The moon…');
    expect(out.sources).toEqual([]);
    const empty = await writeScript({ prompt: '   ', mode: 'STORY' }, []).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ProviderError);
    expect(empty).toMatchObject({ message: 'Nothing to write: the prompt is empty', kind: 'empty', retryable: false });
  });
});
