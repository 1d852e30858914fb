import { bumpGenerations } from '../cache/generations.js';
import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, queueUnavailable, ValidationError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { enqueueRenderFlow, removeRenderFlow } from '../jobs/renderFlow.js';
import { withEnqueueTimeout } from '../jobs/queues.js';
import { copyScenes, flowScenesOf, renderCopyOf, scriptForRender } from '../jobs/renderedScenes.js';
import { markRenderCancelled, markRenderFailed, resetUnfinishedStages, stageRowsFor } from '../jobs/stages.js';
import { renderOptionsSchema } from '../render/options.js';
import { unknownVoice } from './voiceNames.js';
import { checkRendersInFlight } from '../quotas.js';
import { makePublicCopies, removePublicCopies } from '../files/publicCopies.js';

/**
 * Publishing puts a succeeded render in the public feed and copies its video and thumbnail to public,
 * cacheable URLs; unpublishing takes it out and deletes those copies (a CDN may keep serving what it
 * already cached until it expires: see README). Publishing again repairs missing copies.
 */
export async function setRenderPublished(viewer: Viewer, id: string, published: boolean, query: Prisma.RenderDefaultArgs = {}) {
  const render = await setPublishedInTransaction(viewer, id, published, query);
  // Cached feeds and reels (everyone's) go before this answers; also when called outside a mutation (the demo).
  await bumpGenerations([viewer.id], true);
  return render;
}

function setPublishedInTransaction(viewer: Viewer, id: string, published: boolean, query: Prisma.RenderDefaultArgs) {
  return prisma.$transaction(
    async (tx) => {
      // One publish or unpublish of a render at a time, storage copies included.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`publish:${id}`}))`;
      const render = await tx.render.findFirst({ where: { id, ownerId: viewer.id }, include: { outputAsset: true, thumbnailAsset: true } });
      if (!render) throw new NotFoundError('Render', id);
      if (published && render.status !== 'SUCCEEDED') {
        throw ValidationError.field(['id'], `only a SUCCEEDED render can be published (this one is ${render.status})`);
      }
      if (published) await makePublicCopies(tx, render);
      else await removePublicCopies(tx, { id: { in: [render.outputAssetId, render.thumbnailAssetId].filter((a): a is string => a !== null) } });
      if (render.published === published) return tx.render.findUniqueOrThrow({ ...query, where: { id } });
      return tx.render.update({
        ...query,
        where: { id },
        data: { published, publishedAt: published ? new Date() : null },
      });
    },
    // Copying a video can take longer than Prisma's default 5 s.
    { timeout: 60_000 },
  );
}

/** Enqueues a try's flow; if the queue cannot be reached the render ends FAILED at stage "enqueue". */
async function startFlow(renderId: string, attempt: number, scenes: { id: string | null; position: number }[]) {
  try {
    await withEnqueueTimeout(enqueueRenderFlow(renderId, attempt, scenes), `render ${renderId}`);
  } catch (err) {
    await markRenderFailed(renderId, 'enqueue', 'the render queue is unavailable; try again shortly');
    throw queueUnavailable(`render ${renderId} was marked FAILED (retryRender it)`, err);
  }
}

/**
 * Creates the Render (QUEUED) with its copy of the script (RenderedScenes) and one PENDING row per
 * stage, then enqueues its flow. If the queue cannot be reached the render ends FAILED at stage
 * "enqueue" rather than waiting forever.
 */
export async function enqueueRender(viewer: Viewer, scriptId: string, rawOptions: unknown, query: Prisma.RenderDefaultArgs = {}) {
  const parsed = renderOptionsSchema.safeParse(rawOptions ?? {});
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: ['options', ...i.path.map(String)], message: i.message })));
  }
  const options = parsed.data;
  const badVoice = options.voice === null ? null : await unknownVoice(options.voice);
  if (badVoice) throw ValidationError.field(['options', 'voice'], badVoice);
  const { render, scenes } = await prisma.$transaction(async (tx) => {
    // One statement (relation joins): the script and its scenes as of one snapshot, copied as such.
    const script = await tx.script.findFirst({ where: { id: scriptId, ownerId: viewer.id }, select: scriptForRender });
    if (!script) throw new NotFoundError('Script', scriptId);
    if (script.status !== 'APPROVED') {
      throw ValidationError.field(['scriptId'], `the script is ${script.status}: approve it before rendering`);
    }
    if (script.scenes.length === 0) throw ValidationError.field(['scriptId'], 'the script has no scenes');
    await checkRendersInFlight(tx, viewer.id);
    const render = await tx.render.create({
      data: { scriptId: script.id, ownerId: viewer.id, options: options as Prisma.InputJsonValue, ...renderCopyOf(script) },
    });
    await copyScenes(tx, render.id, script);
    await tx.renderStage.createMany({ data: stageRowsFor(render.id, script.scenes) });
    return { render, scenes: script.scenes.map((s) => ({ id: s.id, position: s.position })) };
  });
  await startFlow(render.id, render.attempt, scenes);
  return prisma.render.findUniqueOrThrow({ ...query, where: { id: render.id } });
}

export async function cancelRender(viewer: Viewer, id: string, query: Prisma.RenderDefaultArgs = {}) {
  const render = await prisma.render.findFirst({ where: { id, ownerId: viewer.id } });
  if (!render) throw new NotFoundError('Render', id);
  if (render.status !== 'QUEUED' && render.status !== 'RUNNING') {
    throw ValidationError.field(['id'], `only a QUEUED or RUNNING render can be cancelled (this one is ${render.status})`);
  }
  await markRenderCancelled(id);
  await removeRenderFlow(id, render.attempt);
  return prisma.render.findUniqueOrThrow({ ...query, where: { id } });
}

/**
 * Re-runs a FAILED render from where it failed: finished stages keep their results. It renders its
 * own copy of the script, so later edits (even a removed scene) do not change what it makes.
 */
export async function retryRender(viewer: Viewer, id: string, query: Prisma.RenderDefaultArgs = {}) {
  const { render, scenes } = await prisma.$transaction(async (tx) => {
    const current = await tx.render.findFirst({ where: { id, ownerId: viewer.id } });
    if (!current) throw new NotFoundError('Render', id);
    const { count } = await tx.render.updateMany({
      where: { id, status: 'FAILED' },
      // A new try, with a fresh budget of queue-loss recoveries (src/jobs/reconciler.ts).
      data: {
        status: 'QUEUED',
        errorStage: null,
        errorMessage: null,
        finishedAt: null,
        durationMs: null,
        attempt: { increment: 1 },
        enqueuedAt: new Date(),
        recoveries: 0,
      },
    });
    if (count === 0) throw ValidationError.field(['id'], `only a FAILED render can be retried (this one is ${current.status})`);
    // Counted after the switch to QUEUED: this render itself is one of the renders in flight.
    await checkRendersInFlight(tx, viewer.id, 1);
    await resetUnfinishedStages(tx, id);
    const render = await tx.render.findUniqueOrThrow({ where: { id } });
    return { render, scenes: await flowScenesOf(id, tx) };
  });
  await startFlow(id, render.attempt, scenes);
  return prisma.render.findUniqueOrThrow({ ...query, where: { id } });
}
