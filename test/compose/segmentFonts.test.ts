// A segment's burned-in subtitles use our fonts (the bundled emoji font) and HarfBuzz shaping: the
// frame matches libass drawing the same file that way, not the way plain system fonts and simple
// shaping draw it (a box for 🥲, unjoined Devanagari).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSegment } from '../../src/render/compose/segment.js';
import { buildAss } from '../../src/render/subtitles.js';
import { RESOLUTIONS } from '../../src/render/types.js';
import { burnFrames, type Frame } from '../render/assFrames.js';
import { grayFrame, meanAbsDiff, writeSine } from './media.js';

const SIZE = RESOLUTIONS.P480;
const FPS = 24;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-segfonts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Luma of the subtitle band (the lower middle of the frame), from a grey frame. */
const band = (gray: Buffer) => gray.subarray(SIZE.width * Math.round(SIZE.height * 0.6), SIZE.width * Math.round(SIZE.height * 0.8));
const luma = (f: Frame) =>
  sharp(f.data, { raw: { width: f.width, height: f.height, channels: 3 } })
    .greyscale()
    .raw()
    .toBuffer();

describe('encodeSegment subtitles', () => {
  it('draws new emoji and Devanagari with our fonts and complex shaping', async () => {
    const image = join(dir, 'black.png');
    const audio = join(dir, 'a.wav');
    const assPath = join(dir, 'subs.ass');
    const out = join(dir, 'seg.mp4');
    await Promise.all([
      sharp({ create: { width: SIZE.width, height: SIZE.height, channels: 3, background: '#000' } })
        .png()
        .toFile(image),
      writeSine(audio, 1),
      writeFile(assPath, buildAss([{ word: 'क्षत्रिय 🥲🫠', startMs: 0, endMs: 1000 }], { style: 'PLAIN', size: SIZE })),
    ]);
    await encodeSegment({ imagePath: image, audioPath: audio, assPath, size: SIZE, fps: FPS, preset: 'ULTRAFAST', outPath: out, motionSeed: 'fonts' });
    const frame = 12;
    const common = { assPath, size: SIZE, durationS: 1, timesS: [frame / FPS], fps: FPS };
    const [segment, good, bad] = await Promise.all([
      grayFrame(out, frame),
      burnFrames({ ...common, outDir: join(dir, 'good') }),
      burnFrames({ ...common, outDir: join(dir, 'bad'), fontconfig: '/etc/fonts/fonts.conf', shaping: 'simple' }),
    ]);
    const toGood = meanAbsDiff(band(segment), band(await luma(good.frames[0]!)));
    const toBad = meanAbsDiff(band(segment), band(await luma(bad.frames[0]!)));
    // The two references really differ (a box for 🥲/🫠, other Devanagari glyphs)…
    console.info(`segment frame vs our fonts: ${toGood.toFixed(2)}, vs system fonts + simple shaping: ${toBad.toFixed(2)}`);
    expect(toBad).toBeGreaterThan(1);
    // …and the segment is the good one, up to x264's loss.
    expect(toGood).toBeLessThan(toBad / 3);
  });
});
