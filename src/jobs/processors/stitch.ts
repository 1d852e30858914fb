import { existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { prisma } from '../../db.js';
import { probe } from '../../render/compose/probe.js';
import { stitchSegments } from '../../render/compose/stitch.js';
import { frameAt, makeThumbnail } from '../../render/compose/thumbnail.js';
import { sizeOf } from '../../render/options.js';
import { storageKeys } from '../../render/storage/storage.js';
import { getFileSigner, getStorage } from '../providers.js';
import { loadRender, renderJobData } from '../renderJob.js';
import { runStage } from '../runStage.js';
import { makeWorkDir } from '../workDirs.js';
import { recordTimeline } from '../renderedScenes.js';
import { markRenderSucceeded, stageResult, stagesOfKind } from '../stages.js';
import type { SegmentResult } from './segment.js';
import type { SoundtrackResult } from './soundtrack.js';

interface StitchResult {
  durationMs: number;
  segments: number;
  reusedSegments: number;
}

interface UploadResult {
  outputAssetId: string;
  thumbnailAssetId: string;
}

async function segmentsOf(renderId: string): Promise<SegmentResult[]> {
  return (await stagesOfKind<SegmentResult>(renderId, 'segment')).map((s) => s.result());
}

/**
 * Each segment's video length, from the soundtrack's timeline: both follow from the same narration
 * lengths (segmentTiming), so the whole frames come back exactly (a scene's audio length is within
 * one sample of its frames'). Null for a soundtrack stored without its timeline: then stitch probes.
 */
function videoLengths(soundtrack: SoundtrackResult, segments: number, fps: number): number[] | null {
  if (soundtrack.scenes?.length !== segments) return null;
  return soundtrack.scenes.map((s) => (Math.round((s.durationMs * fps) / 1000) / fps) * 1000);
}

/** Concatenates the segments and the soundtrack, both by stream copy, into `outPath`. */
async function stitchTo(renderId: string, dir: string, outPath: string, signal?: AbortSignal): Promise<StitchResult> {
  const segments = await segmentsOf(renderId);
  const soundtrack = await stageResult<SoundtrackResult>(renderId, 'soundtrack');
  const storage = getStorage();
  const paths = segments.map((_, i) => join(dir, `segment-${String(i).padStart(3, '0')}.mp4`));
  const soundtrackPath = join(dir, 'soundtrack.m4a');
  await Promise.all([...segments.map((s, i) => storage.download(s.key, paths[i]!)), storage.download(soundtrack.key, soundtrackPath)]);
  const { options } = await loadRender(renderId);
  const { durationMs } = await stitchSegments({
    segmentPaths: paths,
    outPath,
    workDir: dir,
    soundtrackPath,
    videoDurationsMs: videoLengths(soundtrack, segments.length, options.fps),
    signal,
  });
  return { durationMs, segments: segments.length, reusedSegments: segments.filter((s) => s.reused).length };
}

/**
 * The last two stages, in one job so the stitched file never leaves this machine before upload:
 * stitch (stream copy, faststart), then upload video + thumbnail, record them as Assets, and end
 * the render SUCCEEDED.
 */
export async function processStitch(job: Job): Promise<UploadResult> {
  const { renderId } = renderJobData.parse(job.data);
  const shared = await makeWorkDir(`${renderId.slice(0, 8)}-final`);
  const videoPath = join(shared, 'reel.mp4');
  let uploaded: UploadResult;
  try {
    await runStage(job, renderId, 'stitch', async ({ signal }) => {
      const result = await stitchTo(renderId, shared, videoPath, signal);
      return { result, detail: { ...result } };
    });
    uploaded = await runStage(job, renderId, 'upload', async ({ signal }) => {
      // A retried upload after a successful stitch starts on a fresh machine or directory.
      if (!existsSync(videoPath)) await stitchTo(renderId, shared, videoPath, signal);
      const { options, script } = await loadRender(renderId);
      const storage = getStorage();
      const first = (await segmentsOf(renderId))[0]!;
      const imagePath = join(shared, 'first-image');
      if (first.clip) {
        // The reel opens on a clip: its poster is a frame of the reel itself.
        await frameAt(videoPath, 0.5, `${imagePath}.jpg`, signal);
        await rename(`${imagePath}.jpg`, imagePath);
      } else {
        await storage.download(first.imageKey, imagePath);
      }
      const thumbPath = join(shared, 'thumbnail.jpg');
      const size = sizeOf(options);
      await makeThumbnail(imagePath, size, thumbPath);
      const info = await probe(videoPath);
      // Private until published (then copied under public/): named with a secret token, since the
      // render's id is public once it is a reel.
      const token = getFileSigner().token('render', renderId);
      const videoKey = storageKeys.renderFile(renderId, `reel-${token}.mp4`);
      const thumbKey = storageKeys.renderFile(renderId, `thumbnail-${token}.jpg`);
      const [video, image] = await Promise.all([
        storage.put(videoKey, { path: videoPath }, 'video/mp4'),
        storage.put(thumbKey, { path: thumbPath }, 'image/jpeg'),
      ]);
      const timeline = (await stageResult<SoundtrackResult>(renderId, 'soundtrack')).scenes;
      // Idempotent: a re-run replaces this render's output rows rather than adding more.
      const assets = await prisma.$transaction(async (tx) => {
        await tx.asset.deleteMany({ where: { renderId, storageKey: { in: [videoKey, thumbKey] } } });
        const output = await tx.asset.create({
          data: {
            projectId: script.projectId,
            renderId,
            kind: 'VIDEO',
            storageKey: videoKey,
            mime: 'video/mp4',
            bytes: video.bytes || (await stat(videoPath)).size,
            width: info.video?.width ?? size.width,
            height: info.video?.height ?? size.height,
            durationMs: info.durationMs,
            provider: 'ffmpeg',
            contentHash: `render:${renderId}`,
            metadata: { fps: options.fps, preset: options.preset, resolution: options.resolution },
          },
        });
        const thumbnail = await tx.asset.create({
          data: {
            projectId: script.projectId,
            renderId,
            kind: 'IMAGE',
            storageKey: thumbKey,
            mime: 'image/jpeg',
            bytes: image.bytes,
            width: size.width,
            height: size.height,
            provider: 'sharp',
            contentHash: `render:${renderId}:thumbnail`,
            metadata: { role: 'thumbnail' },
          },
        });
        if (timeline) await recordTimeline(tx, renderId, timeline);
        return { output, thumbnail };
      });
      return {
        result: { outputAssetId: assets.output.id, thumbnailAssetId: assets.thumbnail.id },
        detail: { bytes: video.bytes, thumbnailBytes: image.bytes, durationMs: info.durationMs },
      };
    });
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
  // After the upload stage is recorded (subscribers see every stage end before the render does) and
  // the work folder is gone (a SUCCEEDED render leaves nothing behind on the worker).
  await markRenderSucceeded(renderId, uploaded.outputAssetId, uploaded.thumbnailAssetId);
  return uploaded;
}
