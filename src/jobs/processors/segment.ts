import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { prisma } from '../../db.js';
import { ffmpegFeatures } from '../../render/compose/features.js';
import { encodeSegment } from '../../render/compose/segment.js';
import { sizeOf } from '../../render/options.js';
import { storageKeys } from '../../render/storage/storage.js';
import { buildAss } from '../../render/subtitles.js';
import type { WordTiming } from '../../render/types.js';
import { hashOf } from '../hash.js';
import { getFileSigner, getStorage } from '../providers.js';
import { loadRender, renderJobData } from '../renderJob.js';
import { runStage } from '../runStage.js';
import { stageName, stageResult } from '../stages.js';
import type { MediaResult } from './media.js';
import type { VoiceStageResult } from './voice.js';

export interface SegmentResult {
  key: string;
  hash: string;
  position: number;
  reused: boolean;
  imageKey: string;
  /** The scene's picture is a clip (imageKey is a video). */
  clip?: boolean;
}

/**
 * One scene → one H.264/AAC segment with its subtitles burned in. Named by a hash of everything that
 * shapes it and of its owner, so an unchanged scene is never encoded twice for the same owner, and
 * never shared with (nor revealed to) anyone else.
 */
export async function processSegment(job: Job): Promise<SegmentResult> {
  const { renderId, position } = renderJobData.parse(job.data);
  const pos = position!;
  return runStage<SegmentResult>(job, renderId, stageName('segment', pos), async ({ workDir, signal, progress }) => {
    const { render, options } = await loadRender(renderId);
    const media = await stageResult<MediaResult>(renderId, stageName('media', pos));
    const voice = await stageResult<VoiceStageResult>(renderId, stageName('voice', pos));
    const size = sizeOf(options);
    const features = await ffmpegFeatures();
    const hash = hashOf({
      // 3: subtitles laid out by the bidi algorithm, escaped exactly, emoji from the bundled font.
      // 4: video only (the soundtrack stage makes the reel's audio).
      v: 4,
      owner: render.ownerId,
      image: media.contentHash,
      ...(media.kind === 'video' ? { clip: true } : {}),
      audio: voice.contentHash,
      style: options.subtitleStyle,
      preset: options.preset,
      size,
      fps: options.fps,
      // Subtitles drawn without HarfBuzz (the npm ffmpeg) look different: never reused for a shaped render.
      ...(features.harfbuzz ? {} : { shaping: 'simple' }),
    });
    // The key's name is secret-keyed: knowing the inputs is not enough to find the file.
    const name = getFileSigner().token('segment', hash);
    const key = storageKeys.segment(render.ownerId, name);
    const subtitlesKey = storageKeys.segmentSubtitles(render.ownerId, name);
    const storage = getStorage();
    if ((await storage.size(key)) !== null) {
      return { result: { key, hash, position: pos, reused: true, imageKey: media.key, clip: isClipOf(media) }, detail: { reused: true, subtitlesKey } };
    }
    const audioAsset = await prisma.asset.findUniqueOrThrow({ where: { id: voice.assetId } });
    const words = ((audioAsset.metadata as { words?: WordTiming[] }).words ?? []) as WordTiming[];
    const isClip = media.kind === 'video';
    const imagePath = join(workDir, `${isClip ? 'clip' : 'image'}${media.key.slice(media.key.lastIndexOf('.'))}`);
    const audioPath = join(workDir, `voice${voice.key.slice(voice.key.lastIndexOf('.'))}`);
    const assPath = join(workDir, 'subtitles.ass');
    await Promise.all([storage.download(media.key, imagePath), storage.download(voice.key, audioPath)]);
    await writeFile(assPath, buildAss(words, { style: options.subtitleStyle, size }));
    progress(0.1);
    const outPath = join(workDir, 'segment.mp4');
    const started = Date.now();
    const { durationMs } = await encodeSegment({
      ...(isClip ? { videoPath: imagePath } : { imagePath }),
      audioPath,
      assPath,
      size,
      fps: options.fps,
      preset: options.preset,
      outPath,
      motionSeed: media.contentHash,
      withAudio: false,
      signal,
    });
    const encodeMs = Date.now() - started;
    progress(0.9);
    // The subtitles beside the segment (same name, .ass): what was burned in, for checks and captions.
    const [{ bytes }] = await Promise.all([storage.put(key, { path: outPath }, 'video/mp4'), storage.put(subtitlesKey, { path: assPath }, 'text/x-ssa')]);
    return {
      result: { key, hash, position: pos, reused: false, imageKey: media.key, clip: isClip },
      detail: { reused: false, durationMs, encodeMs, bytes, subtitlesKey, words: words.length },
    };
  });
}

function isClipOf(media: MediaResult): boolean {
  return media.kind === 'video';
}
