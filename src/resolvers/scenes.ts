import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { shownNarration } from '../render/voice/pauses.js';
import { LIMITS } from './limits.js';

type Tx = Prisma.TransactionClient;

export interface SceneEdit {
  narration?: string | null;
  imageQuery?: string | null;
  aiImagePrompt?: string | null;
}

function checkNarration(narration: string | null | undefined, path: string[]) {
  if (narration !== undefined && (narration === null || narration.trim() === '')) {
    throw ValidationError.field(path, 'narration cannot be empty');
  }
  if (narration !== undefined && shownNarration(narration).trim() === '') {
    throw ValidationError.field(path, 'narration cannot be only pauses: there is nothing to say');
  }
}

/**
 * Takes the script's row lock (every change to a script's scene list goes through here, so they
 * serialise) and returns an edited script to DRAFT: approval covers the content that was approved.
 * A script whose writer is still running cannot be edited (its scenes are about to be written); a
 * FAILED generation edited by hand becomes an ordinary DRAFT.
 */
export async function lockScriptForEdit(tx: Tx, viewer: Viewer, scriptId: string) {
  const { count } = await tx.script.updateMany({
    where: { id: scriptId, ownerId: viewer.id, status: { not: 'GENERATING' } },
    data: { status: 'DRAFT', approvedAt: null, failureReason: null },
  });
  if (count === 0) {
    const exists = await tx.script.findFirst({ where: { id: scriptId, ownerId: viewer.id }, select: { id: true } });
    if (!exists) throw new NotFoundError('Script', scriptId);
    throw ValidationError.field(['scriptId'], 'the script is still being generated; edit it when its status is DRAFT');
  }
}

async function sceneIdsInOrder(tx: Tx, scriptId: string): Promise<string[]> {
  const rows = await tx.scene.findMany({ where: { scriptId }, orderBy: { position: 'asc' }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Writes positions 0..n-1 for the given order, touching only rows that moved (constraint is deferred). */
async function writeOrder(tx: Tx, before: string[], after: string[]) {
  const old = new Map(before.map((id, i) => [id, i]));
  for (const [i, id] of after.entries()) {
    if (old.get(id) !== i) await tx.scene.update({ where: { id }, data: { position: i } });
  }
}

export async function findOwnedScene(tx: Tx, viewer: Viewer, id: string) {
  const scene = await tx.scene.findFirst({ where: { id, script: { ownerId: viewer.id } }, select: { id: true, scriptId: true, version: true } });
  if (!scene) throw new NotFoundError('Scene', id);
  return scene;
}

export async function updateScene(viewer: Viewer, input: SceneEdit & { id: string; version: number }, query: Prisma.SceneDefaultArgs = {}) {
  const { id, version, narration, imageQuery, aiImagePrompt } = input;
  if (narration === undefined && imageQuery === undefined && aiImagePrompt === undefined) {
    throw ValidationError.field(['input'], 'give at least one of narration, imageQuery, aiImagePrompt');
  }
  checkNarration(narration, ['input', 'narration']);
  return prisma.$transaction(async (tx) => {
    // Lock the script before the scene, in the same order as addScene/removeScene/moveScene/deleteScript:
    // taking the scene's row first and the script's second deadlocked against them on approved scripts.
    const owned = await findOwnedScene(tx, viewer, id);
    await lockScriptForEdit(tx, viewer, owned.scriptId);
    // Compare-and-set on version: of two writers holding the same version exactly one matches.
    const { count } = await tx.scene.updateMany({
      where: { id, version, script: { ownerId: viewer.id } },
      data: {
        narration: narration?.trim(),
        imageQuery: imageQuery === undefined ? undefined : imageQuery?.trim() || null,
        aiImagePrompt: aiImagePrompt === undefined ? undefined : aiImagePrompt?.trim() || null,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await findOwnedScene(tx, viewer, id);
      throw new VersionConflictError('Scene', id, version, current.version);
    }
    return tx.scene.findUniqueOrThrow({ ...query, where: { id } });
  });
}

export async function addScene(
  viewer: Viewer,
  input: SceneEdit & { scriptId: string; narration: string; position?: number | null },
  query: Prisma.SceneDefaultArgs = {},
) {
  checkNarration(input.narration, ['input', 'narration']);
  return prisma.$transaction(async (tx) => {
    await lockScriptForEdit(tx, viewer, input.scriptId);
    const order = await sceneIdsInOrder(tx, input.scriptId);
    if (order.length >= LIMITS.scenesPerScript) {
      throw ValidationError.field(['input', 'scriptId'], `a script holds at most ${LIMITS.scenesPerScript} scenes`);
    }
    const position = input.position ?? order.length;
    if (position < 0 || position > order.length) {
      throw ValidationError.field(['input', 'position'], `must be between 0 and ${order.length}`);
    }
    await tx.scene.updateMany({ where: { scriptId: input.scriptId, position: { gte: position } }, data: { position: { increment: 1 } } });
    return tx.scene.create({
      ...query,
      data: {
        scriptId: input.scriptId,
        position,
        narration: input.narration.trim(),
        imageQuery: input.imageQuery?.trim() || null,
        aiImagePrompt: input.aiImagePrompt?.trim() || null,
      },
    });
  });
}

export async function removeScene(viewer: Viewer, id: string): Promise<{ id: string; scriptId: string }> {
  return prisma.$transaction(async (tx) => {
    const scene = await findOwnedScene(tx, viewer, id);
    await lockScriptForEdit(tx, viewer, scene.scriptId);
    const order = await sceneIdsInOrder(tx, scene.scriptId);
    if (!order.includes(id)) throw new NotFoundError('Scene', id); // removed while we waited for the lock
    if (order.length === 1) throw ValidationError.field(['id'], 'a script keeps at least one scene');
    // Pictures and narration a render used stay with that render; the scene's other assets go with it.
    await tx.asset.updateMany({
      where: { sceneId: id, OR: [{ pictureOf: { some: {} } }, { narrationOf: { some: {} } }] },
      data: { sceneId: null },
    });
    await tx.scene.delete({ where: { id } });
    await writeOrder(
      tx,
      order,
      order.filter((s) => s !== id),
    );
    return { id, scriptId: scene.scriptId };
  });
}

export async function moveScene(viewer: Viewer, id: string, position: number, query: Prisma.SceneDefaultArgs = {}) {
  return prisma.$transaction(async (tx) => {
    const scene = await findOwnedScene(tx, viewer, id);
    await lockScriptForEdit(tx, viewer, scene.scriptId);
    const order = await sceneIdsInOrder(tx, scene.scriptId);
    const from = order.indexOf(id);
    if (from < 0) throw new NotFoundError('Scene', id);
    if (position < 0 || position >= order.length) {
      throw ValidationError.field(['input', 'position'], `must be between 0 and ${order.length - 1}`);
    }
    const next = order.filter((s) => s !== id);
    next.splice(position, 0, id);
    await writeOrder(tx, order, next);
    return tx.scene.findUniqueOrThrow({ ...query, where: { id } });
  });
}
