// Joins scene segments by stream copy (concat demuxer); optionally mixes in looped background music.
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { aacArgs, AUDIO_NORMALIZE, AUDIO_SAMPLE_RATE, mp4Args } from './encoderArgs.js';
import { type FfmpegFeatures, ffmpegFeatures } from './features.js';
import { probe, type ProbeResult } from './probe.js';
import { FFMPEG, runTool } from './run.js';

export interface StitchOptions {
  segmentPaths: string[];
  outPath: string;
  /** Where the concat list file is written. */
  workDir: string;
  /** volume 0–1; duck (default true) lowers the music by ~6–10 dB while the narration speaks. */
  music?: { path: string; volume: number; duck?: boolean } | null;
  /**
   * A finished audio track for the whole reel (see soundtrack.ts). When given, the stitch is pure
   * stream copy of both streams and `music` is ignored: the soundtrack already has it.
   */
  soundtrackPath?: string | null;
  /**
   * Each segment's video length (ms, whole frames), when the caller made them and knows: then the
   * segments are not probed. Only with soundtrackPath (video-only segments of one render's settings,
   * named by a hash of them, are compatible by construction). Each probe is a process spawned.
   */
  videoDurationsMs?: number[] | null;
  signal?: AbortSignal;
}

const MUSIC_FADE_OUT_S = 1.5;

/** ffconcat quotes: inside '…' only the quote itself needs care ('\'' closes, escapes, reopens). */
function concatLine(path: string): string {
  return `file '${path.replace(/'/g, "'\\''")}'`;
}

/** Copying only works if every segment has the first one's stream parameters (audio too, unless a soundtrack replaces it). */
function assertCompatible(paths: string[], infos: ProbeResult[], needAudio: boolean): void {
  const key = (p: ProbeResult) =>
    JSON.stringify([
      p.video?.codec,
      p.video?.width,
      p.video?.height,
      p.video?.fps,
      p.video?.pixFmt,
      ...(needAudio ? [p.audio?.codec, p.audio?.sampleRate, p.audio?.channels] : []),
    ]);
  const first = infos[0];
  if (!first?.video || (needAudio && !first.audio)) throw new Error(`Segment ${paths[0]} lacks a video or audio stream`);
  infos.forEach((info, i) => {
    if (key(info) !== key(first)) {
      throw new Error(`Segment ${paths[i]} differs from ${paths[0]}: ${key(info)} vs ${key(first)}`);
    }
  });
}

/**
 * Mixes narration (`narration`: a filter chain producing the voice, e.g. "[0:a]…") with looped music
 * (`musicIn`, e.g. "[1:a]") cut to `totalS`, faded out, ducked under the voice; output label [a].
 */
export function mixGraph(
  narration: string,
  musicIn: string,
  totalS: number,
  volume: number,
  duck: boolean,
  f: Pick<FfmpegFeatures, 'amixNormalize'> = { amixNormalize: true },
): string {
  const samples = Math.round(totalS * AUDIO_SAMPLE_RATE);
  const fade = Math.min(MUSIC_FADE_OUT_S, totalS / 4);
  const v = Math.min(1, Math.max(0, volume)).toFixed(4);
  // The looped music is cut to the video's length and faded; the narration is not faded.
  const music =
    `${musicIn}${AUDIO_NORMALIZE},volume=${v},atrim=end_sample=${samples},` + `afade=t=out:st=${(totalS - fade).toFixed(4)}:d=${fade.toFixed(4)}[m]`;
  // Without normalize (ffmpeg < 4.4) amix halves both inputs while both play, which they do throughout.
  const amix = f.amixNormalize ? 'amix=inputs=2:duration=first:dropout_transition=0:normalize=0' : 'amix=inputs=2:duration=first:dropout_transition=0,volume=2';
  const mix = `${amix},` + `apad=whole_len=${samples},atrim=end_sample=${samples}[a]`;
  if (!duck) return `${music};${narration}[n];[n][m]${mix}`;
  return `${music};${narration},asplit=2[n][key];` + `[m][key]sidechaincompress=threshold=0.05:ratio=4:attack=20:release=400[md];[n][md]${mix}`;
}

function musicGraph(totalS: number, volume: number, duck: boolean, f: FfmpegFeatures): string {
  return mixGraph(`[0:a]${NARRATION_ALIGN},${AUDIO_NORMALIZE}`, '[1:a]', totalS, volume, duck, f);
}

/** Like Promise.all, but waits for every task, so nothing still runs when the call fails. */
async function allSettled<T extends readonly unknown[]>(tasks: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Places narration by its timestamps: small gaps become silence, overlaps are trimmed, exactly. */
const NARRATION_ALIGN = 'aresample=async=1:min_hard_comp=0.001:first_pts=0';

function narrationGraph(totalS: number): string {
  const samples = Math.round(totalS * AUDIO_SAMPLE_RATE);
  return `[0:a]${NARRATION_ALIGN},${AUDIO_NORMALIZE},apad=whole_len=${samples},atrim=end_sample=${samples}[a]`;
}

/**
 * Video is joined by stream copy with each segment placed exactly at the end of the previous one's
 * video (the concat list's `duration`), so the frame rate stays constant. AAC frames never end
 * exactly on a video frame, so copying the audio too would either leave gaps in the video timeline
 * (a variable frame rate) or drift the narration; the audio is instead re-encoded in one cheap pass
 * (≈0.2 s for 30 s), aligned by timestamp, with the music mixed in when there is some.
 */
export async function stitchSegments(o: StitchOptions): Promise<{ durationMs: number }> {
  if (o.segmentPaths.length === 0) throw new Error('stitchSegments needs at least one segment');
  o.signal?.throwIfAborted();
  const outPath = resolve(o.outPath);
  const listPath = join(o.workDir, `concat-${process.pid}-${Date.now()}.ffconcat`);
  try {
    const music = o.soundtrackPath ? null : o.music;
    const features = await ffmpegFeatures();
    const known = o.soundtrackPath && o.videoDurationsMs ? o.videoDurationsMs : null;
    if (known && known.length !== o.segmentPaths.length) {
      throw new Error(`stitchSegments: ${known.length} durations for ${o.segmentPaths.length} segments`);
    }
    let videoMs: number[];
    if (known) {
      videoMs = known;
    } else {
      const [infos] = await allSettled<[ProbeResult[], ProbeResult | null]>([
        Promise.all(o.segmentPaths.map((p) => probe(p, o.signal))),
        music ? probe(music.path, o.signal) : Promise.resolve(null),
      ]);
      assertCompatible(o.segmentPaths, infos, !o.soundtrackPath);
      videoMs = infos.map((i) => i.video?.durationMs ?? i.durationMs);
    }
    const totalMs = videoMs.reduce((a, b) => a + b, 0);
    const lines = o.segmentPaths.map((p, i) => `${concatLine(resolve(p))}\nduration ${(videoMs[i]! / 1000).toFixed(6)}`);
    await writeFile(listPath, `ffconcat version 1.0\n${lines.join('\n')}\n`);
    // Both commands read the segments through the concat list and write a fast-start MP4 without metadata.
    const concatInput = ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', listPath];
    const mp4Output = [...mp4Args(features), '-movflags', '+faststart', '-map_metadata', '-1', outPath];
    if (o.soundtrackPath) {
      await runTool(
        FFMPEG,
        [...concatInput, '-i', resolve(o.soundtrackPath), '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', '-t', (totalMs / 1000).toFixed(6), ...mp4Output],
        o.signal,
      );
      return { durationMs: totalMs };
    }
    const graph = music ? musicGraph(totalMs / 1000, music.volume, music.duck ?? true, features) : narrationGraph(totalMs / 1000);
    await runTool(
      FFMPEG,
      [
        ...concatInput,
        ...(music ? ['-stream_loop', '-1', '-i', resolve(music.path)] : []),
        '-filter_complex',
        graph,
        '-map',
        '0:v:0',
        '-map',
        '[a]',
        '-c:v',
        'copy',
        ...aacArgs(),
        ...mp4Output,
      ],
      o.signal,
    );
    return { durationMs: totalMs };
  } catch (e) {
    await rm(outPath, { force: true });
    throw e;
  } finally {
    await rm(listPath, { force: true });
  }
}
