// Encoder settings shared by every segment (and the baseline), so segments stitch by stream copy.
import type { Preset } from '../types.js';
import type { FfmpegFeatures } from './features.js';

export const AUDIO_SAMPLE_RATE = 44_100;
/** Two cores: x264 gets both; two encodes at a time still keep the machine busy, not thrashing. */
export const ENCODER_THREADS = 2;
/** MP4 video timescale divisible by 24 and 30, identical across segments. */
const VIDEO_TIMESCALE = 15_360;

export function x264Args(preset: Preset, fps: number): string[] {
  const gop = String(fps * 2);
  return [
    '-c:v',
    'libx264',
    '-preset',
    preset.toLowerCase(),
    '-crf',
    '23',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(fps),
    // Fixed, closed GOP: every segment starts on an IDR frame and cuts land on the same cadence.
    '-g',
    gop,
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    // Matrix BT.601 (what the fast RGB→YUV conversion uses); sRGB stills have BT.709 primaries.
    '-colorspace',
    'smpte170m',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-color_range',
    'tv',
    '-threads',
    String(ENCODER_THREADS),
  ];
}

/**
 * MP4 timescales. The movie timescale (default 1000) rounds each file's duration to the ms, and the
 * concat demuxer offsets the next segment by that rounded value; in samples it is exact.
 */
export function mp4Args(f: Pick<FfmpegFeatures, 'movieTimescale'>): string[] {
  // ffmpeg before 4.3 (the npm build) has no -movie_timescale: durations round to the ms there.
  return ['-video_track_timescale', String(VIDEO_TIMESCALE), ...(f.movieTimescale ? ['-movie_timescale', String(AUDIO_SAMPLE_RATE)] : [])];
}

export function aacArgs(): string[] {
  // ffmpeg's default AAC coder (twoloop) took ~1.1 s for 30 s of stereo, the longest step of a
  // stitch; the fast coder takes a third of that and narration at 128k does not suffer.
  return ['-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '128k', '-ar', String(AUDIO_SAMPLE_RATE), '-ac', '2'];
}

/** Filter that turns any input audio into the one format all segments share. */
export const AUDIO_NORMALIZE = `aresample=${AUDIO_SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo`;
