// ASS output: parsed back for timing and order, then burned into a real frame by ffmpeg/libass.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeAssText } from '../../src/render/assText.js';
import { assTime, buildAss, MAX_LINE_WORDS } from '../../src/render/subtitles.js';
import { RESOLUTIONS, type SubtitleStyleName, type WordTiming } from '../../src/render/types.js';
import { estimateTimings } from '../../src/render/voice/estimateTimings.js';
import { runTool } from './runFfmpeg.js';

const SIZE = RESOLUTIONS.P480;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-subs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Event {
  startCs: number;
  endCs: number;
  style: string;
  text: string;
}

function cs(time: string): number {
  const m = /^(\d+):(\d\d):(\d\d)\.(\d\d)$/.exec(time);
  if (!m) throw new Error(`bad ASS time ${time}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 100 + Number(m[4]);
}

function events(ass: string): Event[] {
  return ass
    .split('\n')
    .filter((l) => l.startsWith('Dialogue: '))
    .map((l) => {
      // Text is the 10th field and may itself contain commas.
      const f = l.slice('Dialogue: '.length).split(',');
      return { startCs: cs(f[1]!), endCs: cs(f[2]!), style: f[3]!, text: f.slice(9).join(',') };
    });
}

const stripTags = (text: string) => text.replace(/\{[^}]*\}/g, '');
/** The override blocks buildAss itself writes: karaoke timing, shrink-to-fit, the emoji font. */
const OUR_TAGS = /\{(?:\\(?:kf|k|fscx|fscy)\d+)+\}|\{\\fnNoto Emoji\}|\{\\fn\}/g;
const karaokeSum = (text: string) => [...text.matchAll(/\\k[fo]?(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);

const TEXT = 'Octopuses have three hearts and blue blood. Two of the hearts pump blood to the gills, while the third pumps it to the rest of the body!';
const WORDS: WordTiming[] = estimateTimings(TEXT, 9_000, { startMs: 80, endMs: 8_600 });

describe('buildAss', () => {
  it('writes a vertical-video header with the frame size and all styles', () => {
    const ass = buildAss(WORDS, { style: 'KARAOKE', size: SIZE });
    expect(ass).toContain('[Script Info]');
    expect(ass).toMatch(/^PlayResX: 480$/m);
    expect(ass).toMatch(/^PlayResY: 854$/m);
    expect(ass).toContain('[V4+ Styles]');
    expect(ass).toContain('[Events]');
    const karaoke = ass
      .split('\n')
      .find((l) => l.startsWith('Style: Karaoke,'))!
      .split(',');
    expect(karaoke[1]).toBe('DejaVu Sans');
    expect(Number(karaoke[2])).toBeGreaterThanOrEqual(34); // large for a 480-wide frame
    expect(karaoke[7]).toBe('-1'); // bold
    expect(Number(karaoke[16])).toBeGreaterThan(0); // outline
    expect(karaoke[3]).not.toBe(karaoke[4]); // highlight differs from the unsung colour
    // Bottom-centred, lifted into the lower-middle of the frame.
    expect(karaoke[18]).toBe('2');
    expect(Number(karaoke[21])).toBeGreaterThan(854 * 0.15);
    expect(Number(karaoke[21])).toBeLessThan(854 * 0.4);
    expect(buildAss(WORDS, { style: 'PLAIN', size: SIZE, fontName: 'Liberation Sans' })).toContain('Style: Line,Liberation Sans,');
  });

  it('KARAOKE: short lines covering every word in order, tags adding up to each line', () => {
    const evs = events(buildAss(WORDS, { style: 'KARAOKE', size: SIZE }));
    expect(evs.length).toBeGreaterThan(5);
    expect(evs.flatMap((e) => stripTags(e.text).split(' '))).toEqual(WORDS.map((w) => w.word));
    let i = 0;
    let prevEnd = 0;
    for (const e of evs) {
      const lineWords = stripTags(e.text).split(' ');
      expect(lineWords.length).toBeLessThanOrEqual(MAX_LINE_WORDS);
      expect(lineWords.length === 1 || stripTags(e.text).length <= 18).toBe(true);
      const first = WORDS[i]!;
      const last = WORDS[i + lineWords.length - 1]!;
      expect(e.startCs).toBe(Math.round(first.startMs / 10));
      expect(e.endCs).toBeGreaterThanOrEqual(Math.round(last.endMs / 10));
      expect(e.startCs).toBeGreaterThanOrEqual(prevEnd); // lines never overlap
      expect(karaokeSum(e.text)).toBe(e.endCs - e.startCs);
      // One \kf sweep per word, each as long as that word is heard.
      const sweeps = [...e.text.matchAll(/\\kf(\d+)/g)].map((m) => Number(m[1]));
      expect(sweeps).toHaveLength(lineWords.length);
      sweeps.forEach((d, j) => {
        const w = WORDS[i + j]!;
        expect(Math.abs(d * 10 - (w.endMs - w.startMs))).toBeLessThanOrEqual(10);
      });
      prevEnd = e.endCs;
      i += lineWords.length;
    }
    expect(i).toBe(WORDS.length);
  });

  it('KARAOKE: a sentence never continues on the line of the previous one', () => {
    const evs = events(buildAss(WORDS, { style: 'KARAOKE', size: SIZE }));
    const lines = evs.map((e) => stripTags(e.text));
    expect(lines.some((l) => l.endsWith('blood.'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Two'))).toBe(true);
  });

  it('WORD: one event per word, at its own time', () => {
    const evs = events(buildAss(WORDS, { style: 'WORD', size: SIZE }));
    expect(evs.map((e) => e.text)).toEqual(WORDS.map((w) => w.word));
    evs.forEach((e, i) => {
      expect(e.style).toBe('Word');
      expect(e.startCs).toBe(Math.round(WORDS[i]!.startMs / 10));
      expect(e.endCs).toBeGreaterThanOrEqual(Math.round(WORDS[i]!.endMs / 10));
      if (i > 0) expect(e.startCs).toBeGreaterThanOrEqual(evs[i - 1]!.endCs);
    });
  });

  it('PLAIN: whole lines without highlighting', () => {
    const ass = buildAss(WORDS, { style: 'PLAIN', size: SIZE });
    const evs = events(ass);
    expect(ass).not.toMatch(/\\k/);
    expect(evs.flatMap((e) => e.text.split(' '))).toEqual(WORDS.map((w) => w.word));
    expect(evs[0]!.startCs).toBe(Math.round(WORDS[0]!.startMs / 10));
  });

  it('escapes what libass would read as tags or line breaks, so the text shown is the text typed', () => {
    const words: WordTiming[] = [
      { word: '{\\fs200}big', startMs: 0, endMs: 400 },
      { word: 'a\\Nb\nc', startMs: 400, endMs: 800 },
      { word: '}\\h{\\n', startMs: 800, endMs: 1200 },
      { word: 'end\\', startMs: 1200, endMs: 1600 },
      // A brace or backslash with U+FE0F after it is one "emoji" grapheme: still escaped.
      { word: '{\uFE0F\\\uFE0Ffs1}😀', startMs: 1600, endMs: 2000 },
    ];
    // `\{` is libass's literal brace; a backslash followed by U+2060 starts no escape or tag.
    expect(escapeAssText('{\\fs200}')).toBe('\\{\\\u2060fs200}');
    expect(escapeAssText('\\{')).toBe('\\\u2060\\{');
    for (const style of ['KARAOKE', 'WORD', 'PLAIN'] as const) {
      const evs = events(buildAss(words, { style, size: SIZE }));
      const shown: string[] = [];
      for (const e of evs) {
        const outside = e.text.replace(OUR_TAGS, '');
        // No brace opens a block and no backslash starts a sequence: each is escaped.
        expect(outside).not.toMatch(/(^|[^\\])\{/);
        expect(outside).not.toMatch(/\\(?![\u2060{])/);
        shown.push(outside.replace(/\\\{/g, '{').replace(/\\\u2060/g, '\\'));
      }
      // What libass draws is what was typed; the newline inside a word became a space.
      expect(shown.join(' ')).toBe('{\\fs200}big a\\Nb c }\\h{\\n end\\ {\uFE0F\\\uFE0Ffs1}😀');
    }
  });

  it('KARAOKE: a right-to-left word lights up at once, a left-to-right one sweeps', () => {
    const line = (text: string) => text.split(' ').map((word, i) => ({ word, startMs: i * 300, endMs: i * 300 + 250 }));
    const tags = (ws: WordTiming[]) => [...events(buildAss(ws, { style: 'KARAOKE', size: SIZE }))[0]!.text.matchAll(/\{\\(kf?)\d+\}(?=\S)/g)].map((m) => m[1]);
    expect(tags(line('مرحبا بكم في مصر'))).toEqual(['k', 'k', 'k', 'k']);
    expect(tags(line('שלום לכולם'))).toEqual(['k', 'k']);
    expect(tags(line('أنا أحب New York'))).toEqual(['k', 'k', 'kf', 'kf']);
    expect(tags(line('I love القاهرة 24'))).toEqual(['kf', 'kf', 'k', 'kf']);
    // An emoji at the start takes the Arabic line's direction and does not turn the line around.
    expect(tags(line('😀 مرحبا'))).toEqual(['k', 'k']);
  });

  it('lets libass order every line by the Unicode bidi algorithm (style Encoding -1)', () => {
    const ass = buildAss(WORDS, { style: 'KARAOKE', size: SIZE });
    const styles = ass.split('\n').filter((l) => l.startsWith('Style: '));
    expect(styles).toHaveLength(3);
    for (const s of styles) expect(s.split(',').at(-1)).toBe('-1');
  });

  it('draws emoji with the bundled emoji font, everything else with the style font', () => {
    const ws: WordTiming[] = [
      { word: 'Hi😀wow', startMs: 0, endMs: 300 },
      { word: '🧑‍🚀🇮🇳', startMs: 300, endMs: 600 },
      { word: '©™', startMs: 600, endMs: 900 },
    ];
    const text = events(buildAss(ws, { style: 'PLAIN', size: SIZE }))[0]!.text;
    expect(text).toBe('Hi{\\fnNoto Emoji}😀{\\fn}wow {\\fnNoto Emoji}🧑‍🚀🇮🇳{\\fn} ©™');
  });

  it('formats times as H:MM:SS.cc', () => {
    expect(assTime(0)).toBe('0:00:00.00');
    expect(assTime(372_346)).toBe('1:02:03.46');
    expect(assTime(5_999)).toBe('0:00:59.99');
  });

  it('produces no events for no words', () => {
    expect(events(buildAss([], { style: 'KARAOKE', size: SIZE }))).toEqual([]);
  });
});

describe('burn-in with ffmpeg/libass', () => {
  const timed: WordTiming[] = [
    { word: 'Hello', startMs: 200, endMs: 700 },
    { word: 'brave', startMs: 700, endMs: 1100 },
    { word: 'new', startMs: 1100, endMs: 1400 },
    { word: 'world!', startMs: 1400, endMs: 1900 },
  ];

  it.each(['KARAOKE', 'WORD', 'PLAIN'] satisfies SubtitleStyleName[])('%s renders visible text in the lower-middle of the frame', async (style) => {
    const assPath = join(dir, `${style}.ass`);
    const png = join(dir, `${style}.png`);
    await writeFile(assPath, buildAss(timed, { style, size: SIZE }));
    const r = await runTool('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=black:s=${SIZE.width}x${SIZE.height}:d=2`,
      '-vf',
      `ass=${assPath}`,
      '-ss',
      '1',
      '-frames:v',
      '1',
      png,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const stats = await sharp(png).stats();
    expect(Math.max(...stats.channels.map((c) => c.max))).toBeGreaterThan(200);
    // The upper half stays black: the text sits between 55 % and 85 % of the height.
    // stats() describes the input, not the extract: read the band's raw pixels instead.
    const band = async (top: number, bottom: number) => {
      const px = await sharp(png)
        .extract({ left: 0, top: Math.round(SIZE.height * top), width: SIZE.width, height: Math.round(SIZE.height * (bottom - top)) })
        .raw()
        .toBuffer();
      return px.reduce((a, b) => Math.max(a, b), 0);
    };
    expect(await band(0, 0.55)).toBeLessThan(30);
    expect(await band(0.55, 0.85)).toBeGreaterThan(200);
    expect(await band(0.85, 1)).toBeLessThan(30);

    // Karaoke has sung words in gold by 1 s; the other styles are white only.
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let gold = 0;
    for (let p = 0; p < data.length; p += 3) if (data[p]! > 200 && data[p + 1]! > 150 && data[p + 2]! < 80) gold++;
    if (style === 'KARAOKE') expect(gold).toBeGreaterThan(100);
    else expect(gold).toBe(0);
  });
});
