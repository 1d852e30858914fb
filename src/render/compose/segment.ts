// One scene → one MP4 segment: Ken Burns still (or a user's video clip) + narration + burned-in ASS
// subtitles.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { fontEnv } from '../fonts/fontconfig.js';
import { PermanentMediaError, type Preset, type Size } from '../types.js';
import { audioDurationMs } from './audioDuration.js';
import { assertClipDecoded, clipEncodeError, clipFilters, clipInputArgs, probeClip, type ClipInfo } from './clip.js';
import { aacArgs, AUDIO_NORMALIZE, AUDIO_SAMPLE_RATE, mp4Args, x264Args } from './encoderArgs.js';
import { assFilter, ffmpegFeatures } from './features.js';
import { escapeFilterValue } from './filterEscape.js';
import { motionFromSeed, oversizeOf, zoompanFilter } from './kenBurns.js';
import { FFMPEG, runTool } from './run.js';

/** Silence added after the narration so the last word is not clipped by the cut. */
export const TAIL_PAD_MS = 150;

/** Samples per AAC frame; the encoder also emits one frame of priming before the content. */
const AAC_FRAME = 1024;

/**
 * Where a segment is cut. The video is a whole number of frames (audio + pad, rounded). The AAC
 * track is a whole number of full frames, its priming frame placed at 0 (not hidden before 0 by an
 * edit list), ending at or just after the video's end (< 23 ms later). Such segments concatenate
 * by stream copy into gapless audio whose timestamps match the decoded samples, so A/V sync never
 * drifts across scenes: the narration starts one AAC frame (23 ms) after the picture, the same in
 * every scene, and each scene's last picture is held for the < 23 ms until the next one.
 * (With the default edit list, each later segment's priming frame would land mid-stream and its
 * timestamps get squashed: ~15–35 ms of audio drift per scene boundary, measured.)
 */
export function segmentTiming(audioMs: number, fps: number) {
  const frames = Math.max(1, Math.round(((audioMs + TAIL_PAD_MS) * fps) / 1000));
  const videoSamples = (frames / fps) * AUDIO_SAMPLE_RATE;
  const trackSamples = Math.max(2, Math.ceil(videoSamples / AAC_FRAME)) * AAC_FRAME;
  return {
    frames,
    /** Samples fed to the encoder: the track minus the priming frame. */
    contentSamples: trackSamples - AAC_FRAME,
    /** The segment's length in the stitched timeline (its audio track's end). */
    durationMs: (trackSamples / AUDIO_SAMPLE_RATE) * 1000,
  };
}

export interface SegmentOptions {
  /** The scene's picture: a still (exactly one of imagePath and videoPath). */
  imagePath?: string | null;
  /**
   * …or a video clip: its own audio is dropped, it is cover-cropped, retimed to `fps`, looped or
   * cut to the narration's length, with no Ken Burns motion.
   */
  videoPath?: string | null;
  audioPath: string;
  assPath?: string | null;
  size: Size;
  fps: 24 | 30;
  preset: Preset;
  outPath: string;
  /** Picks the zoom/pan direction, so a re-render of the same scene moves the same way (stills only). */
  motionSeed: string;
  /**
   * false: video only, the narration used for its length alone. The render pipeline mixes the reel's
   * audio once (soundtrack.ts), so encoding each scene's audio too was wasted work (~15 % of a segment).
   */
  withAudio?: boolean;
  signal?: AbortSignal;
}

/**
 * Decodes, orients (EXIF) and cover-crops the still to a modest oversize once, with libvips, so
 * ffmpeg's per-frame zoompan works on a small frame. An unreadable image is a permanent error.
 */
async function prepareStill(imagePath: string, size: Size, stillPath: string): Promise<void> {
  const over = oversizeOf(size);
  try {
    await sharp(imagePath)
      .rotate()
      .resize(over.width, over.height, { fit: 'cover' })
      .flatten({ background: '#000000' })
      .png({ compressionLevel: 1 })
      .toFile(stillPath);
  } catch (e) {
    throw new PermanentMediaError(`Unreadable image ${imagePath}: ${(e as Error).message}`);
  }
}

type Picture = { kind: 'still'; path: string } | { kind: 'clip'; path: string; info: ClipInfo };

function pictureOf(o: SegmentOptions): { kind: 'still' | 'clip'; path: string } {
  const image = o.imagePath ?? null;
  const video = o.videoPath ?? null;
  if ((image === null) === (video === null)) {
    throw new TypeError(`encodeSegment needs exactly one of imagePath and videoPath (got ${image === null ? 'neither' : 'both'})`);
  }
  return image !== null ? { kind: 'still', path: image } : { kind: 'clip', path: video! };
}

/** `durationMs`: the segment's length in the stitched timeline; `videoMs`: its video stream's (whole frames). */
export async function encodeSegment(o: SegmentOptions): Promise<{ durationMs: number; videoMs: number }> {
  const source = pictureOf(o);
  o.signal?.throwIfAborted();
  // Absolute paths: ffmpeg would read a leading '-' as an option and 'name:' as a protocol.
  const outPath = resolve(o.outPath);
  const stillPath = `${outPath}.still.png`;
  try {
    // Settle both before going on, so the still is never written after the cleanup below.
    const [audio, prepared, features] = await Promise.allSettled([
      audioDurationMs(o.audioPath, o.signal),
      source.kind === 'still'
        ? prepareStill(source.path, o.size, stillPath).then((): Picture => ({ kind: 'still', path: stillPath }))
        : probeClip(source.path, o.signal).then((info): Picture => ({ kind: 'clip', path: source.path, info })),
      ffmpegFeatures(),
    ]);
    if (audio.status === 'rejected') throw audio.reason;
    if (prepared.status === 'rejected') throw prepared.reason;
    if (features.status === 'rejected') throw features.reason;
    const audioMs = audio.value;
    const picture = prepared.value;
    const { frames, contentSamples, durationMs: withAudioMs } = segmentTiming(audioMs, o.fps);
    const withAudio = o.withAudio ?? true;
    const videoMs = (frames / o.fps) * 1000;

    // HarfBuzz shaping where libass has it (Devanagari conjuncts, Arabic joining), and our fonts (the bundled emoji font).
    const subtitles = o.assPath ? [assFilter(escapeFilterValue(resolve(o.assPath)), features.value)] : [];
    // swscale's default RGB→YUV path (BT.601 matrix, tagged so in x264Args) is SIMD; asking it for a
    // BT.709 matrix falls back to a generic path that cost ~40 % of the whole encode (measured).
    const toYuv = 'format=yuv420p';
    const input =
      picture.kind === 'still'
        ? // A literal file name, not an image2 sequence pattern ('%d' in a path).
          ['-f', 'image2', '-pattern_type', 'none', '-i', picture.path]
        : clipInputArgs(picture.path, picture.info, withAudioMs);
    const video = (
      picture.kind === 'still'
        ? [
            // zoompan snaps its crop to the chroma grid: in yuv420p a slow pan jumps ~1.8 px every few
            // frames, in RGB ~0.9 px (measured), at the same cost. Convert to yuv420p last.
            'format=rgb24',
            zoompanFilter(motionFromSeed(o.motionSeed), frames, o.size, o.fps),
            'setsar=1',
            ...subtitles,
            toYuv,
          ]
        : [...clipFilters(picture.info, frames, o.size, o.fps), ...subtitles, toYuv]
    ).join(',');
    const narration =
      `asetpts=PTS-STARTPTS,${AUDIO_NORMALIZE},` +
      `apad=whole_len=${contentSamples},atrim=end_sample=${contentSamples},` +
      // Start the content one AAC frame in, so the encoder's priming frame lands at 0, not before it.
      `asetpts=PTS+${AAC_FRAME}/SR/TB`;

    try {
      await runTool(
        FFMPEG,
        [
          '-hide_banner',
          '-nostdin',
          '-v',
          'error',
          '-y',
          ...input,
          ...(withAudio ? ['-i', resolve(o.audioPath)] : []),
          '-filter_complex',
          withAudio ? `[0:v]${video}[v];[1:a]${narration}[a]` : `[0:v]${video}[v]`,
          '-map',
          '[v]',
          ...(withAudio ? ['-map', '[a]'] : []),
          ...x264Args(o.preset, o.fps),
          ...(withAudio ? aacArgs() : []),
          ...mp4Args(features.value),
          '-map_metadata',
          '-1',
          outPath,
        ],
        o.signal,
        { env: await fontEnv() },
      );
    } catch (e) {
      throw picture.kind === 'clip' ? clipEncodeError(e, picture.path) : e;
    }
    if (picture.kind === 'clip') await assertClipDecoded(outPath, picture.path, o.signal);
    return { durationMs: withAudio ? withAudioMs : videoMs, videoMs };
  } catch (e) {
    await rm(outPath, { force: true });
    throw e;
  } finally {
    await rm(stillPath, { force: true });
  }
}
