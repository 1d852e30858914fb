// One karaoke subtitle line per writing system, burned in by libass as segments burn it, and checked
// in the frames: every character has a font (fontconfig's coverage and libass's own log), text is
// drawn, and the highlight starts where the line is read from and moves the way it is read.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uncoveredCharacters } from '../../src/render/fonts/coverage.js';
import { buildAss } from '../../src/render/subtitles.js';
import { RESOLUTIONS, type WordTiming } from '../../src/render/types.js';
import { burnFrames, glyphsWithoutFont, inkBox, textColumns, type BurnResult } from './assFrames.js';

const SIZE = RESOLUTIONS.P480;
/**
 * Each line has a window of its own on one timeline, so one ffmpeg run renders them all: 800 ms of
 * words, then a pause long enough that the next line never joins it.
 */
const SLOT_MS = 1600;
const SPEECH_MS = 800;

interface Family {
  name: string;
  text: string;
  /** The direction the line is read in: where its first word is, and where the highlight goes. */
  reads: 'ltr' | 'rtl';
}

// Each fits one subtitle line (≤ 4 words, ≤ 18 characters), so one cue shows all of it.
const FAMILIES: Family[] = [
  { name: 'Hindi (Devanagari)', text: 'नमस्ते दुनिया', reads: 'ltr' },
  { name: 'Marathi (Devanagari)', text: 'महाराष्ट्र माझा', reads: 'ltr' },
  { name: 'Bengali', text: 'আমার সোনার বাংলা', reads: 'ltr' },
  { name: 'Tamil', text: 'வணக்கம் உலகம்', reads: 'ltr' },
  { name: 'Telugu', text: 'తెలుగు భాష', reads: 'ltr' },
  { name: 'Arabic', text: 'مرحبا بكم في مصر', reads: 'rtl' },
  { name: 'Hebrew', text: 'שלום לכולם בעולם', reads: 'rtl' },
  { name: 'Chinese', text: '你好 世界 朋友', reads: 'ltr' },
  { name: 'Japanese', text: 'こんにちは 東京 カタカナ', reads: 'ltr' },
  { name: 'Korean', text: '안녕하세요 세계', reads: 'ltr' },
  { name: 'Cyrillic', text: 'Привет всем', reads: 'ltr' },
  { name: 'Greek', text: 'Γειά σου κόσμε', reads: 'ltr' },
  // 🥲 is Unicode 13, 🫠 Unicode 14: past what Symbola has.
  { name: 'emoji', text: '😀 🥲 🫠 🧑‍🚀', reads: 'ltr' },
  { name: 'emoji sequences', text: 'Go 👍🏽 🇮🇳 ❤️', reads: 'ltr' },
  // An Arabic sentence with English inside, and the other way round.
  { name: 'mixed, Arabic first', text: 'أنا أحب New York', reads: 'rtl' },
  { name: 'mixed, English first', text: 'I love القاهرة', reads: 'ltr' },
];

let dir: string;
let burn: BurnResult;
const timings: WordTiming[][] = [];
/** Per family: the frame in the middle of its first word, then of its second word. */
const frameAt = (family: number, word: number) => burn.frames[family * 2 + word]!;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-scripts-'));
  const words: WordTiming[] = [];
  const times: number[] = [];
  FAMILIES.forEach((f, i) => {
    const start = i * SLOT_MS;
    const parts = f.text.split(' ');
    const step = SPEECH_MS / parts.length;
    const ws = parts.map((word, j) => ({ word, startMs: start + 50 + j * step, endMs: start + 50 + (j + 1) * step }));
    timings.push(ws);
    words.push(...ws);
    for (const w of ws.slice(0, 2)) times.push((w.startMs + w.endMs) / 2000);
  });
  const assPath = join(dir, 'all.ass');
  await writeFile(assPath, buildAss(words, { style: 'KARAOKE', size: SIZE }));
  burn = await burnFrames({ assPath, size: SIZE, durationS: (FAMILIES.length * SLOT_MS) / 1000, timesS: times, outDir: join(dir, 'frames') });
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('subtitles in every writing system', () => {
  it('lays each line out as one cue (the frames below show whole lines)', () => {
    const ass = buildAss(timings.flat(), { style: 'KARAOKE', size: SIZE });
    expect(ass.split('\n').filter((l) => l.startsWith('Dialogue:'))).toHaveLength(FAMILIES.length);
  });

  it.each(FAMILIES.map((f, i) => [f.name, i] as const))('%s: every character has a font', async (_name, i) => {
    const f = FAMILIES[i]!;
    expect(await uncoveredCharacters(f.text)).toEqual([]);
    const chars = new Set([...f.text].map((c) => c.codePointAt(0)!));
    expect(
      glyphsWithoutFont(burn.log)
        .filter((cp) => chars.has(cp))
        .map((cp) => cp.toString(16)),
    ).toEqual([]);
  });

  it.each(FAMILIES.map((f, i) => [f.name, i] as const))('%s: the highlight starts at the first word read and moves the way the line is read', (_name, i) => {
    const f = FAMILIES[i]!;
    const first = textColumns(frameAt(i, 0));
    const second = textColumns(frameAt(i, 1));
    // Text is drawn: something lit, something still to come.
    expect(first.gold.length).toBeGreaterThan(3);
    expect(first.white.length).toBeGreaterThan(10);
    const minOf = (xs: number[]) => Math.min(...xs);
    const maxOf = (xs: number[]) => Math.max(...xs);
    if (f.reads === 'rtl') {
      // All of the lit part lies right of all of the unsung part, and it grows leftwards.
      expect(minOf(first.gold)).toBeGreaterThan(maxOf(first.white));
      expect(minOf(second.gold)).toBeLessThan(minOf(first.gold));
      expect(maxOf(second.gold)).toBeGreaterThanOrEqual(maxOf(first.gold) - 2);
    } else {
      expect(maxOf(first.gold)).toBeLessThan(minOf(first.white));
      expect(maxOf(second.gold)).toBeGreaterThan(maxOf(first.gold));
      expect(minOf(second.gold)).toBeLessThanOrEqual(minOf(first.gold) + 2);
    }
  });

  it('a ZWJ sequence is one glyph, on a line of emoji alone too', async () => {
    const line = (word: string, startMs: number): WordTiming => ({ word, startMs, endMs: startMs + 400 });
    const assPath = join(dir, 'zwj.ass');
    // 🧑‍🚀 (person, ZWJ, rocket) alone, with letters beside it, and 😀 for one glyph's width, each
    // a line of its own.
    await writeFile(assPath, buildAss([line('🧑‍🚀', 0), line('😀', 2000), line('Hi 🧑‍🚀', 4000), line('Hi 😀', 6000)], { style: 'PLAIN', size: SIZE }));
    const { frames } = await burnFrames({ assPath, size: SIZE, durationS: 7, timesS: [0.2, 2.2, 4.2, 6.2], outDir: join(dir, 'zwj') });
    const width = (i: number) => {
      const b = inkBox(frames[i]!)!;
      return b.right - b.left;
    };
    expect(width(0)).toBeLessThan(width(1) * 1.3);
    expect(width(2)).toBeLessThan(width(3) + width(1) * 0.3); // as wide as "Hi 😀"
  });
});
