// The reel's whole audio track, made from the scenes' narration alone, so it can be mixed while the
// video segments are still encoding: each narration is placed where its segment will start.
import { resolve } from 'node:path';
import { aacArgs, AUDIO_NORMALIZE, AUDIO_SAMPLE_RATE } from './encoderArgs.js';
import { ffmpegFeatures } from './features.js';
import { audioDurationMs } from './audioDuration.js';
import { FFMPEG, runTool } from './run.js';
import { segmentTiming } from './segment.js';
import { mixGraph } from './stitch.js';

export interface SoundtrackOptions {
  /** Narration audio files, in scene order (the same files the segments are encoded from). */
  narrations: string[];
  fps: 24 | 30;
  outPath: string;
  music?: { path: string; volume: number; duck?: boolean } | null;
  signal?: AbortSignal;
}

/**
 * Writes an AAC track whose scene i starts exactly where segment i's video starts in the stitched
 * reel (segment lengths follow from the narration lengths: segmentTiming), with music mixed in one
 * pass. Its length is the reel's.
 */
export async function mixSoundtrack(o: SoundtrackOptions): Promise<{ durationMs: number; scenes: { startMs: number; durationMs: number }[] }> {
  if (o.narrations.length === 0) throw new Error('mixSoundtrack needs at least one narration');
  const [lengths, features] = await Promise.all([Promise.all(o.narrations.map((p) => audioDurationMs(p, o.signal))), ffmpegFeatures()]);
  // Each scene lasts its segment's whole frames; samples are counted so that scenes never drift.
  let endSample = 0;
  const scenes: { startMs: number; durationMs: number }[] = [];
  const parts = lengths.map((audioMs, i) => {
    const { frames } = segmentTiming(audioMs, o.fps);
    const start = endSample;
    endSample = Math.round((frames / o.fps) * AUDIO_SAMPLE_RATE) + start;
    const samples = endSample - start;
    scenes.push({ startMs: (start / AUDIO_SAMPLE_RATE) * 1000, durationMs: (samples / AUDIO_SAMPLE_RATE) * 1000 });
    return `[${i}:a]asetpts=PTS-STARTPTS,${AUDIO_NORMALIZE},apad=whole_len=${samples},atrim=end_sample=${samples}[s${i}]`;
  });
  const totalS = endSample / AUDIO_SAMPLE_RATE;
  const joined = `${o.narrations.map((_, i) => `[s${i}]`).join('')}concat=n=${o.narrations.length}:v=0:a=1`;
  const musicIndex = o.narrations.length;
  const graph = o.music
    ? `${parts.join(';')};${mixGraph(`${joined},anull`, `[${musicIndex}:a]`, totalS, o.music.volume, o.music.duck ?? true, features)}`
    : `${parts.join(';')};${joined}[a]`;
  await runTool(
    FFMPEG,
    [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-y',
      ...o.narrations.flatMap((p) => ['-i', resolve(p)]),
      ...(o.music ? ['-stream_loop', '-1', '-i', resolve(o.music.path)] : []),
      '-filter_complex',
      graph,
      '-map',
      '[a]',
      ...aacArgs(),
      '-movflags',
      '+faststart',
      resolve(o.outPath),
    ],
    o.signal,
  );
  return { durationMs: totalS * 1000, scenes };
}
