// What the resolved ffmpeg can do, asked once per process: the npm build (2018) lacks options that
// Debian's ffmpeg 5.1 has, and its libass has no HarfBuzz. Commands are built from these answers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentMediaError } from '../types.js';
import { FFMPEG, runTool, ToolError } from './run.js';

export interface FfmpegFeatures {
  /** The mp4 muxer's -movie_timescale (ffmpeg ≥ 4.3). */
  movieTimescale: boolean;
  /** amix's normalize option (ffmpeg ≥ 4.4); without it amix divides by the number of inputs. */
  amixNormalize: boolean;
  /** The ass filter (libass). */
  libass: boolean;
  /** libass shapes with HarfBuzz (Devanagari conjuncts, Arabic joining); else FriBidi only. */
  harfbuzz: boolean;
  /** The ass filter takes shaping=complex. */
  assShaping: boolean;
}

async function help(topic: string): Promise<string> {
  try {
    return (await runTool(FFMPEG, ['-hide_banner', '-h', topic])).stdout;
  } catch (e) {
    if (e instanceof ToolError) return '';
    throw e;
  }
}

const PROBE_ASS =
  '[Script Info]\nScriptType: v4.00+\nPlayResX: 16\nPlayResY: 16\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize\nStyle: Default,Sans,8\n\n[Events]\nFormat: Layer, Start, End, Style, Text\n';

/** libass names its shapers when it starts ("Shaper: FriBidi 1.0.8 (SIMPLE) HarfBuzz-ng 6.0.0 (COMPLEX)"). */
async function libassShaper(): Promise<{ libass: boolean; harfbuzz: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), 'reelforge-ffmpeg-'));
  try {
    const ass = join(dir, 'probe.ass');
    const fonts = join(dir, 'fonts.conf');
    await writeFile(ass, PROBE_ASS);
    // No font directories: otherwise the first run of an ffmpeg with its own fontconfig scans and
    // caches every system font first (18 s here with Noto CJK), for an answer that needs no font.
    await writeFile(fonts, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    let stderr: string;
    try {
      ({ stderr } = await runTool(
        FFMPEG,
        [
          '-hide_banner',
          '-nostdin',
          '-v',
          'verbose',
          '-f',
          'lavfi',
          '-i',
          'color=c=black:s=16x16:d=0.04',
          '-vf',
          `ass=filename=${ass}`,
          '-frames:v',
          '1',
          '-f',
          'null',
          '-',
        ],
        undefined,
        { env: { ...process.env, FONTCONFIG_FILE: fonts } },
      ));
    } catch (e) {
      if (!(e instanceof ToolError)) throw e;
      stderr = e.stderrTail;
    }
    const shaper = /Shaper:[^\n]*/.exec(stderr)?.[0] ?? '';
    return { libass: shaper !== '', harfbuzz: /HarfBuzz/i.test(shaper) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function detect(): Promise<FfmpegFeatures> {
  const [mp4, amix, ass, shaper] = await Promise.all([help('muxer=mp4'), help('filter=amix'), help('filter=ass'), libassShaper()]);
  return {
    movieTimescale: /-movie_timescale\b/.test(mp4),
    amixNormalize: /^\s*normalize\s/m.test(amix),
    libass: shaper.libass || /^ass AVOptions/m.test(ass),
    harfbuzz: shaper.harfbuzz,
    assShaping: /^\s*shaping\s/m.test(ass),
  };
}

let features: Promise<FfmpegFeatures> | undefined;

/** Asked once per process (a failed probe, e.g. ffmpeg missing, is asked again next time). */
export function ffmpegFeatures(): Promise<FfmpegFeatures> {
  features ??= detect().catch((e: unknown) => {
    features = undefined;
    throw e;
  });
  return features;
}

/** What an ffmpeg without some features costs, in words for the start-up log (empty: nothing). */
export function ffmpegShortfalls(f: FfmpegFeatures): string[] {
  const out: string[] = [];
  if (!f.libass) out.push('no libass: subtitles cannot be burned in (renders with subtitles fail)');
  else if (!f.harfbuzz) out.push('libass without HarfBuzz: Arabic, Devanagari and other complex-script subtitles are not shaped (letters unjoined)');
  if (!f.movieTimescale) out.push('no -movie_timescale: MP4 durations are rounded to the millisecond');
  return out;
}

/** The subtitle burn-in filter for an escaped file name: HarfBuzz shaping where libass has it. */
export function assFilter(escapedPath: string, f: FfmpegFeatures): string {
  if (!f.libass) throw new PermanentMediaError('ffmpeg has no ass filter (libass): subtitles cannot be burned in; apt-get install ffmpeg');
  return `ass=filename=${escapedPath}${f.assShaping && f.harfbuzz ? ':shaping=complex' : ''}`;
}
