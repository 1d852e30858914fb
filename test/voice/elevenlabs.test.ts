// The ElevenLabs voice through the real SDK against a local fake server, and the chain that falls back
// to the real espeak-ng voice.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentMediaError, type VoiceProvider } from '../../src/render/types.js';
import { isPermanentError, ProviderChainError, ProviderError } from '../../src/render/providers/errors.js';
import { isRetryableError } from '../../src/render/providers/retry.js';
import { voiceChain } from '../../src/render/voice/chain.js';
import { chooseElevenLabs, createElevenLabsVoice, ELEVENLABS_DEFAULT_VOICE_ID } from '../../src/render/voice/elevenlabs.js';
import { espeakVoice } from '../../src/render/voice/espeak.js';
import { evenAlignment, type FakeElevenLabs, makeMp3, speakAlignment, startFakeElevenLabs } from './fakeElevenLabs.js';

const API_KEY = 'sk_test_5ecr3t_do_not_leak_0123456789';
const RACHEL = '21m00Tcm4TlvDq8ikWAM';
const GEORGE = 'JBFqnCBsd6RMkjVDRZzb';

let fake: FakeElevenLabs;
let dir: string;
let mp3: Buffer;
let mp3Base64: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-eleven-'));
  mp3 = await readFile(await makeMp3(dir));
  mp3Base64 = mp3.toString('base64');
  fake = await startFakeElevenLabs();
});
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
});

const ok = (text: string, extra: Record<string, unknown> = {}) => ({
  status: 200,
  json: { audio_base64: mp3Base64, alignment: evenAlignment(text), normalized_alignment: evenAlignment(text), ...extra },
});

function eleven(extra: { timeoutMs?: number; baseUrl?: string } = {}): VoiceProvider {
  return createElevenLabsVoice({ apiKey: API_KEY, baseUrl: fake.url, ...extra });
}

/** Sleeps that do not sleep, remembering how long they were asked to wait. */
function fakeSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

function expectNoKey(e: Error) {
  expect(e.message).not.toContain(API_KEY);
  expect(String(e.stack)).not.toContain(API_KEY);
  expect(JSON.stringify({ ...e })).not.toContain(API_KEY);
}

describe('createElevenLabsVoice', () => {
  it('writes the mp3 and takes every word timing from the character alignment', async () => {
    const text = 'Hi there, world!';
    fake.script(ok(text));
    const r = await eleven().synthesize(`  Hi there,\n world!  `, { language: 'en', outDir: dir });

    expect(r.provider).toBe('elevenlabs');
    expect(r.timingSource).toBe('provider');
    expect(r.mime).toBe('audio/mpeg');
    expect(r.audioPath.startsWith(dir)).toBe(true);
    expect(r.audioPath.endsWith('.mp3')).toBe(true);
    expect(await readFile(r.audioPath)).toEqual(mp3);
    // ffprobe's measure of the 1.5 s sine (mp3 adds a few ms of padding).
    expect(r.durationMs).toBeGreaterThanOrEqual(1450);
    expect(r.durationMs).toBeLessThanOrEqual(1600);
    // character i spans [0.1 + 0.06 i, 0.15 + 0.06 i] s; each word runs from its first to its last character.
    expect(r.words).toEqual([
      { word: 'Hi', startMs: 100, endMs: 210 },
      { word: 'there,', startMs: 280, endMs: 630 },
      { word: 'world!', startMs: 700, endMs: 1050 },
    ]);

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/v1/text-to-speech/${RACHEL}/with-timestamps`);
    expect(req.headers['xi-api-key']).toBe(API_KEY);
    expect(req.query.get('output_format')).toBe('mp3_44100_128');
    expect(req.body).toMatchObject({ text, model_id: 'eleven_flash_v2_5', language_code: 'en' });
  });

  it('sends pause marks as break tags and times the words as shown, the pause between them', async () => {
    const long = (await readFile(await makeMp3(dir, 8))).toString('base64');
    const fromText = (text: string) => ({ audio_base64: long, alignment: speakAlignment(text), normalized_alignment: speakAlignment(text) });
    fake.script({ status: 200, fromText });
    const r = await eleven().synthesize('Hi there. [pause 1s] General [PAUSE 4s] Kenobi', { language: 'en', outDir: dir });

    expect(fake.requests[0]!.body.text).toBe('Hi there. <break time="1s" /> General <break time="3s" /> <break time="1s" /> Kenobi');
    expect(r.words.map((w) => w.word)).toEqual(['Hi', 'there.', 'General', 'Kenobi']);
    const [, there, general, kenobi] = r.words;
    // 'Hi there. ' is 10 characters, 60 ms each; then the 1 s gap of the tag.
    expect(there!.endMs).toBe(Math.round((0.1 + 8 * 0.06 + 0.05) * 1000));
    expect(general!.startMs - there!.endMs).toBeGreaterThanOrEqual(1000);
    expect(kenobi!.startMs - general!.endMs).toBeGreaterThanOrEqual(4000);
    expect(r.words.at(-1)!.endMs).toBeLessThanOrEqual(r.durationMs);
  });

  it('uses the multilingual model and default voice for other languages, and an explicit voice id when given', async () => {
    const text = 'Guten Tag';
    fake.script(ok(text));
    const provider = eleven();
    await provider.synthesize(text, { language: 'de-AT', outDir: dir });
    // An espeak voice name means nothing to ElevenLabs: the table's voice is used.
    await provider.synthesize(text, { language: 'de', voice: 'de+f3', outDir: dir });
    await provider.synthesize(text, { language: 'de', voice: 'AbCdEfGhIjKlMnOpQrSt', outDir: dir });

    expect(fake.requests.map((r) => r.path)).toEqual([
      `/v1/text-to-speech/${GEORGE}/with-timestamps`,
      `/v1/text-to-speech/${GEORGE}/with-timestamps`,
      '/v1/text-to-speech/AbCdEfGhIjKlMnOpQrSt/with-timestamps',
    ]);
    for (const r of fake.requests) {
      expect(r.body.model_id).toBe('eleven_multilingual_v2');
      expect(r.body).not.toHaveProperty('language_code'); // multilingual_v2 does not take one
      expect(r.body.text).toBe(text);
    }
  });

  it('keeps the text’s words when only a normalised alignment comes back', async () => {
    const text = 'It costs $5 today.';
    const spoken = 'It costs five dollars today.';
    fake.script({ status: 200, json: { audio_base64: mp3Base64, normalized_alignment: evenAlignment(spoken, 0, 0.04, 0.04) } });
    const r = await eleven().synthesize(text, { language: 'en', outDir: dir });

    expect(r.words.map((w) => w.word)).toEqual(['It', 'costs', '$5', 'today.']);
    expect(r.words[0]).toEqual({ word: 'It', startMs: 0, endMs: 80 });
    // "today." is characters 22–27 of the spoken text.
    expect(r.words[3]).toEqual({ word: 'today.', startMs: 880, endMs: 1120 });
    // "$5" matches nothing spoken: it fills the gap between its neighbours.
    expect(r.words[2]!.startMs).toBe(r.words[1]!.endMs);
    expect(r.words[2]!.endMs).toBeLessThanOrEqual(880);
    expect(r.words[2]!.endMs).toBeGreaterThan(r.words[2]!.startMs);
  });

  it.each([
    ['bad JSON', { status: 200, raw: '{"audio_base64": "AAAA", "alig' }, /malformed response: the body is not the expected JSON/],
    ['no alignment at all', { status: 200, json: { audio_base64: 'AAAA' } }, /malformed response: no character alignment/],
    ['no audio', { status: 200, json: { alignment: evenAlignment('Hello') } }, /malformed response: .*audio_base64/],
    ['empty audio', { status: 200, json: { audio_base64: '', alignment: evenAlignment('Hello') } }, /malformed response: no audio/],
    [
      'audio that is not base64',
      { status: 200, json: { audio_base64: '%%%not base64%%%', alignment: evenAlignment('Hello') } },
      /malformed response: the audio is not base64/,
    ],
    [
      'mismatched alignment arrays',
      { status: 200, json: { audio_base64: 'AAAA', alignment: { ...evenAlignment('Hello'), character_end_times_seconds: [0.1] } } },
      /malformed response: the alignment has 5 characters but 5 start and 1 end times/,
    ],
    [
      'audio that is not mp3',
      { status: 200, json: { audio_base64: Buffer.from('not audio at all').toString('base64'), alignment: evenAlignment('Hello') } },
      /malformed response: the audio is not a readable mp3/,
    ],
  ] as const)('refuses a malformed response (%s) with a clear error', async (_name, reply, message) => {
    fake.script(reply);
    const before = await readdir(dir);
    const e = await rejection(eleven().synthesize('Hello', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.message).toMatch(message);
    expect(e).toMatchObject({ provider: 'elevenlabs', kind: 'malformed', retryable: false });
    expect(isRetryableError(e)).toBe(false);
    expect(await readdir(dir)).toEqual(before); // no half-written audio left behind
  });

  it.each([
    [401, 'auth', /ElevenLabs refused the API key \(HTTP 401\): invalid_api_key/],
    [403, 'auth', /ElevenLabs refused the API key \(HTTP 403\)/],
    [400, 'refused-request', /ElevenLabs rejected the request \(HTTP 400\)/],
    [422, 'refused-request', /ElevenLabs rejected the request \(HTTP 422\)/],
  ] as const)('HTTP %i is a permanent error that names the status and never the key', async (status, kind, message) => {
    fake.script({ status, json: { detail: { status: 'invalid_api_key', message: `The key ${API_KEY} is not valid` } } });
    const e = await rejection(eleven().synthesize('Hello', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(isPermanentError(e)).toBe(true);
    expect(isRetryableError(e)).toBe(false);
    expect(e.message).toMatch(message);
    expect(e).toMatchObject({ provider: 'elevenlabs', kind, status, retryable: false });
    expect(e.message).toContain('[redacted]'); // the echoed key was cut out
    expectNoKey(e);
    expect(fake.requests).toHaveLength(1); // the SDK's own retries are off
  });

  it.each([
    [429, 'rate-limited', /ElevenLabs rate limit reached \(HTTP 429\)/],
    [500, 'server-error', /ElevenLabs server error \(HTTP 500\)/],
    [503, 'server-error', /ElevenLabs server error \(HTTP 503\)/],
  ] as const)('HTTP %i is a retryable error carrying the status', async (status, kind, message) => {
    fake.script({ status, json: { detail: `busy, key ${API_KEY}` } });
    const e = await rejection(eleven().synthesize('Hello', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(isPermanentError(e)).toBe(false);
    expect(isRetryableError(e)).toBe(true);
    expect(e.message).toMatch(message);
    expect(e).toMatchObject({ status, kind, retryable: true });
    expectNoKey(e);
    expect(fake.requests).toHaveLength(1);
  });

  it('times out (retryable) when the server does not answer', async () => {
    fake.script({ hang: true });
    const started = performance.now();
    const e = await rejection(eleven({ timeoutMs: 300 }).synthesize('Hello', { language: 'en', outDir: dir }));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.message).toBe('ElevenLabs timed out after 300 ms');
    expect(e).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const closed = await startFakeElevenLabs();
    const url = closed.url;
    await closed.close();
    const e = await rejection(eleven({ baseUrl: url }).synthesize('Hello', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.message).toMatch(/ElevenLabs could not be reached: ECONNREFUSED/);
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
    expectNoKey(e);
  });

  it('refuses blank text without calling the service', async () => {
    const e = await rejection(eleven().synthesize(' \n ', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(PermanentMediaError);
    expect(fake.requests).toHaveLength(0);
  });

  it('picks models and voices from one table', () => {
    expect(chooseElevenLabs('en')).toEqual({ modelId: 'eleven_flash_v2_5', voiceId: RACHEL, languageCode: 'en' });
    expect(chooseElevenLabs('en-GB')).toEqual({ modelId: 'eleven_flash_v2_5', voiceId: GEORGE, languageCode: 'en' });
    expect(chooseElevenLabs('nb-NO')).toEqual({ modelId: 'eleven_flash_v2_5', voiceId: ELEVENLABS_DEFAULT_VOICE_ID, languageCode: 'no' });
    expect(chooseElevenLabs('pt-BR')).toEqual({ modelId: 'eleven_multilingual_v2', voiceId: ELEVENLABS_DEFAULT_VOICE_ID });
    expect(chooseElevenLabs('xx')).toEqual({ modelId: 'eleven_multilingual_v2', voiceId: ELEVENLABS_DEFAULT_VOICE_ID });
    expect(chooseElevenLabs('fr', null, { voiceForLanguage: { fr: 'FrFrFrFrFrFrFrFrFrFr' } }).voiceId).toBe('FrFrFrFrFrFrFrFrFrFr');
    expect(chooseElevenLabs('fr', null, { voiceForLanguage: () => undefined }).voiceId).toBe(ELEVENLABS_DEFAULT_VOICE_ID);
    expect(chooseElevenLabs('de', null, { modelId: 'eleven_turbo_v2_5' })).toMatchObject({ modelId: 'eleven_turbo_v2_5', languageCode: 'de' });
  });

  it('needs an API key', () => {
    expect(() => createElevenLabsVoice({ apiKey: ' ' })).toThrow(/API key is required/);
  });
});

describe('voiceChain with ElevenLabs and espeak-ng', () => {
  it('retries a 429 with backoff and then succeeds on ElevenLabs', async () => {
    const text = 'Slow down please';
    fake.script({ status: 429, json: { detail: { status: 'too_many_concurrent_requests', message: 'Too many' } } }, ok(text));
    const { delays, sleep } = fakeSleep();
    const chain = voiceChain([eleven(), espeakVoice], { sleep, random: () => 0.5 });
    const r = await chain.synthesize(text, { language: 'en', outDir: dir });

    expect(r.provider).toBe('elevenlabs');
    expect(r.timingSource).toBe('provider');
    expect(fake.requests).toHaveLength(2);
    expect(delays).toEqual([200]); // 200 ms × 2^0, no jitter at random() = 0.5
    expect(chain.name).toBe('elevenlabs>espeak-ng');
  });

  it('falls back to the real espeak-ng after bounded retries of a 500', async () => {
    fake.script({ status: 500, json: { detail: 'internal' } });
    const { delays, sleep } = fakeSleep();
    const failed: string[] = [];
    const chain = voiceChain([eleven(), espeakVoice], {
      sleep,
      random: () => 0.5,
      onProviderFailed: ({ provider, error, attempts, next }) => failed.push(`${provider}/${attempts}/${next}: ${error.message}`),
    });
    const r = await chain.synthesize('The octopus has three hearts.', { language: 'en', outDir: dir });

    expect(r.provider).toBe('espeak-ng');
    expect(r.timingSource).toBe('estimated');
    expect(r.mime).toBe('audio/wav');
    expect(existsSync(r.audioPath)).toBe(true);
    expect(r.words.map((w) => w.word)).toEqual(['The', 'octopus', 'has', 'three', 'hearts.']);
    expect(fake.requests).toHaveLength(3); // first try + 2 retries
    expect(delays).toEqual([200, 400]);
    expect(failed).toEqual(['elevenlabs/3/espeak-ng: ElevenLabs server error (HTTP 500): internal']);
  });

  it('does not retry a 401: falls back at once', async () => {
    fake.script({ status: 401, json: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } } });
    const { delays, sleep } = fakeSleep();
    const chain = voiceChain([eleven(), espeakVoice], { sleep });
    const r = await chain.synthesize('Hello there', { language: 'en', outDir: dir });
    expect(r.provider).toBe('espeak-ng');
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('does not retry a malformed response, but falls back', async () => {
    fake.script({ status: 200, raw: 'not json' });
    const { delays, sleep } = fakeSleep();
    const r = await voiceChain([eleven(), espeakVoice], { sleep }).synthesize('Hello there', { language: 'en', outDir: dir });
    expect(r.provider).toBe('espeak-ng');
    expect(fake.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('when ElevenLabs and the fallback both fail, names each and never the key', async () => {
    fake.script({ status: 503, json: { detail: `overloaded for ${API_KEY}` } });
    const broken: VoiceProvider = {
      name: 'broken',
      synthesize: async () => {
        throw new Error('disk full');
      },
    };
    const { sleep } = fakeSleep();
    const e = await rejection(voiceChain([eleven(), broken], { sleep }).synthesize('Hello', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(ProviderChainError);
    expect(e.message).toBe('Every voice provider failed — elevenlabs: ElevenLabs server error (HTTP 503): overloaded for [redacted]; broken: disk full');
    expectNoKey(e);
  });
});

describe('voiceChain', () => {
  const served = (name: string): VoiceProvider => ({
    name,
    synthesize: async (_text, o) => ({
      audioPath: join(o.outDir, 'x.wav'),
      mime: 'audio/wav',
      durationMs: 1000,
      words: [{ word: 'x', startMs: 0, endMs: 1000 }],
      timingSource: 'estimated',
      provider: name,
    }),
  });
  const failing = (name: string, make: () => Error) => {
    const p = {
      name,
      calls: 0,
      synthesize: async () => {
        p.calls++;
        throw make();
      },
    };
    return p;
  };
  const retryable = (message: string, status: number) => Object.assign(new Error(message), { status });

  it('names every provider and its reason when all fail (retryable at the job level)', async () => {
    const a = failing('alpha', () => retryable('alpha is overloaded (HTTP 503)', 503));
    const b = failing('beta', () => new PermanentMediaError('beta refused the key (HTTP 401)'));
    const { delays, sleep } = fakeSleep();
    const e = await rejection(voiceChain([a, b], { sleep, random: () => 0 }).synthesize('Hi', { language: 'en', outDir: dir }));

    expect(e).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e)).toBe(false);
    expect(isRetryableError(e)).toBe(true);
    expect(e.message).toBe('Every voice provider failed — alpha: alpha is overloaded (HTTP 503); beta: beta refused the key (HTTP 401)');
    expect((e as ProviderChainError).failures.map((f) => [f.provider, f.attempts])).toEqual([
      ['alpha', 3],
      ['beta', 1],
    ]);
    expect(a.calls).toBe(3);
    expect(b.calls).toBe(1);
    expect(delays).toEqual([160, 320]); // −20 % jitter at random() = 0
  });

  it('is permanent when every failure is', async () => {
    const a = failing('alpha', () => new PermanentMediaError('alpha: bad key'));
    const b = failing('beta', () => new PermanentMediaError('beta: no such voice'));
    const e = await rejection(voiceChain([a, b]).synthesize('Hi', { language: 'en', outDir: dir }));
    expect(e).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e)).toBe(true);
    expect(isRetryableError(e)).toBe(false);
    expect(e.message).toContain('alpha: alpha: bad key; beta: beta: no such voice');
  });

  it('passes a lone provider’s error through unchanged', async () => {
    const original = new PermanentMediaError('Nothing to speak');
    const only = failing('solo', () => original);
    await expect(voiceChain([only]).synthesize('', { language: 'en', outDir: dir })).rejects.toBe(original);
  });

  it('stops at the first provider that serves, and records which one', async () => {
    const a = failing('alpha', () => retryable('timeout', 504));
    const c = failing('gamma', () => new Error('never reached'));
    const { sleep } = fakeSleep();
    const r = await voiceChain([a, served('beta'), c], { sleep }).synthesize('Hi', { language: 'en', outDir: dir });
    expect(r.provider).toBe('beta');
    expect(c.calls).toBe(0);
  });

  it('honours the retry count', async () => {
    const a = failing('alpha', () => retryable('busy', 429));
    const { delays, sleep } = fakeSleep();
    await rejection(voiceChain([a], { sleep, retries: 0 }).synthesize('Hi', { language: 'en', outDir: dir }));
    expect(a.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('needs a provider', () => {
    expect(() => voiceChain([])).toThrow(/at least one provider/);
  });
});
