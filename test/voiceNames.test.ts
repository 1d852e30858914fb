// Which voices a render may name: espeak-ng's, and with ElevenLabs configured its account's voice
// ids (listed once through the real SDK against a local fake), with a fallback when the list fails.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeElevenLabs, startFakeElevenLabs } from './voice/fakeElevenLabs.js';

const ACCOUNT_VOICE = 'AbCdEfGhIjKlMnOpQrSt';
const OTHER_ID = 'ZzZzZzZzZzZzZzZzZzZz';
let fake: FakeElevenLabs;
const saved = { key: process.env.ELEVENLABS_API_KEY, url: process.env.ELEVENLABS_BASE_URL };

beforeAll(async () => {
  fake = await startFakeElevenLabs();
});
afterAll(async () => {
  await fake.close();
  for (const [k, v] of [
    ['ELEVENLABS_API_KEY', saved.key],
    ['ELEVENLABS_BASE_URL', saved.url],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** voiceNames.ts as a fresh process would load it, with the environment as it is now. */
async function fresh(withElevenLabs: boolean) {
  if (withElevenLabs) {
    process.env.ELEVENLABS_API_KEY = 'sk_voice_list_key_0123456789';
    process.env.ELEVENLABS_BASE_URL = fake.url;
  } else {
    delete process.env.ELEVENLABS_API_KEY;
    delete process.env.ELEVENLABS_BASE_URL;
  }
  vi.resetModules();
  return import('../src/resolvers/voiceNames.js');
}

describe('without ElevenLabs', () => {
  it("accepts espeak-ng's voices (and variants) and names some when refusing", async () => {
    const { unknownVoice } = await fresh(false);
    expect(await unknownVoice('en-us')).toBeNull();
    expect(await unknownVoice('EN-GB')).toBeNull();
    expect(await unknownVoice('en-us+f3')).toBeNull();
    const refused = await unknownVoice('klingon');
    expect(refused).toMatch(/^unknown voice "klingon": use an espeak-ng voice \(\d+ of them, see espeak-ng --voices\), such as en-us, en-gb/);
    // An ElevenLabs id means nothing without ElevenLabs.
    expect(await unknownVoice(ACCOUNT_VOICE)).toMatch(/unknown voice/);
  });
});

describe('with ElevenLabs', () => {
  it("accepts the account's voice ids, listed once", async () => {
    fake.requests.length = 0;
    fake.script({ status: 200, json: { voices: [{ voice_id: ACCOUNT_VOICE, name: 'Test' }] } });
    const { unknownVoice } = await fresh(true);
    expect(await unknownVoice(ACCOUNT_VOICE)).toBeNull();
    expect(await unknownVoice('en-us')).toBeNull();
    const refused = await unknownVoice(OTHER_ID);
    expect(refused).toContain('an ElevenLabs voice id of this account or an espeak-ng voice');
    expect(refused).toContain(ACCOUNT_VOICE);
    const lists = fake.requests.filter((r) => r.path === '/v1/voices');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.headers['xi-api-key']).toBe('sk_voice_list_key_0123456789');
  });

  it('accepts any well-formed id when the list cannot be fetched, and asks again next time', async () => {
    fake.requests.length = 0;
    fake.script({ status: 500, json: { detail: 'down' } }, { status: 200, json: { voices: [{ voice_id: ACCOUNT_VOICE, name: 'Test' }] } });
    const { unknownVoice } = await fresh(true);
    expect(await unknownVoice(OTHER_ID)).toBeNull();
    // Not an id and not espeak's: refused whatever the list says.
    expect(await unknownVoice('not a voice')).toMatch(/unknown voice/);
    // The failure was not cached: the list is fetched again and now decides.
    expect(await unknownVoice(OTHER_ID)).toMatch(/unknown voice/);
    expect(fake.requests.filter((r) => r.path === '/v1/voices').length).toBeGreaterThanOrEqual(2);
  });
});
