// The espeak-ng voice, run for real: audible WAV, measured duration, estimated word timings.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentMediaError, type VoiceResult } from '../../src/render/types.js';
import { ESPEAK_SPEED_WPM, espeakVoice } from '../../src/render/voice/espeak.js';
import { chooseEspeakVoice, listEspeakVoices } from '../../src/render/voice/espeakLanguage.js';
import { parseWav, readWav, speechSpan } from '../../src/render/voice/wav.js';
import { maxVolumeDb, probeDurationMs } from './runFfmpeg.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-voice-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectSaneTimings(r: VoiceResult, text: string) {
  expect(r.words.map((w) => w.word)).toEqual(text.trim().split(/\s+/));
  let prevEnd = 0;
  for (const w of r.words) {
    expect(w.startMs).toBeGreaterThanOrEqual(prevEnd);
    expect(w.endMs).toBeGreaterThan(w.startMs);
    prevEnd = w.endMs;
  }
  expect(r.words[0]!.startMs).toBeGreaterThanOrEqual(0);
  expect(r.words.at(-1)!.endMs).toBeLessThanOrEqual(r.durationMs);
}

describe('espeakVoice', () => {
  it('speaks a sentence into an audible WAV with estimated word timings', async () => {
    const text = 'Octopuses have three hearts and blue blood, and they can taste with their arms.';
    const started = performance.now();
    const r = await espeakVoice.synthesize(text, { language: 'en', outDir: dir });
    const elapsed = performance.now() - started;

    expect(espeakVoice.name).toBe('espeak-ng');
    expect(r.provider).toBe('espeak-ng');
    expect(r.mime).toBe('audio/wav');
    expect(r.timingSource).toBe('estimated');
    expect(r.audioPath.startsWith(dir)).toBe(true);
    expect(r.durationMs).toBeGreaterThan(1000);
    // Our RIFF reading agrees with ffprobe's.
    expect(Math.abs(r.durationMs - (await probeDurationMs(r.audioPath)))).toBeLessThanOrEqual(5);
    // Real speech, not a silent file: peaks well above -30 dBFS.
    expect(await maxVolumeDb(r.audioPath)).toBeGreaterThan(-30);
    expectSaneTimings(r, text);
    // Timings cover the speech, not the silence espeak leaves around it.
    const span = speechSpan(await readWav(r.audioPath))!;
    expect(r.words[0]!.startMs).toBe(span.startMs);
    expect(r.words.at(-1)!.endMs).toBe(span.endMs);
    // Longer words take longer than short ones.
    const dur = (word: string) => {
      const w = r.words.find((x) => x.word === word)!;
      return w.endMs - w.startMs;
    };
    expect(dur('Octopuses')).toBeGreaterThan(dur('and'));
    console.info(`espeak-ng: ${r.durationMs} ms of speech in ${elapsed.toFixed(0)} ms`);
  });

  it('treats quotes, shell syntax, option-like and non-Latin text as plain words', async () => {
    const canary = join(dir, 'pwned');
    const text = `-w ${join(dir, 'evil.wav')} --help "$(touch ${canary})" \`touch ${canary}\`; it's 100% café, 東京 & <b>ñandú</b> {\\k} — done!`;
    const r = await espeakVoice.synthesize(text, { language: 'en', outDir: dir });
    expect(existsSync(canary)).toBe(false);
    expect(existsSync(join(dir, 'evil.wav'))).toBe(false);
    expect(r.durationMs).toBeGreaterThan(1000);
    expect(await maxVolumeDb(r.audioPath)).toBeGreaterThan(-30);
    // "—" has nothing to say on its own: it stays with the word before it.
    expect(r.words.map((w) => w.word)).toContain('{\\k} —');
    expect(r.words.map((w) => w.word).join(' ')).toBe(text);
  });

  it('speaks Hindi with the Hindi voice: the same audio espeak-ng -v hi writes, not the English one', async () => {
    const text = 'भारत एक विशाल देश है। यहाँ बहुत सी भाषाएँ बोली जाती हैं।';
    const r = await espeakVoice.synthesize(text, { language: 'hi', outDir: dir });
    expect(r).toMatchObject({ voice: 'hi', provider: 'espeak-ng' });
    expect(r.voiceFallback).toBeUndefined();
    const direct = async (voice: string) => {
      const out = join(dir, `direct-${voice}.wav`);
      await promisify(execFile)('espeak-ng', ['-v', voice, '-s', String(ESPEAK_SPEED_WPM), '-b', '1', '-w', out, text]);
      return readFile(out);
    };
    const spoken = await readFile(r.audioPath);
    expect(spoken.equals(await direct('hi'))).toBe(true);
    expect(spoken.equals(await direct('en-us'))).toBe(false);
  });

  it('uses the language to choose a voice (pt-BR speaks Portuguese)', async () => {
    const text = 'O Brasil tem a maior floresta tropical do mundo.';
    const r = await espeakVoice.synthesize(text, { language: 'pt-BR', outDir: dir });
    expect(r.durationMs).toBeGreaterThan(1000);
    expectSaneTimings(r, text);
  });

  it('turns a pause mark into silence of that length, with the words after it timed after it', async () => {
    const plain = await espeakVoice.synthesize('The tide turned. Then silence.', { language: 'en', outDir: dir });
    const paused = await espeakVoice.synthesize('The tide turned. [pause 1s] Then silence.', { language: 'en', outDir: dir });

    // The words are the ones shown: no mark among them.
    expectSaneTimings(paused, 'The tide turned. Then silence.');
    expect(Math.abs(paused.durationMs - (await probeDurationMs(paused.audioPath)))).toBeLessThanOrEqual(5);
    // A second longer (espeak's own sentence gap is replaced by each run's lead-in and tail).
    expect(paused.durationMs - plain.durationMs).toBeGreaterThanOrEqual(900);
    const turned = paused.words.find((w) => w.word === 'turned.')!;
    const then = paused.words.find((w) => w.word === 'Then')!;
    expect(then.startMs - turned.endMs).toBeGreaterThanOrEqual(1000);
    // And the gap is silent: the loud part of the audio around the pause is where the words say.
    const wav = await readWav(paused.audioPath);
    const frameBytes = wav.channels * 2;
    const window = (ms: number) => Math.floor((ms / 1000) * wav.sampleRate) * frameBytes;
    const gap = wav.data.subarray(window(turned.endMs + 100), window(then.startMs - 100));
    let peak = 0;
    for (let i = 0; i + 1 < gap.length; i += 2) peak = Math.max(peak, Math.abs(gap.readInt16LE(i)));
    expect(gap.length).toBeGreaterThan(0);
    expect(peak).toBeLessThan(500);

    const edges = await espeakVoice.synthesize('[pause 500ms]Hello.[pause 0.5s]', { language: 'en', outDir: dir });
    expect(edges.words[0]!.startMs).toBeGreaterThanOrEqual(500);
    expect(edges.durationMs - edges.words.at(-1)!.endMs).toBeGreaterThanOrEqual(500);
    await expect(espeakVoice.synthesize('[pause 1s]', { language: 'en', outDir: dir })).rejects.toBeInstanceOf(PermanentMediaError);
  });

  it('refuses empty text as a permanent error', async () => {
    await expect(espeakVoice.synthesize('', { language: 'en', outDir: dir })).rejects.toBeInstanceOf(PermanentMediaError);
    await expect(espeakVoice.synthesize(' \n\t ', { language: 'en', outDir: dir })).rejects.toBeInstanceOf(PermanentMediaError);
  });

  it('reports espeak-ng failures with its stderr and leaves no file behind', async () => {
    const before = await readdir(dir);
    const failed = espeakVoice.synthesize('Hello there.', { language: 'en', voice: 'zz-nonexistent', outDir: dir });
    await expect(failed).rejects.toThrow(/espeak-ng.*voice does not exist/i);
    await expect(failed).rejects.toBeInstanceOf(Error);
    expect(await readdir(dir)).toEqual(before);
  });

  it('refuses voice names that could read as options', async () => {
    await expect(espeakVoice.synthesize('Hello.', { language: 'en', voice: '--stdout', outDir: dir })).rejects.toBeInstanceOf(PermanentMediaError);
  });

  it('honours an explicit voice over the language', async () => {
    const r = await espeakVoice.synthesize('Good morning.', { language: 'pt-BR', voice: 'en-gb', outDir: dir });
    expect(r.words.map((w) => w.word)).toEqual(['Good', 'morning.']);
  });
});

describe('chooseEspeakVoice', () => {
  const voiceForLanguage = (language: string, voices: ReadonlySet<string>) => chooseEspeakVoice(language, voices).voice;
  it('maps project languages onto installed espeak-ng voices', async () => {
    const voices = await listEspeakVoices();
    expect(voices.has('en-us')).toBe(true);
    expect(voiceForLanguage('en', voices)).toBe('en-us');
    expect(voiceForLanguage('en-US', voices)).toBe('en-us');
    expect(voiceForLanguage('en_GB', voices)).toBe('en-gb');
    expect(voiceForLanguage('en-AU', voices)).toBe('en-us');
    expect(voiceForLanguage('pt-BR', voices)).toBe('pt-br');
    expect(voiceForLanguage('pt', voices)).toBe('pt');
    expect(voiceForLanguage('de-AT', voices)).toBe('de');
    expect(voiceForLanguage('zh-Hans', voices)).toBe('cmn');
    expect(voiceForLanguage('xx', voices)).toBe('en');
    expect(voiceForLanguage('', voices)).toBe('en');
  });

  it("follows the script's language for every required script, and says why when it falls back", async () => {
    const voices = await listEspeakVoices();
    const cases: [string, string, string][] = [
      ['hi', 'भारत एक विशाल देश है।', 'hi'],
      ['mr', 'महाराष्ट्र हे एक राज्य आहे.', 'mr'],
      ['bn', 'বাংলা একটি ভাষা।', 'bn'],
      ['ta', 'தமிழ் ஒரு மொழி.', 'ta'],
      ['te', 'తెలుగు ఒక భాష.', 'te'],
      ['ar', 'القاهرة هي عاصمة مصر.', 'ar'],
      ['he', 'ירושלים היא עיר.', 'he'],
      ['iw', 'ירושלים היא עיר.', 'he'],
      ['zh-CN', '北京是中国的首都。', 'cmn'],
      ['zh-Hant-HK', '香港是一個城市。', 'yue'],
      ['ja', '東京は日本の首都です。', 'ja'],
      ['ko', '서울은 한국의 수도입니다.', 'ko'],
      ['ru', 'Москва — столица России.', 'ru'],
      ['uk', 'Київ — столиця України.', 'uk'],
      ['el', 'Η Αθήνα είναι πόλη.', 'el'],
      ['hi', 'namaste duniya, kaise ho', 'hi'], // romanised Hindi stays Hindi
      ['en', 'Tokyo (東京) is a big city.', 'en-us'], // a few foreign letters do not switch voices
    ];
    for (const [language, text, voice] of cases) expect(chooseEspeakVoice(language, voices, text), `${language}: ${text}`).toEqual({ voice });
    expect(chooseEspeakVoice('en', voices, 'भारत एक विशाल देश है।')).toEqual({
      voice: 'hi',
      fallback: 'the "en-us" voice of language "en" does not read Devanagari letters: spoken with "hi"',
    });
    expect(chooseEspeakVoice('tl', voices, 'Kumusta ka na.')).toEqual({ voice: 'en', fallback: 'espeak-ng has no voice for language "tl": spoken with "en"' });
    expect(chooseEspeakVoice('xx', voices, 'こんにちは')).toEqual({
      voice: 'ja',
      fallback: 'espeak-ng has no voice for language "xx"; the text is in Japanese letters: spoken with "ja"',
    });
    // A voice that is not installed is never chosen.
    expect(chooseEspeakVoice('zh', new Set(['en']), '你好')).toEqual({ voice: 'en', fallback: 'espeak-ng has no voice for language "zh": spoken with "en"' });
  });
});

describe('parseWav', () => {
  function wav(samples: number[], dataSize?: number): Buffer {
    const data = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => {
      data.writeInt16LE(s, i * 2);
    });
    const h = Buffer.alloc(44);
    h.write('RIFF', 0, 'ascii');
    h.writeUInt32LE(36 + data.length, 4);
    h.write('WAVEfmt ', 8, 'ascii');
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(1, 20);
    h.writeUInt16LE(1, 22);
    h.writeUInt32LE(1000, 24);
    h.writeUInt32LE(2000, 28);
    h.writeUInt16LE(2, 32);
    h.writeUInt16LE(16, 34);
    h.write('data', 36, 'ascii');
    h.writeUInt32LE(dataSize ?? data.length, 40);
    return Buffer.concat([h, data]);
  }

  it('reads streamed headers (size 0x7fffffff) and finds the loud part', () => {
    const samples = [...Array(100).fill(0), ...Array(300).fill(8000), ...Array(100).fill(3)];
    const w = parseWav(wav(samples, 0x7fffffff));
    expect(w.durationMs).toBe(500);
    expect(speechSpan(w)).toEqual({ startMs: 100, endMs: 400 });
    expect(speechSpan(parseWav(wav(Array(200).fill(0))))).toBeNull();
  });

  it('rejects files that are not WAVE', () => {
    expect(() => parseWav(Buffer.from('ID3 not a wave file at all'))).toThrow(PermanentMediaError);
  });
});
