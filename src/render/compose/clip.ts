// A user's video clip as a scene's picture: probed, looped or cut to the segment's length,
// cover-cropped to the output size, at the output frame rate.
import { resolve } from 'node:path';
import { PermanentMediaError, type Size } from '../types.js';
import { probe } from './probe.js';
import { FFPROBE, runTool, ToolError } from './run.js';

export interface ClipInfo {
  /** Coded size (before autorotation). */
  width: number;
  height: number;
  /** Video stream length (container length when the stream has none); 0 when unknown. */
  durationMs: number;
  /** The YCbCr matrix to decode with, as swscale names it. */
  colorMatrix: string;
}

interface ClipProbe {
  streams?: { width?: number; height?: number; pix_fmt?: string; duration?: string; color_space?: string }[];
  format?: { duration?: string };
}

/** ffprobe's color_space → swscale's in_color_matrix. */
const MATRICES: Record<string, string> = {
  bt709: 'bt709',
  smpte170m: 'smpte170m',
  bt470bg: 'bt470',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
  smpte240m: 'smpte240m',
  fcc: 'fcc',
};

function undecodable(path: string): PermanentMediaError {
  return new PermanentMediaError(`Video clip ${path} has no decodable frames`);
}

/** ffmpeg's exit code when more than -max_error_rate (default 2/3) of the decoded frames failed. */
const TOO_MANY_DECODE_ERRORS = 69;

/** The clip's fault when ffmpeg gave up on decoding it; any other failure is passed on as it is. */
export function clipEncodeError(e: unknown, clipPath: string): unknown {
  if (e instanceof ToolError && e.exitCode === TOO_MANY_DECODE_ERRORS) {
    return new PermanentMediaError(`Video clip ${clipPath} does not decode: most of its frames are corrupt`);
  }
  return e;
}

/**
 * Reads the clip's first real video stream (cover art in an audio file does not count). An
 * unreadable file or one without a video stream is a permanent error.
 */
export async function probeClip(path: string, signal?: AbortSignal): Promise<ClipInfo> {
  let stdout: string;
  try {
    ({ stdout } = await runTool(
      FFPROBE,
      [
        '-v',
        'error',
        '-print_format',
        'json',
        // 'V': video streams that are not attached pictures.
        '-select_streams',
        'V:0',
        '-show_entries',
        'stream=width,height,pix_fmt,duration,color_space:format=duration',
        resolve(path),
      ],
      signal,
    ));
  } catch (e) {
    if (e instanceof ToolError && e.exitCode !== null) {
      throw new PermanentMediaError(`Unreadable video clip ${path}: ${e.stderrTail || e.message}`);
    }
    throw e;
  }
  const data = JSON.parse(stdout) as ClipProbe;
  const s = data.streams?.[0];
  if (!s) throw new PermanentMediaError(`No video stream in clip ${path}`);
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  if (!(width > 0 && height > 0)) throw new PermanentMediaError(`Video clip ${path} has no picture size`);
  // ffprobe learns the pixel format by decoding the first frames; without it ffmpeg would fail with
  // "Cannot determine format of input stream".
  if (!s.pix_fmt || s.pix_fmt === 'unknown') throw undecodable(path);
  const seconds = Number(s.duration ?? data.format?.duration);
  // Untagged: what players assume, BT.709 for HD and BT.601 below.
  const colorMatrix = MATRICES[s.color_space ?? ''] ?? (Math.min(width, height) >= 720 ? 'bt709' : 'bt601');
  return { width, height, durationMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0, colorMatrix };
}

/**
 * Input options for the clip: its audio, subtitles and data streams are not read; it is played as
 * many times as the segment needs (`-stream_loop`, a bounded count when its length is known so a
 * clip that decodes to nothing cannot loop forever). Autorotation stays on (ffmpeg's default), so
 * a phone clip's rotation side data turns the frames upright before the graph.
 */
export function clipInputArgs(path: string, info: ClipInfo, segmentMs: number): string[] {
  const loops = info.durationMs > 0 ? Math.ceil(segmentMs / info.durationMs) : -1;
  return ['-an', '-sn', '-dn', '-stream_loop', String(loops), '-i', resolve(path)];
}

/**
 * Clip frames → exactly `frames` RGB frames of `size` at `fps`, constant rate, square pixels:
 * retimed first (so a 60 fps clip is not scaled twice over), held on its last frame if it runs
 * short, cut, centre-cropped in source pixels to the output's aspect (display aspect, so anamorphic
 * clips come out right) and scaled once. RGB, like the still path, so subtitles are blended and
 * converted to yuv420p by the same steps; the crop/scale expressions are quoted for the graph parser.
 */
export function clipFilters(info: ClipInfo, frames: number, size: Size, fps: number): string[] {
  const { width: w, height: h } = size;
  return [
    'setpts=PTS-STARTPTS',
    `fps=${fps}`,
    'tpad=stop=-1:stop_mode=clone',
    `trim=end_frame=${frames}`,
    `crop=w='min(iw,ih*${w}/${h}/sar)':h='min(ih,iw*sar*${h}/${w})'`,
    `scale=${w}:${h}:in_color_matrix=${info.colorMatrix}`,
    'format=rgb24',
    'setsar=1',
  ];
}

/**
 * A clip that probes fine but whose frames all fail to decode still "encodes": ffmpeg writes the
 * narration alone and exits 0. Checked on the finished segment, as that is the only place it shows.
 */
export async function assertClipDecoded(outPath: string, clipPath: string, signal?: AbortSignal): Promise<void> {
  const made = await probe(outPath, signal);
  if (!made.video || !((made.video.durationMs ?? made.durationMs) > 0)) {
    throw undecodable(clipPath);
  }
}
