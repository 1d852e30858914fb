import { createHash } from 'node:crypto';
import { prisma } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { storageKeys } from '../render/storage/storage.js';
import { getFileSigner } from './providers.js';

// A render is a record of what it rendered: at enqueue the script's title, language, mode, style and
// every scene are copied into the Render and its RenderedScenes; the stages read only those copies.

type Tx = Prisma.TransactionClient;

export interface SceneInputs {
  narration: string;
  imageQuery: string | null;
  aiImagePrompt: string | null;
  /** Content hash of the chosen picture or clip, if one was chosen. */
  pictureHash: string | null;
}

/**
 * What a scene was made from, as one hash: two renders of a script whose scenes hash equal rendered
 * that scene from the same inputs. Fields joined with U+001F (the 20261202 migration's backfill
 * computes the same value in SQL).
 */
export function renderedSceneHash(s: SceneInputs): string {
  const parts = ['1', s.narration, s.imageQuery ?? '', s.aiImagePrompt ?? '', s.pictureHash ?? ''];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

/** The script as it is now, for copying into a render. Takes nothing but what a render keeps. */
export const scriptForRender = {
  id: true,
  title: true,
  language: true,
  mode: true,
  style: true,
  status: true,
  scenes: {
    orderBy: { position: 'asc' },
    select: {
      id: true,
      position: true,
      version: true,
      narration: true,
      imageQuery: true,
      aiImagePrompt: true,
      selectedAsset: { select: { id: true, contentHash: true } },
    },
  },
} satisfies Prisma.ScriptSelect;

export type ScriptForRender = Prisma.ScriptGetPayload<{ select: typeof scriptForRender }>;

/** The render's own copy of the script: its fields on the Render, one RenderedScene per scene. */
export function renderCopyOf(script: ScriptForRender) {
  return { title: script.title, language: script.language, mode: script.mode, style: script.style };
}

export async function copyScenes(tx: Tx, renderId: string, script: ScriptForRender): Promise<void> {
  await tx.renderedScene.createMany({
    data: script.scenes.map((s) => ({
      renderId,
      position: s.position,
      sceneId: s.id,
      sceneVersion: s.version,
      narration: s.narration,
      imageQuery: s.imageQuery,
      aiImagePrompt: s.aiImagePrompt,
      assetId: s.selectedAsset?.id ?? null,
      contentHash: renderedSceneHash({ ...s, pictureHash: s.selectedAsset?.contentHash ?? null }),
    })),
  });
}

/** One scene of a render as rendered, with the picture or clip chosen for it (if any). */
export function loadRenderedScene(renderId: string, position: number) {
  return prisma.renderedScene.findUniqueOrThrow({
    where: { renderId_position: { renderId, position } },
    include: { asset: true },
  });
}

/** The render's scenes in order: what its flow is made of (retries and recoveries use this too). */
export async function flowScenesOf(renderId: string, tx: Tx = prisma): Promise<{ id: string | null; position: number }[]> {
  const rows = await tx.renderedScene.findMany({ where: { renderId }, orderBy: { position: 'asc' }, select: { sceneId: true, position: true } });
  return rows.map((r) => ({ id: r.sceneId, position: r.position }));
}

/**
 * Where a file made for a rendered scene is stored, and what owns it: the live scene, or the render
 * once the scene was removed. The name is secret-keyed: the same file in the same place gets the same
 * key, but nobody can derive it from the content.
 */
export function renderedSceneFile(
  at: { projectId: string; scriptId: string; renderId: string; position: number; sceneId: string | null },
  kind: 'image' | 'voice',
  contentHash: string,
  ext: string,
): { key: string; owner: { sceneId: string } | { sceneId: null; renderId: string } } {
  const name = `${kind}-${getFileSigner().token('scene', at.sceneId ?? `${at.renderId}:${at.position}`, contentHash)}.${ext}`;
  return at.sceneId
    ? { key: storageKeys.sceneFile(at.projectId, at.scriptId, at.sceneId, name), owner: { sceneId: at.sceneId } }
    : { key: storageKeys.renderFile(at.renderId, `scene-${at.position}-${name}`), owner: { sceneId: null, renderId: at.renderId } };
}

/** Records what a stage rendered for a scene: the picture it found, or the narration it spoke. */
export async function recordRendered(renderId: string, position: number, data: { assetId?: string; narrationAssetId?: string }): Promise<void> {
  await prisma.renderedScene.update({ where: { renderId_position: { renderId, position } }, data });
}

/** Where each scene sits in the finished video, from the soundtrack's timeline. */
export async function recordTimeline(tx: Tx, renderId: string, scenes: { startMs: number; durationMs: number }[]): Promise<void> {
  for (const [position, t] of scenes.entries()) {
    await tx.renderedScene.updateMany({ where: { renderId, position }, data: { startMs: Math.round(t.startMs), durationMs: Math.round(t.durationMs) } });
  }
}
