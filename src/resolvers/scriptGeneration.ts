import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, queueUnavailable, ValidationError } from '../errors.js';
import type { Prisma, Script, ScriptMode } from '../generated/prisma/client.js';
import { enqueueScriptJob } from '../jobs/scriptJob.js';
import { withEnqueueTimeout } from '../jobs/queues.js';
import { getPubSub, type ScriptEvent } from '../pubsub.js';
import { liveStream } from './liveStream.js';
import { emitEvent } from '../notify/deliveryQueue.js';
import { scriptEventData } from '../notify/eventTypes.js';
import { checkGenerationsInFlight } from '../quotas.js';

export interface GenerateScriptInput {
  projectId: string;
  prompt: string;
  mode?: ScriptMode | null;
  language?: string | null;
  sceneCount?: number | null;
}

export type ScriptProgressEvent = Omit<ScriptEvent, 'kind'> & { kind: ScriptEvent['kind'] | 'SNAPSHOT' };

const TITLE_CHARS = 80;
const QUEUE_DOWN = 'the script queue is unavailable; try again shortly';

/** A working title until the writer names the script. */
function provisionalTitle(prompt: string): string {
  const flat = prompt.trim().replace(/\s+/g, ' ');
  return flat.length > TITLE_CHARS ? `${flat.slice(0, TITLE_CHARS - 1).trimEnd()}…` : flat;
}

/** Queues a try; if the queue cannot be reached the script ends FAILED (retryable) and the error is rethrown. */
async function startGeneration(ownerId: string, scriptId: string, attempt: number) {
  try {
    await withEnqueueTimeout(enqueueScriptJob(scriptId, attempt), `script ${scriptId}`);
  } catch (err) {
    // The webhook messages wait in the database: the reconciler queues them once Redis is back.
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.script.updateMany({
        where: { id: scriptId, status: 'GENERATING', attempt },
        data: { status: 'FAILED', failureReason: QUEUE_DOWN },
      });
      if (count === 0) return;
      const { projectId } = await tx.script.findUniqueOrThrow({ where: { id: scriptId }, select: { projectId: true } });
      await emitEvent(ownerId, 'script.failed', scriptEventData({ id: scriptId, projectId, status: 'FAILED', failureReason: QUEUE_DOWN }), tx);
    });
    throw queueUnavailable(`script ${scriptId} was marked FAILED (retryScriptGeneration it)`, err);
  }
}

/**
 * Creates a GENERATING script (no scenes yet) and queues its writer. The writer is chosen by the
 * model table from mode, prompt and scene count; progress streams on `scriptProgress`.
 */
export async function generateScript(viewer: Viewer, input: GenerateScriptInput, query: Prisma.ScriptDefaultArgs = {}) {
  const project = await prisma.project.findFirst({ where: { id: input.projectId, ownerId: viewer.id } });
  if (!project) throw new NotFoundError('Project', input.projectId);
  const script = await prisma.$transaction(async (tx) => {
    await checkGenerationsInFlight(tx, viewer.id);
    return tx.script.create({
      data: {
        projectId: project.id,
        ownerId: viewer.id,
        title: provisionalTitle(input.prompt),
        status: 'GENERATING',
        mode: input.mode ?? 'STORY',
        language: input.language ?? project.language,
        prompt: input.prompt.trim(),
        sceneCount: input.sceneCount ?? null,
        writerModel: 'pending',
      },
    });
  });
  await startGeneration(viewer.id, script.id, script.attempt);
  return prisma.script.findUniqueOrThrow({ ...query, where: { id: script.id } });
}

/** Runs a FAILED generation again (a script that was never generated has nothing to retry). */
export async function retryScriptGeneration(viewer: Viewer, id: string, query: Prisma.ScriptDefaultArgs = {}) {
  const current = await prisma.script.findFirst({
    where: { id, ownerId: viewer.id },
    select: { status: true, prompt: true, _count: { select: { scenes: true } } },
  });
  if (!current) throw new NotFoundError('Script', id);
  if (current.status !== 'FAILED' || current.prompt === null || current._count.scenes > 0) {
    throw ValidationError.field(['id'], `only a FAILED generated script without scenes can be retried (this one is ${current.status})`);
  }
  const { attempt } = await prisma.$transaction(async (tx) => {
    // A new try (its own job id) with a fresh budget of queue-loss recoveries.
    const { count } = await tx.script.updateMany({
      where: { id, status: 'FAILED' },
      data: { status: 'GENERATING', failureReason: null, writerModel: 'pending', attempt: { increment: 1 }, recoveries: 0 },
    });
    if (count === 0) throw ValidationError.field(['id'], 'the script changed meanwhile; reload it');
    await checkGenerationsInFlight(tx, viewer.id, 1);
    return tx.script.findUniqueOrThrow({ where: { id }, select: { attempt: true } });
  });
  await startGeneration(viewer.id, id, attempt);
  return prisma.script.findUniqueOrThrow({ ...query, where: { id } });
}

const FINAL = new Set(['DRAFT', 'APPROVED', 'FAILED']);

async function snapshot(scriptId: string): Promise<ScriptProgressEvent> {
  return scriptSnapshotOf(await prisma.script.findUniqueOrThrow({ where: { id: scriptId } }));
}

/** A script's current state as a SNAPSHOT event. */
export function scriptSnapshotOf(s: Pick<Script, 'id' | 'status' | 'writerModel' | 'failureReason' | 'generation' | 'updatedAt'>): ScriptProgressEvent {
  const generating = s.status === 'GENERATING';
  const durationMs = (s.generation as { durationMs?: number } | null)?.durationMs;
  return {
    scriptId: s.id,
    kind: 'SNAPSHOT',
    status: s.status,
    writer: generating ? null : s.writerModel,
    message: s.failureReason,
    elapsedMs: generating ? Date.now() - s.updatedAt.getTime() : (durationMs ?? null),
    at: new Date().toISOString(),
  };
}

/** The owner's live view of a script's generation: its state now, then each event until it ends. */
export async function scriptProgressStream(viewer: Viewer, scriptId: string): Promise<AsyncIterable<ScriptProgressEvent>> {
  const owned = await prisma.script.findFirst({ where: { id: scriptId, ownerId: viewer.id }, select: { id: true } });
  if (!owned) throw new NotFoundError('Script', scriptId);
  return liveStream<ScriptProgressEvent>({
    live: getPubSub().subscribe('scriptProgress', scriptId),
    snapshot: () => snapshot(scriptId),
    snapshotKey: `script:${scriptId}`,
    isFinal: (e) => (e.kind === 'SNAPSHOT' || e.kind === 'SCRIPT_STATUS') && FINAL.has(e.status),
    finalFromSnapshot: (e) => ({ ...e, kind: 'SCRIPT_STATUS' }),
  });
}
