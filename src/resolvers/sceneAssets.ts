import { rm } from 'node:fs/promises';
import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ProviderFailedError, ValidationError } from '../errors.js';
import type { Asset, Prisma } from '../generated/prisma/client.js';
import { getStorage } from '../jobs/providers.js';
import { makeWorkDir } from '../jobs/workDirs.js';
import { aiImagesAvailable, generateSceneImage, imageSearchAvailable, searchSceneCandidates, selectIfUnset, type SceneRef } from '../jobs/sceneImages.js';
import { ProviderChainError, ProviderError } from '../render/providers/errors.js';
import { storeSceneUpload, type UploadedFile } from '../jobs/sceneUploads.js';
import { findOwnedScene, lockScriptForEdit } from './scenes.js';

export interface SceneImageSearch {
  sceneId: string;
  candidates: Asset[];
  provider: string;
  failures: { provider: string; reason: string }[];
}

async function ownedSceneRef(viewer: Viewer, sceneId: string): Promise<SceneRef & { imageQuery: string | null; ownerId: string; language: string }> {
  const scene = await prisma.scene.findFirst({
    where: { id: sceneId, script: { ownerId: viewer.id } },
    select: { id: true, scriptId: true, imageQuery: true, script: { select: { projectId: true, language: true } } },
  });
  if (!scene) throw new NotFoundError('Scene', sceneId);
  const { projectId, language } = scene.script;
  return { id: scene.id, scriptId: scene.scriptId, projectId, language, imageQuery: scene.imageQuery, ownerId: viewer.id };
}

/**
 * Searches the web for pictures of the scene (its imageQuery, or `query`), stores the best few as
 * candidate Assets and selects the best when the scene has no picture yet.
 */
export async function searchSceneImages(viewer: Viewer, sceneId: string, query: string | null | undefined): Promise<SceneImageSearch> {
  const scene = await ownedSceneRef(viewer, sceneId);
  const words = query?.trim() || scene.imageQuery;
  if (!words) throw ValidationError.field(['query'], "give a query, or set the scene's imageQuery first");
  if (!imageSearchAvailable()) {
    // The server's setup, not the caller's input: a provider error, naming no server variables.
    throw new ProviderFailedError('image search is not configured on this server: upload a picture or use an AI image prompt instead', [
      { provider: 'imageSearch', reason: 'not configured' },
    ]);
  }
  const workDir = await makeWorkDir('search');
  try {
    let outcome;
    try {
      outcome = await searchSceneCandidates(scene, words, { workDir, language: scene.language });
    } catch (e) {
      if (!(e instanceof ProviderChainError)) throw e;
      const failures = e.failures.map((f) => ({ provider: f.provider, reason: f.reason }));
      // Every provider answered and none found anything: an answer, not a failure.
      if (e.nothingFound) return { sceneId: scene.id, candidates: [], provider: 'none', failures };
      throw new ProviderFailedError(`No image search provider answered: ${failures.map((f) => `${f.provider}: ${f.reason}`).join(' | ')}`, failures);
    }
    if (outcome.assets[0]) await selectIfUnset(scene.id, outcome.assets[0].id);
    return { sceneId: scene.id, candidates: outcome.assets, provider: outcome.provider, failures: outcome.failures };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** What this server can find or make for a scene's picture, so a client can offer only that. */
export function pictureCapabilities() {
  return { imageSearch: imageSearchAvailable(), aiImages: aiImagesAvailable() };
}

/**
 * Draws an illustration of the scene now (`prompt`, or its aiImagePrompt, in the script's style, as
 * the render's media stage does), stores it as one of its candidates and selects it. The generator's
 * own failures (outages after its retries, refusals) come back as a ProviderFailedError.
 */
export async function generateSceneImageNow(viewer: Viewer, sceneId: string, prompt: string | null | undefined): Promise<Asset> {
  const scene = await prisma.scene.findFirst({
    where: { id: sceneId, script: { ownerId: viewer.id } },
    select: { id: true, scriptId: true, aiImagePrompt: true, script: { select: { projectId: true, style: true, status: true } } },
  });
  if (!scene) throw new NotFoundError('Scene', sceneId);
  const words = prompt?.trim() || scene.aiImagePrompt?.trim();
  if (!words) throw ValidationError.field(['prompt'], "give a prompt, or set the scene's AI image prompt first");
  if (!aiImagesAvailable()) {
    throw new ProviderFailedError('AI images are not configured on this server: find a picture or upload one instead', [
      { provider: 'aiImages', reason: 'not configured' },
    ]);
  }
  // Checked before paying for a picture; selecting it below checks again.
  if (scene.script.status === 'GENERATING') throw ValidationError.field(['scriptId'], 'the script is still being generated; edit it when its status is DRAFT');
  const ref = { id: scene.id, scriptId: scene.scriptId, projectId: scene.script.projectId };
  const workDir = await makeWorkDir('generate');
  let asset: Asset | null;
  try {
    asset = await generateSceneImage(ref, words, scene.script.style, { workDir });
  } catch (e) {
    if (e instanceof ProviderChainError)
      throw new ProviderFailedError(
        `No image generator answered: ${e.message}`,
        e.failures.map((f) => ({ provider: f.provider, reason: f.error.message })),
      );
    if (e instanceof ProviderError) {
      throw new ProviderFailedError(`The AI image could not be made: ${e.message}`, [{ provider: e.provider, reason: e.message }]);
    }
    throw e;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  // Configured a moment ago: a null here means the generator went away, which it cannot.
  if (!asset) throw new Error('no image generator');
  await selectSceneAsset(viewer, sceneId, asset.id);
  return asset;
}

/**
 * Chooses the scene's picture among its own assets (an image or clip), or clears the choice (null:
 * the render finds or draws one). A changed picture is an edit: an approved script returns to DRAFT.
 */
export async function selectSceneAsset(viewer: Viewer, sceneId: string, assetId: string | null, query: Prisma.SceneDefaultArgs = {}) {
  return prisma.$transaction(async (tx) => {
    const scene = await findOwnedScene(tx, viewer, sceneId);
    if (assetId !== null) {
      const asset = await tx.asset.findFirst({ where: { id: assetId, sceneId, project: { ownerId: viewer.id } }, select: { kind: true } });
      if (!asset) throw ValidationError.field(['assetId'], "not one of this scene's assets (search or upload one for it first)");
      if (asset.kind !== 'IMAGE' && asset.kind !== 'VIDEO') throw ValidationError.field(['assetId'], `a ${asset.kind} asset cannot be a scene's picture`);
    }
    await lockScriptForEdit(tx, viewer, scene.scriptId);
    await tx.scene.update({ where: { id: sceneId }, data: { selectedAssetId: assetId, version: { increment: 1 } } });
    return tx.scene.findUniqueOrThrow({ ...query, where: { id: sceneId } });
  });
}

/** Stores the user's own image or clip for the scene and selects it. */
export async function uploadSceneAsset(viewer: Viewer, sceneId: string, file: UploadedFile): Promise<Asset> {
  const scene = await ownedSceneRef(viewer, sceneId);
  const asset = await storeSceneUpload(scene, file, ['file']);
  try {
    await selectSceneAsset(viewer, sceneId, asset.id);
  } catch (e) {
    // The scene went away (or is being generated) meanwhile: keep nothing of the upload.
    await prisma.asset.delete({ where: { id: asset.id } }).catch(() => {});
    // Keys are content-addressed per scene: no other asset shares this one.
    await getStorage()
      .delete(asset.storageKey)
      .catch(() => {});
    throw e;
  }
  return asset;
}
