import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { prisma } from '../../db.js';
import { drawCard } from '../../render/images/card.js';
import { fitImage } from '../../render/images/fit.js';
import { sizeOf } from '../../render/options.js';
import { hashOf } from '../hash.js';
import { getStorage } from '../providers.js';
import { loadRenderedScene, recordRendered, renderedSceneFile } from '../renderedScenes.js';
import { loadRender, renderJobData } from '../renderJob.js';
import { runStage } from '../runStage.js';
import { generateSceneImage, imageSearchAvailable, searchSceneCandidates, selectIfUnset } from '../sceneImages.js';
import { shownNarration } from '../../render/voice/pauses.js';
import { isRetryableError } from '../../render/providers/retry.js';
import type { Asset } from '../../generated/prisma/client.js';
import { stageName } from '../stages.js';

export interface MediaResult {
  assetId: string;
  key: string;
  contentHash: string;
  /** A clip (the user's upload) is used as it is stored; absent means a still image. */
  kind?: 'image' | 'video';
}

/**
 * The scene's picture at output size: the picture chosen when the render was enqueued, fitted to the
 * frame, else one found now (search or AI), else (offline default) a drawn title card. Named by
 * content hash and reused across renders. What it used is recorded on the render's scene.
 */
export async function processMedia(job: Job): Promise<MediaResult> {
  const { renderId, position } = renderJobData.parse(job.data);
  return runStage<MediaResult>(job, renderId, stageName('media', position), async ({ workDir, signal }) => {
    const { options, script } = await loadRender(renderId);
    const rendered = await loadRenderedScene(renderId, position!);
    const size = sizeOf(options);
    if (rendered.asset?.kind === 'VIDEO') {
      // The segment encoder scales, crops, loops or cuts the clip itself; nothing to prepare.
      const clip = rendered.asset;
      return {
        result: { assetId: clip.id, key: clip.storageKey, contentHash: clip.contentHash, kind: 'video' },
        detail: { reused: true, provider: clip.provider, clip: true },
      };
    }
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const found: Record<string, unknown> = {};
    let source: Asset | null = rendered.asset?.kind === 'IMAGE' ? rendered.asset : null;
    if (!source && rendered.sceneId) {
      // Candidates belong to the live scene; a scene removed since the render was enqueued gets a card.
      const scene = { ...rendered, id: rendered.sceneId, scriptId: script.id, projectId: script.projectId };
      source = await findPicture(scene, script, { workDir, signal, lastTry, found });
      if (source) await recordRendered(renderId, position!, { assetId: source.id });
    } else if (!source) {
      found.sceneRemoved = true;
    }
    // The card shows the narration as the subtitles do: without pause marks (a changed pause redraws nothing).
    const scene = { id: rendered.sceneId, narration: shownNarration(rendered.narration), seed: rendered.sceneId ?? rendered.id };
    const contentHash = source
      ? hashOf({ v: 1, kind: 'fit', source: source.contentHash, size })
      : // v2: laid out by Pango inside the Ken Burns safe box, in the script's language.
        hashOf({ v: 2, kind: 'card', text: scene.narration, language: script.language, size });

    const existing = scene.id ? await prisma.asset.findFirst({ where: { sceneId: scene.id, contentHash, kind: 'IMAGE' } }) : null;
    const storage = getStorage();
    if (existing && (await storage.size(existing.storageKey)) !== null) {
      if (!source) await recordRendered(renderId, position!, { assetId: existing.id });
      return { result: { assetId: existing.id, key: existing.storageKey, contentHash }, detail: { reused: true, provider: existing.provider, ...found } };
    }

    let file;
    let provider: string;
    if (source) {
      const original = join(workDir, 'source');
      await storage.download(source.storageKey, original);
      file = await fitImage(original, size, join(workDir, 'fitted.jpg'));
      provider = `${source.provider}+fit`;
    } else {
      file = await drawCard({ text: scene.narration, language: script.language, size, seed: scene.seed, outPath: join(workDir, 'card.png') });
      provider = 'card';
    }
    const ext = file.mime === 'image/png' ? 'png' : 'jpg';
    const { key, owner } = renderedSceneFile(
      { projectId: script.projectId, scriptId: script.id, renderId, position: position!, sceneId: scene.id },
      'image',
      contentHash,
      ext,
    );
    const { bytes } = await storage.put(key, { path: file.path }, file.mime);
    const asset = await prisma.asset.create({
      data: {
        projectId: script.projectId,
        ...owner,
        kind: 'IMAGE',
        storageKey: key,
        mime: file.mime,
        bytes: bytes || (await stat(file.path)).size,
        width: file.width,
        height: file.height,
        provider,
        contentHash,
        metadata: source ? { fittedFrom: source.id } : { drawnFrom: 'narration' },
      },
    });
    if (!source) await recordRendered(renderId, position!, { assetId: asset.id });
    return { result: { assetId: asset.id, key, contentHash }, detail: { reused: false, provider, bytes, ...found } };
  });
}

/**
 * A scene without a chosen picture: search results for its imageQuery (the best is selected, the
 * others stay as candidates), else an illustration from its aiImagePrompt, else nothing (a drawn
 * card). A provider outage is retried by the job while tries remain; on the last try the stage
 * falls back rather than fail the render. What happened goes into the stage detail (`found`).
 */
async function findPicture(
  scene: { id: string; scriptId: string; projectId: string; imageQuery: string | null; aiImagePrompt: string | null },
  script: { language: string; style: string | null },
  o: { workDir: string; signal: AbortSignal; lastTry: boolean; found: Record<string, unknown> },
): Promise<Asset | null> {
  const giveUpOrRetry = (error: unknown, what: string) => {
    if (o.signal.aborted) throw error;
    if (isRetryableError(error) && !o.lastTry) throw error;
    o.found[what] = error instanceof Error ? error.message : String(error);
  };
  if (scene.imageQuery && imageSearchAvailable()) {
    try {
      const outcome = await searchSceneCandidates(scene, scene.imageQuery, { workDir: o.workDir, language: script.language, signal: o.signal });
      o.found.search = { provider: outcome.provider, candidates: outcome.assets.length, failures: outcome.failures, skipped: outcome.skipped.length };
      const best = outcome.assets[0];
      if (best) {
        await selectIfUnset(scene.id, best.id);
        return best;
      }
    } catch (error) {
      giveUpOrRetry(error, 'searchError');
    }
  }
  if (scene.aiImagePrompt) {
    try {
      const generated = await generateSceneImage(scene, scene.aiImagePrompt, script.style, { workDir: o.workDir, signal: o.signal });
      if (generated) {
        o.found.generated = { provider: generated.provider };
        await selectIfUnset(scene.id, generated.id);
        return generated;
      }
    } catch (error) {
      giveUpOrRetry(error, 'generateError');
    }
  }
  return null;
}
