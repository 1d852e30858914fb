// Offline title cards and fitting of supplied images, rendered for real with sharp.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, drawCard, paletteFor } from '../../src/render/images/card.js';
import { fitImage } from '../../src/render/images/fit.js';
import { keyWords } from '../../src/render/images/keyWords.js';
import { PermanentMediaError, RESOLUTIONS } from '../../src/render/types.js';

const TEXT = 'The history of the Roman Empire spans more than a thousand years, from 27 BC to 1453.';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-card-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('drawCard', () => {
  it('writes a PNG of exactly the output size', async () => {
    for (const size of [RESOLUTIONS.P480, RESOLUTIONS.P720]) {
      const outPath = join(dir, `size-${size.width}.png`);
      const started = performance.now();
      const img = await drawCard({ text: TEXT, size, seed: 'project-1', outPath });
      console.info(`drawCard ${size.width}x${size.height}: ${(performance.now() - started).toFixed(0)} ms`);
      expect(img).toMatchObject({ path: outPath, mime: 'image/png', width: size.width, height: size.height, bytes: (await stat(outPath)).size });
      const meta = await sharp(outPath).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size.width, size.height]);
    }
  });

  it('is deterministic: same input, same bytes', async () => {
    const a = join(dir, 'a.png');
    const b = join(dir, 'b.png');
    await drawCard({ text: TEXT, size: RESOLUTIONS.P480, seed: 'same', outPath: a });
    await drawCard({ text: TEXT, size: RESOLUTIONS.P480, seed: 'same', outPath: b });
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
  });

  it('different seeds give different colours', async () => {
    const a = join(dir, 'seed-a.png');
    const b = join(dir, 'seed-b.png');
    await drawCard({ text: TEXT, size: RESOLUTIONS.P480, seed: 'seed-a', outPath: a });
    await drawCard({ text: TEXT, size: RESOLUTIONS.P480, seed: 'seed-b', outPath: b });
    expect((await readFile(a)).equals(await readFile(b))).toBe(false);
    expect(paletteFor('seed-a')).not.toEqual(paletteFor('seed-b'));
    // Top-left corners (gradient only, no text) differ in colour.
    const corner = async (p: string) => (await sharp(p).extract({ left: 0, top: 0, width: 4, height: 4 }).raw().toBuffer()).toString('hex');
    expect(await corner(a)).not.toBe(await corner(b));
  });

  it('draws the key words as visible light text over a dark gradient', async () => {
    const outPath = join(dir, 'text.png');
    await drawCard({ text: TEXT, size: RESOLUTIONS.P480, seed: 'x', outPath });
    const px = await sharp(outPath).raw().toBuffer();
    let white = 0;
    for (let p = 0; p < px.length; p += 3) if (px[p]! > 240 && px[p + 1]! > 240 && px[p + 2]! > 240) white++;
    expect(white).toBeGreaterThan(2000);
    // The background is dark enough for white text: the bottom corner is below mid-grey.
    const bottom = await sharp(outPath).extract({ left: 0, top: 850, width: 4, height: 4 }).raw().toBuffer();
    expect(Math.max(...bottom)).toBeLessThan(128);
    const blank = join(dir, 'blank.png');
    await drawCard({ text: '', size: RESOLUTIONS.P480, seed: 'x', outPath: blank });
    const plain = await sharp(blank).raw().toBuffer();
    let plainWhite = 0;
    for (let p = 0; p < plain.length; p += 3) if (plain[p]! > 240 && plain[p + 1]! > 240 && plain[p + 2]! > 240) plainWhite++;
    expect(plainWhite).toBe(0);
  });

  it('draws markup, control characters and lone surrogates as plain text, never as Pango markup', async () => {
    const text =
      'Tom & Jerry <span foreground="red" size="300000">RED</span> said \'hi\' — &amp; über naïve café 東京 ' +
      'bad\u0000bytes \ud800lone \uffffnon <b>bold</b> ]]> <!-- -->';
    const outPath = join(dir, 'markup.jpg');
    const img = await drawCard({ text, size: RESOLUTIONS.P480, seed: 'xml', outPath });
    expect(img.mime).toBe('image/jpeg');
    expect(img.textBox).not.toBeNull();
    const meta = await sharp(outPath).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 854]);
    // No red text: the span was drawn as characters, not applied.
    const px = await sharp(outPath).raw().toBuffer();
    let red = 0;
    for (let p = 0; p < px.length; p += 3) if (px[p]! > 180 && px[p + 1]! < 90 && px[p + 2]! < 90) red++;
    expect(red).toBe(0);
    expect(cardText(text)).toContain('>RED</SPAN');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL must never reach Pango
    expect(cardText(text)).not.toMatch(/[\u0000\ud800\uffff]/u);
  });
});

describe('keyWords', () => {
  it('keeps names and numbers, drops stop words, in text order', () => {
    const words = keyWords(TEXT);
    expect(words.length).toBeGreaterThanOrEqual(3);
    expect(words.length).toBeLessThanOrEqual(6);
    expect(words).toContain('Roman');
    expect(words).toContain('1453');
    for (const stop of ['The', 'the', 'of', 'than', 'a', 'to', 'from']) expect(words).not.toContain(stop);
    const positions = words.map((w) => TEXT.indexOf(w));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('keeps the combining marks that end words in Devanagari and Bengali, and strips punctuation around them', () => {
    expect(keyWords('नमस्ते दुनिया, यह एक परीक्षण है।')).toEqual(expect.arrayContaining(['नमस्ते', 'दुनिया']));
    expect(keyWords('“नमस्ते” দুনিয়া!').slice(0, 2)).toEqual(['नमस्ते', 'দুনিয়া']);
  });

  it('splits Chinese, Japanese and Thai, written without spaces, into dictionary words', () => {
    const zh = keyWords('中华人民共和国是世界上人口最多的国家之一，拥有悠久的历史和灿烂的文化。', { language: 'zh' });
    expect(zh.length).toBeGreaterThanOrEqual(3);
    expect(zh.length).toBeLessThanOrEqual(6);
    expect(zh).toContain('共和国');
    expect(zh.every((w) => w.length < 8 && !/[，。]/u.test(w))).toBe(true);
    const ja = keyWords('東京は日本の首都で、世界で最も人口の多い都市圏です。', { language: 'ja' });
    expect(ja).toEqual(expect.arrayContaining(['東京', '日本', '首都']));
    expect(keyWords('ประเทศไทยมีวัฒนธรรมที่หลากหลาย', { language: 'th' })).toContain('ประเทศไทย');
  });

  it('never returns more than six words, and tops short texts up', () => {
    expect(keyWords(TEXT.repeat(5)).length).toBeLessThanOrEqual(6);
    expect(keyWords('It is on the way')).toHaveLength(3);
    expect(keyWords('Go!')).toEqual(['Go']);
    expect(keyWords('')).toEqual([]);
  });
});

describe('fitImage', () => {
  it('cover-crops any aspect to the exact frame as metadata-free JPEG', async () => {
    const wide = join(dir, 'wide.jpg');
    await sharp({ create: { width: 1600, height: 600, channels: 3, background: '#3366cc' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-owner', Artist: 'someone' } } })
      .toFile(wide);
    expect((await sharp(wide).metadata()).exif).toBeDefined();

    const out = join(dir, 'fit.jpg');
    const img = await fitImage(wide, RESOLUTIONS.P480, out);
    expect(img).toEqual({ path: out, mime: 'image/jpeg', width: 480, height: 854, bytes: (await stat(out)).size });
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 854]);
    expect(meta.exif).toBeUndefined();
    expect((await readFile(out)).includes('secret-owner')).toBe(false);
  });

  it('upscales small images and flattens transparency', async () => {
    const small = join(dir, 'small.png');
    await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toFile(small);
    const out = join(dir, 'small-fit.jpg');
    await fitImage(small, RESOLUTIONS.P720, out);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([720, 1280, false]);
  });

  it('throws PermanentMediaError for non-images, truncated and missing files', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'this is not an image\n');
    await expect(fitImage(text, RESOLUTIONS.P480, join(dir, 'o1.jpg'))).rejects.toBeInstanceOf(PermanentMediaError);

    const full = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#888' } })
      .composite([{ input: Buffer.from('<svg width="300" height="300"><circle cx="150" cy="150" r="100" fill="red"/></svg>') }])
      .png()
      .toBuffer();
    const truncated = join(dir, 'truncated.png');
    await writeFile(truncated, full.subarray(0, Math.floor(full.length / 2)));
    await expect(fitImage(truncated, RESOLUTIONS.P480, join(dir, 'o2.jpg'))).rejects.toBeInstanceOf(PermanentMediaError);

    await expect(fitImage(join(dir, 'missing.png'), RESOLUTIONS.P480, join(dir, 'o3.jpg'))).rejects.toBeInstanceOf(PermanentMediaError);
  });
});
