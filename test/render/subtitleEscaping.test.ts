// Braces and backslashes in narration, burned in by libass: what is drawn is what was typed. Checked
// against libass drawing the same characters where they need no escaping, and against ffmpeg's
// drawtext (no override syntax at all) drawing the same text with the same font.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAss } from '../../src/render/subtitles.js';
import { RESOLUTIONS } from '../../src/render/types.js';
import { burnFrames, inkBox, type Frame } from './assFrames.js';

const execFileP = promisify(execFile);
const SIZE = RESOLUTIONS.P480;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reelforge-escaping-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Our subtitle file for one PLAIN line, and the same file with the line's text swapped for `raw`. */
function plainAss(text: string, raw?: string): string {
  const ass = buildAss([{ word: text, startMs: 0, endMs: 900 }], { style: 'PLAIN', size: SIZE });
  if (raw === undefined) return ass;
  return ass.replace(/^(Dialogue: (?:[^,]*,){9}).*$/m, (_m, head: string) => `${head}${raw}`);
}

let n = 0;
async function draw(ass: string): Promise<Frame> {
  const name = `l${n++}`;
  const assPath = join(dir, `${name}.ass`);
  await writeFile(assPath, ass);
  const { frames } = await burnFrames({ assPath, size: SIZE, durationS: 1, timesS: [0.5], outDir: join(dir, name) });
  return frames[0]!;
}

/** ffmpeg's drawtext: the text file as is (expansion off), the font libass picks for our style. */
async function drawtext(text: string): Promise<Frame> {
  const name = `d${n++}`;
  const textPath = join(dir, `${name}.txt`);
  const png = join(dir, `${name}.png`);
  await writeFile(textPath, text);
  const { stdout: font } = await execFileP('fc-match', ['-f', '%{file}', 'DejaVu Sans:bold']);
  await execFileP('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=black:s=${SIZE.width}x${SIZE.height}`,
    '-vf',
    `drawtext=fontfile=${font}:textfile=${textPath}:expansion=none:fontsize=30:fontcolor=white:x=20:y=400`,
    '-frames:v',
    '1',
    png,
  ]);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The text's ink, cut out and scaled to a fixed size in grey, so two renderers can be compared. */
async function inkShape(f: Frame): Promise<Buffer> {
  const box = inkBox(f)!;
  return sharp(f.data, { raw: { width: f.width, height: f.height, channels: 3 } })
    .extract({ left: box.left, top: box.top, width: box.right - box.left + 1, height: box.bottom - box.top + 1 })
    .resize(360, 30, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer();
}

function meanDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('braces and backslashes in subtitles', () => {
  it.each([
    ['a backslash before a letter', 'x\\y z\\q', 'x\\y z\\q'],
    ['a backslash ending a Hindi word', 'नमस्ते\\', 'नमस्ते\\'],
    ['a backslash inside Arabic', 'مرحبا\\بكم', 'مرحبا\\بكم'],
    ['a brace nothing closes', 'a{b', 'a{b'],
  ])('%s is drawn exactly as libass draws it unescaped (the word joiner is invisible, shaping unchanged)', async (_what, typed, raw) => {
    const ours = plainAss(typed);
    expect(ours).toMatch(/\u2060|\\\{/); // it was escaped…
    const [escaped, plain] = await Promise.all([draw(ours), draw(plainAss(typed, raw))]);
    expect(inkBox(escaped)).not.toBeNull();
    expect(escaped.data.equals(plain.data)).toBe(true); // …and draws the same pixels
  });

  it('an override typed by a user is shown, not applied, and line-break sequences stay on the line', async () => {
    const typed = '{\\fs200}a\\Nb\\h{\\b0}';
    const [frame, size, reference] = await Promise.all([
      draw(plainAss(typed)),
      draw(plainAss('fs200ab')), // same style, nothing to escape: the height of one normal line
      drawtext(typed),
    ]);
    const box = inkBox(frame)!;
    const normal = inkBox(size)!;
    // Not 200 px high, not broken onto two lines: the size of one ordinary line (braces reach a
    // little above and below the letters).
    expect(box.bottom - box.top).toBeLessThan((normal.bottom - normal.top) * 1.5);
    expect(box.bottom - box.top).toBeGreaterThan((normal.bottom - normal.top) * 0.8);
    // The glyphs drawn are the typed ones: the shape matches drawtext's far better than what the
    // old look-alike substitution drew.
    const lookAlike = await draw(plainAss('(\u2216fs200)a\u2216Nb\u2216h(\u2216b0)'));
    const ref = await inkShape(reference);
    const ours = meanDiff(await inkShape(frame), ref);
    const wrong = meanDiff(await inkShape(lookAlike), ref);
    expect(ours).toBeLessThan(wrong / 2);
  });
});
