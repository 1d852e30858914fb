// Benchmark baseline: the same x264 settings on a flat colour, no image work, no subtitles.
import { resolve } from 'node:path';
import type { Preset, Size } from '../types.js';
import { mp4Args, x264Args } from './encoderArgs.js';
import { ffmpegFeatures } from './features.js';
import { FFMPEG, runTool } from './run.js';

export async function bareEncode(o: { size: Size; fps: number; durationMs: number; preset: Preset; outPath: string; signal?: AbortSignal }): Promise<void> {
  const frames = Math.max(1, Math.round((o.durationMs * o.fps) / 1000));
  await runTool(
    FFMPEG,
    [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=0x336699:s=${o.size.width}x${o.size.height}:r=${o.fps}`,
      '-frames:v',
      String(frames),
      ...x264Args(o.preset, o.fps),
      ...mp4Args(await ffmpegFeatures()),
      resolve(o.outPath),
    ],
    o.signal,
  );
}
