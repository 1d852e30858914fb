// Test helpers for video-clip scenes: generated clips (landscape with a tone, rotated phone-style
// portrait, audio only) and the stream parameters that must match for a stream-copy concat.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const ffmpeg = (args: string[]) => execFileP('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);
const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

/** testsrc (moving pattern and a clock) with a loud 1 kHz tone, so leaked clip audio would show. */
export async function writeToneClip(path: string, o: { width: number; height: number; fps: number; seconds: number }): Promise<void> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${o.width}x${o.height}:rate=${o.fps}:duration=${o.seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=1000:duration=${o.seconds}:sample_rate=48000`,
    ...h264,
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-af',
    'volume=8',
    '-shortest',
    path,
  ]);
}

/**
 * Like a phone held upright: coded landscape 320x180 (left half white, right half black) with
 * rotation side data of 90°, so it displays as a 180x320 portrait whose top and bottom halves
 * differ, while a picture left unrotated would differ left to right instead.
 */
export async function writeRotatedClip(path: string, seconds: number): Promise<void> {
  const coded = `${path}.coded.mp4`;
  try {
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `color=c=white:size=320x180:rate=30:duration=${seconds},drawbox=x=160:y=0:w=160:h=180:color=black:t=fill`,
      ...h264,
      coded,
    ]);
    // ffmpeg 5 writes the display matrix from the 'rotate' tag only when stream-copying.
    await ffmpeg(['-i', coded, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', path]);
  } finally {
    await rm(coded, { force: true });
  }
}

export async function writeAudioOnly(path: string): Promise<void> {
  await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=660:duration=1', '-c:a', 'aac', path]);
}

/**
 * A copy of an MP4 whose media data is zeroed over its first `fraction`: it still probes as a video;
 * all zero, ffprobe finds no pixel format; half, the only keyframe is gone and nothing decodes.
 */
export async function writeZeroedMdat(from: string, to: string, fraction: number): Promise<void> {
  const data = await readFile(from);
  const at = data.indexOf('mdat', 0, 'latin1');
  if (at < 4) throw new Error(`no mdat box in ${from}`);
  const end = at - 4 + data.readUInt32BE(at - 4);
  data.fill(0, at + 4, at + 4 + Math.floor((Math.min(end, data.length) - at - 4) * fraction));
  await writeFile(to, data);
}

export async function rotationOf(path: string): Promise<number | undefined> {
  const { stdout } = await execFileP('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-of', 'json', path]);
  const s = (JSON.parse(stdout) as { streams: { side_data_list?: { rotation?: number }[] }[] }).streams[0];
  return s?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
}

/**
 * Every per-stream parameter a stream-copy concat relies on: codec, profile, level, size, SAR,
 * pixel format, frame rate, time base, colour tags, and the codec's extradata (the SPS/PPS in avcC
 * that the concat demuxer takes from the first segment and decodes all of them with).
 */
export async function concatParams(path: string): Promise<Record<string, unknown>[]> {
  const { stdout } = await execFileP('ffprobe', [
    '-v',
    'error',
    '-show_data',
    '-of',
    'json',
    '-show_entries',
    'stream=codec_type,codec_name,profile,level,width,height,sample_aspect_ratio,pix_fmt,r_frame_rate,avg_frame_rate,' +
      'time_base,color_range,color_space,color_transfer,color_primaries,sample_rate,channels,channel_layout,extradata',
    path,
  ]);
  return (JSON.parse(stdout) as { streams: Record<string, unknown>[] }).streams;
}

/** Mean of 8-bit luma over a rectangle of a width×… gray frame. */
export function meanRegion(gray: Buffer, width: number, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += gray[y * width + x] ?? 0;
  return sum / Math.max(1, (x1 - x0) * (y1 - y0));
}
