// getVoice(): ElevenLabs first when ELEVENLABS_API_KEY is set, espeak-ng always last, one chain per process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../../src/config.js';
import { evenAlignment, type FakeElevenLabs, makeMp3, startFakeElevenLabs } from './fakeElevenLabs.js';

const KEY = 'sk_wiring_test_key_9876543210';
let fake: FakeElevenLabs;
let dir: string;
const saved = { key: process.env.ELEVENLABS_API_KEY, url: process.env.ELEVENLABS_BASE_URL };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-voice-wiring-'));
  fake = await startFakeElevenLabs();
  const mp3 = await readFile(await makeMp3(dir));
  fake.script({ status: 200, json: { audio_base64: mp3.toString('base64'), alignment: evenAlignment('Wired up') } });
});
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
  for (const [k, v] of [
    ['ELEVENLABS_API_KEY', saved.key],
    ['ELEVENLABS_BASE_URL', saved.url],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** providers.ts as a fresh process would load it, with the environment as it is now. */
async function freshProviders() {
  vi.resetModules();
  return import('../../src/jobs/providers.js');
}

describe('getVoice', () => {
  it('chains ElevenLabs before espeak-ng when ELEVENLABS_API_KEY is set, created once', async () => {
    process.env.ELEVENLABS_API_KEY = KEY;
    process.env.ELEVENLABS_BASE_URL = fake.url;
    const { getVoice } = await freshProviders();
    const voice = getVoice();
    expect(voice.name).toBe('elevenlabs>espeak-ng');
    expect(getVoice()).toBe(voice);

    const r = await voice.synthesize('Wired up', { language: 'en', outDir: dir });
    expect(r.provider).toBe('elevenlabs');
    expect(r.timingSource).toBe('provider');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers['xi-api-key']).toBe(KEY);
  });

  it('is espeak-ng alone without a key', async () => {
    delete process.env.ELEVENLABS_API_KEY;
    delete process.env.ELEVENLABS_BASE_URL;
    const { getVoice } = await freshProviders();
    const voice = getVoice();
    expect(voice.name).toBe('espeak-ng');
    const r = await voice.synthesize('Offline voice', { language: 'en', outDir: dir });
    expect(r.provider).toBe('espeak-ng');
  });
});

describe('ElevenLabs configuration', () => {
  it('accepts a key and a base URL, and refuses a base URL that is not http(s)', () => {
    const env = parseEnv({ ELEVENLABS_API_KEY: KEY, ELEVENLABS_BASE_URL: 'http://127.0.0.1:9999' });
    expect(env.ELEVENLABS_API_KEY).toBe(KEY);
    expect(env.ELEVENLABS_BASE_URL).toBe('http://127.0.0.1:9999');
    expect(parseEnv({ ELEVENLABS_API_KEY: '' }).ELEVENLABS_API_KEY).toBeUndefined(); // empty means unset
    expect(() => parseEnv({ ELEVENLABS_BASE_URL: 'ftp://example.com' })).toThrow(/ELEVENLABS_BASE_URL/);
  });

  it('never puts the key into a configuration error', () => {
    let message = '';
    try {
      parseEnv({ ELEVENLABS_API_KEY: KEY, ELEVENLABS_BASE_URL: 'not a url' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/ELEVENLABS_BASE_URL/);
    expect(message).not.toContain(KEY);
  });
});
