// Title cards in every script: shaped by Pango, inside the part of the frame every Ken Burns motion
// keeps in view (with a margin), shrunk to fit; and what a rendered segment really shows of them.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysVisibleBox, motionFromSeed, visibleBox, type Box } from '../../src/render/compose/kenBurns.js';
import { encodeSegment } from '../../src/render/compose/segment.js';
import { drawCard, SAFE_MARGIN } from '../../src/render/images/card.js';
import { fitText } from '../../src/render/images/cardText.js';
import { RESOLUTIONS, type Size } from '../../src/render/types.js';
import { writeSine } from '../compose/media.js';

const execFileP = promisify(execFile);

const SCRIPTS: Record<string, { text: string; language: string }> = {
  latin: { text: 'The history of the Roman Empire spans more than a thousand years, from 27 BC to 1453.', language: 'en' },
  hindi: { text: 'नमस्ते दुनिया, यह एक परीक्षण है और हिंदी में लिखा गया है। भारत की राजधानी नई दिल्ली है।', language: 'hi' },
  arabic: { text: 'اللغة العربية جميلة جدا وتكتب من اليمين إلى اليسار في كل مكان من العالم.', language: 'ar' },
  chinese: { text: '中华人民共和国是世界上人口最多的国家之一，拥有悠久的历史和灿烂的文化。', language: 'zh-CN' },
  japanese: { text: '東京は日本の首都で、世界で最も人口の多い都市圏です。', language: 'ja' },
  longWord: { text: 'Pneumonoultramicroscopicsilicovolcanoconiosis', language: 'en' },
  longWords: {
    text: 'Supercalifragilisticexpialidocious Antidisestablishmentarianism Floccinaucinihilipilification Honorificabilitudinitatibus Hippopotomonstrosesquippedaliophobia Pseudopseudohypoparathyroidism',
    language: 'en',
  },
  hugeWord: { text: 'ا'.repeat(1500) + 'b'.repeat(500), language: 'en' },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-card-legibility-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  count: number;
}

/** Bounding box of the pixels where `a` and `b` (same-size RGB) differ by more than `threshold`. */
async function differingBox(a: string, b: string, threshold = 6): Promise<PixelBox> {
  const [pa, pb] = await Promise.all([sharp(a).raw().toBuffer({ resolveWithObject: true }), sharp(b).raw().toBuffer()]);
  const { width, channels } = pa.info;
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity, count: 0 };
  for (let i = 0; i < pa.data.length; i += channels) {
    let d = 0;
    for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(pa.data[i + c]! - pb[i + c]!));
    if (d <= threshold) continue;
    const px = i / channels;
    const x = px % width;
    const y = Math.floor(px / width);
    box.count++;
    box.left = Math.min(box.left, x);
    box.right = Math.max(box.right, x + 1);
    box.top = Math.min(box.top, y);
    box.bottom = Math.max(box.bottom, y + 1);
  }
  return box;
}

/** The always-visible box of the frame, in pixels, shrunk by the safe margin. */
function safePixels(size: Size, box: Box = alwaysVisibleBox()) {
  const m = size.width * SAFE_MARGIN;
  return { left: box.left * size.width + m, right: box.right * size.width - m, top: box.top * size.height + m, bottom: box.bottom * size.height - m };
}

describe('the always-visible box', () => {
  it('is what every seeded motion shows in every frame, and no larger', () => {
    const always = alwaysVisibleBox();
    // The issue measured about 13.6 %–86.4 % per side for today's zoom and pan.
    expect(always.left).toBeCloseTo(0.136, 2);
    expect(always.right).toBeCloseTo(0.864, 2);
    let closest = 1;
    for (let i = 0; i < 3000; i++) {
      const v = visibleBox(motionFromSeed(`seed-${i}`));
      expect(v.left).toBeLessThanOrEqual(always.left + 1e-9);
      expect(v.top).toBeLessThanOrEqual(always.top + 1e-9);
      expect(v.right).toBeGreaterThanOrEqual(always.right - 1e-9);
      expect(v.bottom).toBeGreaterThanOrEqual(always.bottom - 1e-9);
      closest = Math.min(closest, always.left - v.left);
    }
    // Some seed comes close to it: the bound is not slack.
    expect(closest).toBeLessThan(0.01);
  });
});

describe('title cards in every script', () => {
  for (const size of [RESOLUTIONS.P480, RESOLUTIONS.P720]) {
    it(`keep every drawn pixel inside the always-visible box with a margin (${size.width}×${size.height})`, async () => {
      const blank = join(dir, `blank-${size.width}.png`);
      await drawCard({ text: '', size, seed: 'legible', outPath: blank });
      const safe = safePixels(size);
      for (const [name, { text, language }] of Object.entries(SCRIPTS)) {
        const outPath = join(dir, `${name}-${size.width}.png`);
        const started = performance.now();
        const card = await drawCard({ text, language, size, seed: 'legible', outPath });
        const ms = performance.now() - started;
        const drawn = await differingBox(outPath, blank);
        console.info(
          `card ${name} ${size.width}: font ${card.fontSize}px, ink x ${drawn.left}–${drawn.right} y ${drawn.top}–${drawn.bottom} (safe x ${safe.left.toFixed(0)}–${safe.right.toFixed(0)} y ${safe.top.toFixed(0)}–${safe.bottom.toFixed(0)}), ${ms.toFixed(0)} ms`,
        );
        expect(drawn.count, name).toBeGreaterThan(size.width * 4);
        expect(drawn.left, name).toBeGreaterThanOrEqual(Math.floor(safe.left));
        expect(drawn.right, name).toBeLessThanOrEqual(Math.ceil(safe.right));
        expect(drawn.top, name).toBeGreaterThanOrEqual(Math.floor(safe.top));
        expect(drawn.bottom, name).toBeLessThanOrEqual(Math.ceil(safe.bottom));
        // What drawCard says it drew is where the pixels are.
        expect(card.textBox!.left).toBeLessThanOrEqual(drawn.left);
        expect(card.textBox!.right).toBeGreaterThanOrEqual(drawn.right);
        // Readable: never shrunk to nothing.
        expect(card.fontSize!, name).toBeGreaterThanOrEqual(name === 'hugeWord' ? 10 : size.width * 0.035);
      }
    });
  }

  it('shrinks long text instead of letting it run out: a long word is smaller than a short one', async () => {
    const short = await drawCard({ text: 'Rome', size: RESOLUTIONS.P480, seed: 's', outPath: join(dir, 'short.png') });
    const long = await drawCard({ ...SCRIPTS.longWord!, size: RESOLUTIONS.P480, seed: 's', outPath: join(dir, 'long.png') });
    expect(long.fontSize!).toBeLessThan(short.fontSize!);
    expect(short.fontSize).toBe(Math.round(480 * 0.14));
  });

  it('joins Arabic letters (shaped narrower than the same letters kept apart) and lays words right to left', async () => {
    const o = { maxWidth: 2000, maxHeight: 400, largest: 60, smallest: 60, language: 'ar' };
    const word = 'المعلوماتية';
    const joined = await fitText(word, o);
    // ZERO WIDTH NON-JOINER between letters forces their isolated forms.
    const isolated = await fitText([...word].join('\u200c'), o);
    expect(joined.fontSize).toBe(isolated.fontSize);
    console.info(`Arabic at 60px: joined ${joined.width}px, isolated forms ${isolated.width}px`);
    expect(joined.width).toBeLessThan(isolated.width * 0.85);
    // A long first word and a short second one: read right to left, the long one is on the right.
    const line = await fitText(`${word} في`, o);
    // The widest run of empty columns is the space between the words: the long word lies right of it.
    const empty = (x: number) => {
      for (let y = 0; y < line.height; y++) if (line.data[(y * line.width + x) * 4 + 3]! > 0) return false;
      return true;
    };
    let gap = { from: 0, to: 0 };
    for (let x = 0, from = -1; x < line.width; x++) {
      if (empty(x)) {
        if (from < 0) from = x;
        if (x + 1 - from > gap.to - gap.from) gap = { from, to: x + 1 };
      } else from = -1;
    }
    expect(gap.to - gap.from).toBeGreaterThan(5);
    expect(line.width - gap.to).toBeGreaterThan(gap.from * 2);
  });

  it('wraps Chinese between words, not inside them, and breaks a word only between graphemes', async () => {
    // Eleven two-character words with no spaces: each line holds whole words.
    const o = { maxWidth: 200, maxHeight: 2000, largest: 40, smallest: 40, language: 'zh' };
    const layer = await fitText('中华 人民 共和国 世界上 人口 最多 国家 历史 灿烂 文化 悠久', o);
    expect(layer.wrap).toBe('word');
    expect(layer.width).toBeLessThanOrEqual(200);
    expect(layer.height).toBeGreaterThan(40 * 3);
    // Emoji ZWJ sequences and combining marks survive a forced break: no half-drawn cluster shows as a box.
    const narrow = { maxWidth: 60, maxHeight: 2000, largest: 30, smallest: 30 };
    const family = await fitText('👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', narrow);
    expect(family.wrap).toBe('word-char');
    expect(family.width).toBeLessThanOrEqual(60);
  });
});

describe('a title card in a rendered segment, at the Ken Burns extreme', () => {
  it('shows every word inside the output frame with room to spare in its most zoomed, most panned frame', { timeout: 60_000 }, async () => {
    // The seed whose motion shows the least of the picture at its corner.
    let seed = '';
    let least = Infinity;
    for (let i = 0; i < 2000; i++) {
      const v = visibleBox(motionFromSeed(`extreme-${i}`));
      const area = (v.right - v.left) * (v.bottom - v.top);
      if (area < least) [least, seed] = [area, `extreme-${i}`];
    }
    const motion = motionFromSeed(seed);
    const size = RESOLUTIONS.P480;
    const card = join(dir, 'extreme-card.png');
    const drawn = await drawCard({ ...SCRIPTS.longWords!, size, seed: 'k', outPath: card });
    const audio = join(dir, 'tone.wav');
    await writeSine(audio, 1.5);
    const out = join(dir, 'extreme.mp4');
    await encodeSegment({ imagePath: card, audioPath: audio, size, fps: 24, preset: 'ULTRAFAST', outPath: out, motionSeed: seed });
    // The most zoomed frame is the first or the last.
    const zoomedLast = motion.zoomTo > motion.zoomFrom;
    const frame = join(dir, 'extreme-frame.png');
    await execFileP('ffmpeg', ['-v', 'error', '-y', ...(zoomedLast ? ['-sseof', '-0.05'] : []), '-i', out, '-frames:v', '1', frame]);
    const { data, info } = await sharp(frame).raw().toBuffer({ resolveWithObject: true });
    const box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity, count: 0 };
    for (let i = 0; i < data.length; i += info.channels) {
      if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) continue; // white text only
      const x = (i / info.channels) % info.width;
      const y = Math.floor(i / info.channels / info.width);
      box.count++;
      [box.left, box.right, box.top, box.bottom] = [Math.min(box.left, x), Math.max(box.right, x), Math.min(box.top, y), Math.max(box.bottom, y)];
    }
    console.info(
      `Ken Burns extreme (seed ${seed}, zoom ${Math.max(motion.zoomFrom, motion.zoomTo).toFixed(3)}): white text x ${box.left}–${box.right}, y ${box.top}–${box.bottom} of ${info.width}×${info.height}; card text ${JSON.stringify(drawn.textBox)}`,
    );
    expect(box.count).toBeGreaterThan(1000);
    // At least half the margin is left on every side (the zoom enlarges it; encoding blurs edges by a pixel or two).
    const room = (size.width * SAFE_MARGIN) / 2;
    expect(box.left).toBeGreaterThanOrEqual(room);
    expect(box.right).toBeLessThanOrEqual(info.width - room);
    expect(box.top).toBeGreaterThanOrEqual(room);
  });
});
