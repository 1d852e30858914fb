// Burns an ASS file into a black clip with ffmpeg/libass as segments do (our fontconfig, HarfBuzz
// shaping) and hands back chosen frames as RGB pixels, with what libass said about fonts.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { escapeFilterValue } from '../../src/render/compose/filterEscape.js';
import { fontEnv } from '../../src/render/fonts/fontconfig.js';
import type { Size } from '../../src/render/types.js';

export interface Frame {
  data: Buffer;
  width: number;
  height: number;
}

export interface BurnResult {
  frames: Frame[];
  /** libass's verbose log (font selection, glyphs it found in no font). */
  log: string;
  /** The PNGs, for looking at. */
  paths: string[];
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * One ffmpeg run: a black `size` clip of `durationS` at `fps`, the subtitles burned in, the frames at
 * `timesS` written to `outDir`. `fontconfig` replaces our fontconfig file, `shaping` our shaping.
 */
export async function burnFrames(o: {
  assPath: string;
  size: Size;
  durationS: number;
  timesS: number[];
  outDir: string;
  fps?: number;
  fontconfig?: string;
  shaping?: 'complex' | 'simple';
}): Promise<BurnResult> {
  const fps = o.fps ?? 20;
  const indexes = o.timesS.map((t) => Math.round(t * fps));
  await rm(o.outDir, { recursive: true, force: true });
  await mkdir(o.outDir, { recursive: true });
  const select = indexes.map((n) => `eq(n\\,${n})`).join('+');
  const r = await run(
    [
      '-hide_banner',
      '-nostdin',
      '-v',
      'verbose',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=black:s=${o.size.width}x${o.size.height}:r=${fps}:d=${o.durationS}`,
      '-vf',
      `ass=filename=${escapeFilterValue(o.assPath)}:shaping=${o.shaping ?? 'complex'},select=${select}`,
      '-fps_mode',
      'passthrough',
      join(o.outDir, 'f%03d.png'),
    ],
    await fontEnv(o.fontconfig),
  );
  if (r.code !== 0) throw new Error(`ffmpeg failed: ${r.stderr.slice(-800)}`);
  const paths = (await readdir(o.outDir))
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(o.outDir, f));
  if (paths.length !== indexes.length) throw new Error(`expected ${indexes.length} frames, got ${paths.length}`);
  const frames = await Promise.all(
    paths.map(async (p) => {
      const { data, info } = await sharp(p).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    }),
  );
  const log = r.stderr
    .split('\n')
    .filter((l) => l.includes('Parsed_ass'))
    .join('\n');
  return { frames, log, paths };
}

/** Code points libass found in no font ("failed to find any fallback with glyph 0x…"). */
export function glyphsWithoutFont(log: string): number[] {
  return [...log.matchAll(/failed to find any fallback with glyph 0x([0-9A-Fa-f]+)/g)].map((m) => parseInt(m[1]!, 16));
}

const isGold = (r: number, g: number, b: number) => r > 200 && g > 150 && g < 235 && b < 90;
const isWhite = (r: number, g: number, b: number) => r > 200 && g > 200 && b > 200;

/** Which pixel columns hold highlighted (gold) and unsung (white) text. */
export function textColumns(f: Frame): { gold: number[]; white: number[] } {
  const gold: number[] = [];
  const white: number[] = [];
  for (let x = 0; x < f.width; x++) {
    let g = false;
    let w = false;
    for (let y = 0; y < f.height && !(g && w); y++) {
      const p = (y * f.width + x) * 3;
      const [r, gg, b] = [f.data[p]!, f.data[p + 1]!, f.data[p + 2]!];
      if (isGold(r, gg, b)) g = true;
      else if (isWhite(r, gg, b)) w = true;
    }
    if (g) gold.push(x);
    if (w) white.push(x);
  }
  return { gold, white };
}

/** The bounding box of every pixel brighter than the outline and shadow. */
export function inkBox(f: Frame): { left: number; top: number; right: number; bottom: number } | null {
  let left = Infinity;
  let top = Infinity;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < f.height; y++) {
    for (let x = 0; x < f.width; x++) {
      const p = (y * f.width + x) * 3;
      if (f.data[p]! + f.data[p + 1]! + f.data[p + 2]! > 450) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return right < 0 ? null : { left, top, right, bottom };
}
