import { UnrecoverableError } from 'bullmq';
import { prisma } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { logger } from '../logger.js';
import { dispatchMessages, emitEvent } from '../notify/deliveryQueue.js';
import { renderEventData } from '../notify/eventTypes.js';
import { publishEvent, type RenderEvent } from '../pubsub.js';

// The render-stage contract, in one place: stage names and kinds, the rows a render starts with,
// every status change (start, progress, finish, failure, cancellation, a new try's reset) and the
// results stages hand on to each other through their rows. Stage rows are the render's timings:
// every change is written to the database first, then published, so a late subscriber reading the
// database misses nothing. Statements per render are counted by bench:render.

export type StageKind = 'media' | 'voice' | 'segment' | 'soundtrack' | 'stitch' | 'upload';

/** Relative cost of each kind of stage, for the render's weighted progress. */
const WEIGHTS: Record<StageKind, number> = { media: 1, voice: 1, segment: 4, soundtrack: 0.5, stitch: 1, upload: 0.5 };

export function stageName(kind: StageKind, position?: number): string {
  return position === undefined ? kind : `${kind}:${position}`;
}

function kindOf(name: string): StageKind {
  return name.split(':')[0] as StageKind;
}

export function stageRowsFor(renderId: string, scenes: { id: string; position: number }[]): Prisma.RenderStageCreateManyInput[] {
  const rows: Prisma.RenderStageCreateManyInput[] = [];
  let position = 0;
  for (const scene of scenes) {
    for (const kind of ['media', 'voice', 'segment'] as const) {
      rows.push({ renderId, name: stageName(kind, scene.position), sceneId: scene.id, position: position++ });
    }
  }
  rows.push({ renderId, name: 'soundtrack', position: position++ });
  rows.push({ renderId, name: 'stitch', position: position++ });
  rows.push({ renderId, name: 'upload', position: position++ });
  return rows;
}

// Owners never change: one read per render and process. The promise itself is kept, so every event
// of a render is sent after the one before it even while the first read is pending.
const owners = new Map<string, Promise<string | null>>();

function ownerOfRender(renderId: string): Promise<string | null> {
  let owner = owners.get(renderId);
  if (!owner) {
    if (owners.size > 10_000) owners.clear();
    owner = prisma.render.findUnique({ where: { id: renderId }, select: { ownerId: true } }).then((r) => r?.ownerId ?? null);
    owner.catch(() => owners.delete(renderId));
    owners.set(renderId, owner);
  }
  return owner;
}

/** To the render's subscribers and its owner's viewerEvents; best-effort and never waited for (see publishEvent). */
function publish(event: Omit<RenderEvent, 'at'>): void {
  const full = { ...event, at: new Date().toISOString() };
  publishEvent('renderProgress', event.renderId, full);
  ownerOfRender(event.renderId).then(
    (ownerId) => ownerId && publishEvent('viewerEvents', ownerId, { type: 'render', event: full }),
    (err: unknown) => logger.warn({ err, renderId: event.renderId }, 'could not find the owner of a render to publish its event'),
  );
}

async function renderProgress(renderId: string): Promise<number> {
  const stages = await prisma.renderStage.findMany({ where: { renderId }, select: { name: true, progress: true, status: true } });
  let total = 0;
  let done = 0;
  for (const s of stages) {
    const w = WEIGHTS[kindOf(s.name)] ?? 1;
    total += w;
    done += w * (s.status === 'SUCCEEDED' || s.status === 'SKIPPED' ? 1 : s.progress);
  }
  return total === 0 ? 0 : Math.min(1, done / total);
}

async function updateRenderProgress(renderId: string): Promise<number> {
  const progress = await renderProgress(renderId);
  await prisma.render.updateMany({ where: { id: renderId, status: { in: ['QUEUED', 'RUNNING'] } }, data: { progress } });
  return progress;
}

/** A new try of a render starts over what the last try left unfinished; finished stages keep their results. */
export async function resetUnfinishedStages(tx: Prisma.TransactionClient, renderId: string): Promise<void> {
  await tx.renderStage.updateMany({
    where: { renderId, status: { in: ['FAILED', 'RUNNING', 'CANCELLED'] } },
    data: { status: 'PENDING', progress: 0, error: null },
  });
}

/** A stage about to run and its render's state, read together in one statement. */
export function stageToRun(renderId: string, name: string) {
  return prisma.renderStage.findUnique({
    where: { renderId_name: { renderId, name } },
    include: { render: { select: { status: true, attempt: true, startedAt: true, progress: true } } },
  });
}

export type RenderAtStart = { status: string; startedAt: Date | null; progress: number };

/**
 * `render`: the render as read just before (stageToRun). Once it is RUNNING with a start time, a
 * later stage's start changes neither, and its progress is the stored one: only the stage row is
 * written (the first stages of a render, or of a new try, still mark the render).
 */
export async function markStageStarted(renderId: string, name: string, render?: RenderAtStart): Promise<{ startedAt: Date }> {
  const startedAt = new Date();
  const stage = await prisma.renderStage.update({
    where: { renderId_name: { renderId, name } },
    data: { status: 'RUNNING', startedAt, finishedAt: null, durationMs: null, error: null, progress: 0, attempts: { increment: 1 } },
  });
  if (render?.status === 'RUNNING' && render.startedAt !== null) {
    publish({ renderId, kind: 'STAGE_STARTED', stageId: stage.id, stageName: name, status: 'RUNNING', progress: render.progress, elapsedMs: 0 });
    return { startedAt };
  }
  const started = await prisma.render.updateMany({ where: { id: renderId, status: 'QUEUED' }, data: { status: 'RUNNING' } });
  // The render started when its earliest stage did, whichever worker got there first.
  await prisma.render.updateMany({
    where: { id: renderId, OR: [{ startedAt: null }, { startedAt: { gt: startedAt } }] },
    data: { startedAt },
  });
  const progress = await renderProgress(renderId);
  if (started.count > 0) {
    publish({ renderId, kind: 'RENDER_STATUS', stageId: null, stageName: null, status: 'RUNNING', progress, elapsedMs: 0 });
  }
  publish({ renderId, kind: 'STAGE_STARTED', stageId: stage.id, stageName: name, status: 'RUNNING', progress, elapsedMs: 0 });
  return { startedAt };
}

/**
 * Progress events of one render, at most this often from one process: every parallel stage reports
 * every 250 ms, and each event goes to every subscriber. Rows are still written each time; start,
 * finish and failure events are never dropped.
 */
export const PROGRESS_EVENT_INTERVAL_MS = 500;
const lastProgressEvent = new Map<string, number>();

export async function markStageProgress(renderId: string, name: string, fraction: number, startedAt: Date): Promise<void> {
  const stage = await prisma.renderStage.update({
    where: { renderId_name: { renderId, name } },
    data: { progress: Math.max(0, Math.min(1, fraction)) },
  });
  const progress = await updateRenderProgress(renderId);
  const now = Date.now();
  if (now - (lastProgressEvent.get(renderId) ?? 0) < PROGRESS_EVENT_INTERVAL_MS) return;
  lastProgressEvent.set(renderId, now);
  if (lastProgressEvent.size > 10_000) lastProgressEvent.clear();
  publish({
    renderId,
    kind: 'STAGE_PROGRESS',
    stageId: stage.id,
    stageName: name,
    status: stage.status,
    progress,
    elapsedMs: Date.now() - startedAt.getTime(),
  });
}

export async function markStageFinished(
  renderId: string,
  name: string,
  startedAt: Date,
  detail: Record<string, unknown>,
  status: 'SUCCEEDED' | 'SKIPPED' = 'SUCCEEDED',
): Promise<void> {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const stage = await prisma.renderStage.update({
    where: { renderId_name: { renderId, name } },
    data: { status, progress: 1, finishedAt, durationMs, detail: detail as Prisma.InputJsonValue, error: null },
  });
  const progress = await updateRenderProgress(renderId);
  publish({ renderId, kind: 'STAGE_FINISHED', stageId: stage.id, stageName: name, status, progress, elapsedMs: durationMs });
}

/** A failed attempt. `final` when no retry follows: the stage is FAILED; otherwise it waits to retry. */
export async function markStageFailed(renderId: string, name: string, startedAt: Date, message: string, final: boolean): Promise<void> {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const stage = await prisma.renderStage.update({
    where: { renderId_name: { renderId, name } },
    data: { status: final ? 'FAILED' : 'PENDING', finishedAt, durationMs, error: message },
  });
  const progress = await renderProgress(renderId);
  publish({
    renderId,
    kind: 'STAGE_FAILED',
    stageId: stage.id,
    stageName: name,
    status: stage.status,
    progress,
    elapsedMs: durationMs,
  });
}

export async function markStageCancelled(renderId: string, name: string, startedAt: Date): Promise<void> {
  const finishedAt = new Date();
  await prisma.renderStage.update({
    where: { renderId_name: { renderId, name } },
    data: { status: 'CANCELLED', finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() },
  });
}

async function endRender(renderId: string, status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED', data: Prisma.RenderUncheckedUpdateManyInput): Promise<boolean> {
  const render = await prisma.render.findUnique({ where: { id: renderId }, select: { startedAt: true, createdAt: true, ownerId: true } });
  if (!render) return false;
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - (render.startedAt ?? render.createdAt).getTime();
  // The end and its webhook messages commit together: an event is never lost, nor sent for an end
  // that did not happen.
  const ended = await prisma.$transaction(async (tx) => {
    const { count } = await tx.render.updateMany({
      // Only a live render ends: a cancelled one is never turned into FAILED or SUCCEEDED afterwards.
      where: { id: renderId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { ...data, status, finishedAt, durationMs },
    });
    if (count === 0) return null;
    if (status === 'CANCELLED') {
      // With the render, in one commit: a subscriber told CANCELLED never reads stages still waiting.
      await tx.renderStage.updateMany({ where: { renderId, status: { in: ['PENDING', 'RUNNING'] } }, data: { status: 'CANCELLED' } });
      return [];
    }
    const row = await tx.render.findUniqueOrThrow({
      where: { id: renderId },
      select: { id: true, scriptId: true, status: true, errorStage: true, errorMessage: true, durationMs: true },
    });
    return emitEvent(render.ownerId, status === 'SUCCEEDED' ? 'render.succeeded' : 'render.failed', renderEventData(row), tx);
  });
  if (ended === null) return false;
  await dispatchMessages(ended);
  const progress = status === 'SUCCEEDED' ? 1 : await renderProgress(renderId);
  publish({ renderId, kind: 'RENDER_STATUS', stageId: null, stageName: null, status, progress, elapsedMs: durationMs });
  return true;
}

export function markRenderSucceeded(renderId: string, outputAssetId: string, thumbnailAssetId: string): Promise<boolean> {
  return endRender(renderId, 'SUCCEEDED', { progress: 1, outputAssetId, thumbnailAssetId, errorStage: null, errorMessage: null });
}

export function markRenderFailed(renderId: string, stage: string, message: string): Promise<boolean> {
  return endRender(renderId, 'FAILED', { errorStage: stage, errorMessage: message });
}

export function markRenderCancelled(renderId: string): Promise<boolean> {
  return endRender(renderId, 'CANCELLED', {});
}

/** The stored result of a SUCCEEDED stage of this render (stages hand results on through their rows). */
export async function stageResult<T>(renderId: string, name: string): Promise<T> {
  const stage = await prisma.renderStage.findUnique({ where: { renderId_name: { renderId, name } }, select: { name: true, status: true, detail: true } });
  return resultOf<T>(renderId, name, stage);
}

/**
 * Every stage of one kind of this render with its status and, once SUCCEEDED, its result, by scene
 * position: one statement for all scenes.
 */
export async function stagesOfKind<T>(renderId: string, kind: 'media' | 'voice' | 'segment') {
  const rows = await prisma.renderStage.findMany({ where: { renderId, name: { startsWith: `${kind}:` } }, select: { name: true, status: true, detail: true } });
  return rows
    .map((row) => ({
      name: row.name,
      position: Number(row.name.slice(kind.length + 1)),
      status: row.status,
      /** The result; throws for a stage that has none (not SUCCEEDED). */
      result: () => resultOf<T>(renderId, row.name, row),
    }))
    .sort((a, b) => a.position - b.position);
}

function resultOf<T>(renderId: string, name: string, stage: { status: string; detail: Prisma.JsonValue } | null): T {
  const detail = stage?.detail as { result?: T } | undefined;
  if (stage?.status !== 'SUCCEEDED' || !detail?.result) {
    throw new UnrecoverableError(`stage ${name} of render ${renderId} has no result (status ${stage?.status ?? 'missing'})`);
  }
  return detail.result;
}
