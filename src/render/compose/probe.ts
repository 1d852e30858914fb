// Reads a media file's duration and first video/audio stream parameters with ffprobe.
import { resolve } from 'node:path';
import { PermanentMediaError } from '../types.js';
import { FFPROBE, runTool, ToolError } from './run.js';

export interface ProbeResult {
  /** Container duration (fractional ms, µs precision); 0 when unknown (e.g. a still image). */
  durationMs: number;
  video?: { codec: string; width: number; height: number; fps: number; pixFmt: string; durationMs?: number };
  audio?: { codec: string; sampleRate: number; channels: number; durationMs?: number };
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { duration?: string };
}

function rate(s: string | undefined): number {
  if (!s) return 0;
  const [n, d] = s.split('/').map(Number);
  if (n === undefined || !Number.isFinite(n)) return 0;
  if (d === undefined) return n;
  return d > 0 ? n / d : 0;
}

/** Milliseconds kept to the microsecond: segment lengths are summed and must not drift by rounding. */
function ms(seconds: string | undefined): number | undefined {
  const v = Number(seconds);
  return seconds !== undefined && Number.isFinite(v) ? Math.round(v * 1e6) / 1e3 : undefined;
}

/** Throws PermanentMediaError when ffprobe cannot read the file (missing, corrupt, not media). */
export async function probe(path: string, signal?: AbortSignal): Promise<ProbeResult> {
  let stdout: string;
  try {
    ({ stdout } = await runTool(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', resolve(path)], signal));
  } catch (e) {
    // A non-zero exit means the input is unreadable; a spawn failure or abort is not the input's fault.
    if (e instanceof ToolError && e.exitCode !== null) {
      throw new PermanentMediaError(`Unreadable media ${path}: ${e.stderrTail || e.message}`);
    }
    throw e;
  }
  const data = JSON.parse(stdout) as FfprobeOutput;
  const streams = data.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video');
  const a = streams.find((s) => s.codec_type === 'audio');
  const result: ProbeResult = { durationMs: ms(data.format?.duration) ?? 0 };
  if (v) {
    result.video = {
      codec: v.codec_name ?? 'unknown',
      width: v.width ?? 0,
      height: v.height ?? 0,
      fps: rate(v.avg_frame_rate) || rate(v.r_frame_rate),
      pixFmt: v.pix_fmt ?? 'unknown',
      durationMs: ms(v.duration),
    };
  }
  if (a) {
    result.audio = {
      codec: a.codec_name ?? 'unknown',
      sampleRate: Number(a.sample_rate ?? 0),
      channels: a.channels ?? 0,
      durationMs: ms(a.duration),
    };
  }
  return result;
}
