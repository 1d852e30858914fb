// Finding a scene's picture: candidates from image search (downloaded safely, scored, compressed) or
// a generated illustration, stored as the scene's Assets. Used by the media stage and by the
// searchSceneImages mutation, so both store candidates the same way.
import { join } from 'node:path';
import { env } from '../config.js';
import { prisma } from '../db.js';
import type { Asset, Prisma } from '../generated/prisma/client.js';
import { collectCandidates } from '../render/images/search/collect.js';
import { scoreCandidates } from '../render/images/search/score.js';
import type { SearchChainFailure } from '../render/images/search/chain.js';
import { storageKeys } from '../render/storage/storage.js';
import { getFileSigner, getImageGenerator, getImageSearch, getStorage } from './providers.js';

/** Candidates are kept at the largest output size, so every render fits them down, never up. */
export const CANDIDATE_SIZE = { width: 720, height: 1280 } as const;
/** Candidates stored per search. */
export const CANDIDATES_KEPT = 3;
const DOWNLOAD_TIMEOUT_MS = 20_000;

export interface SceneRef {
  id: string;
  scriptId: string;
  projectId: string;
}

export interface SearchOutcome {
  /** Best first. */
  assets: Asset[];
  /** The search provider that answered ('none' without search keys). */
  provider: string;
  /** Providers that failed before it, and candidates that could not be used. */
  failures: SearchChainFailure[];
  skipped: { url: string; reason: string }[];
}

export function imageSearchAvailable(): boolean {
  return getImageSearch().names.length > 0;
}

export function aiImagesAvailable(): boolean {
  return getImageGenerator() !== null;
}

async function storeImage(
  scene: SceneRef,
  file: { path: string; mime: string; bytes: number; width: number; height: number; contentHash: string },
  provider: string,
  metadata: Record<string, unknown>,
): Promise<Asset> {
  // The same picture found again (another search, a retried stage) is the same asset.
  const existing = await prisma.asset.findFirst({ where: { sceneId: scene.id, contentHash: file.contentHash, kind: 'IMAGE' } });
  const storage = getStorage();
  if (existing && (await storage.size(existing.storageKey)) !== null) return existing;
  const key = storageKeys.sceneFile(
    scene.projectId,
    scene.scriptId,
    scene.id,
    `${provider.replace(/[^a-z0-9-]/gi, '-')}-${getFileSigner().token('scene', scene.id, file.contentHash)}.jpg`,
  );
  const { bytes } = await storage.put(key, { path: file.path }, file.mime);
  return prisma.asset.create({
    data: {
      projectId: scene.projectId,
      sceneId: scene.id,
      kind: 'IMAGE',
      storageKey: key,
      mime: file.mime,
      bytes: bytes || file.bytes,
      width: file.width,
      height: file.height,
      provider,
      contentHash: file.contentHash,
      metadata: metadata as Prisma.InputJsonValue,
    },
  });
}

/**
 * Searches the web for `query`, downloads the best-scoring results through the guarded downloader
 * and stores the first few that make usable frames as candidate Assets of the scene, best first.
 * Throws when every search provider failed (the error names each one and its reason).
 */
export async function searchSceneCandidates(
  scene: SceneRef,
  query: string,
  o: { workDir: string; language?: string; signal?: AbortSignal },
): Promise<SearchOutcome> {
  const { chain } = getImageSearch();
  const found = await chain.search({ query, language: o.language, signal: o.signal });
  if (found.candidates.length === 0) return { assets: [], provider: found.provider, failures: found.failures, skipped: [] };
  const scored = scoreCandidates(query, found.candidates, CANDIDATE_SIZE);
  const collected = await collectCandidates(scored, {
    dir: join(o.workDir, 'candidates'),
    keep: CANDIDATES_KEPT,
    size: CANDIDATE_SIZE,
    maxBytes: Math.round(env.MAX_IMAGE_MB * 1024 * 1024),
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    allowLoopback: env.DOWNLOAD_ALLOW_LOOPBACK,
    signal: o.signal,
  });
  const assets: Asset[] = [];
  for (const [rank, file] of collected.files.entries()) {
    const c = file.candidate;
    assets.push(
      await storeImage(scene, file, c.provider, {
        query,
        rank,
        score: c.score,
        reasons: c.reasons,
        title: c.title,
        sourcePage: c.sourcePage ?? null,
        originalUrl: c.url,
        finalUrl: file.finalUrl,
        originalMime: file.originalMime,
        originalBytes: file.originalBytes,
        originalWidth: c.width ?? null,
        originalHeight: c.height ?? null,
      }),
    );
  }
  return { assets, provider: found.provider, failures: found.failures, skipped: collected.failures };
}

/** An illustration from the scene's aiImagePrompt and the script's shared style; null without a generator. */
export async function generateSceneImage(
  scene: SceneRef,
  prompt: string,
  style: string | null,
  o: { workDir: string; signal?: AbortSignal },
): Promise<Asset | null> {
  const generator = getImageGenerator();
  if (!generator) return null;
  const image = await generator.generate({
    prompt,
    style: style ?? undefined,
    size: CANDIDATE_SIZE,
    outPath: join(o.workDir, 'generated.jpg'),
    signal: o.signal,
  });
  return storeImage(scene, image, image.provider, { prompt, style, model: image.model });
}

/** Selects `assetId` for the scene unless the user selected something meanwhile. */
export async function selectIfUnset(sceneId: string, assetId: string): Promise<void> {
  await prisma.scene.updateMany({ where: { id: sceneId, selectedAssetId: null }, data: { selectedAssetId: assetId } });
}
