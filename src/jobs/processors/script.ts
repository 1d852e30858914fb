import { type Job, UnrecoverableError } from 'bullmq';
import { prisma } from '../../db.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { logger } from '../../logger.js';
import { ProviderChainError } from '../../render/providers/errors.js';
import { isRetryableError } from '../../render/providers/retry.js';
import type { ScriptMode } from '../../render/script/types.js';
import { MAX_NARRATION_CHARS } from '../../render/script/schema.js';
import { writeScript, writerFailure } from '../../render/script/writeScript.js';
import { scriptWriterChain } from '../providers.js';
import { publishScriptEvent } from '../scriptEvents.js';
import { scriptJobData } from '../scriptJob.js';
import { dispatchMessages, emitEvent } from '../../notify/deliveryQueue.js';
import { scriptEventData } from '../../notify/eventTypes.js';

export interface ScriptJobResult {
  scenes: number;
  writer: string | null;
}

/**
 * Writes a GENERATING script's scenes with the model table's writers (or, without keys, the
 * offline writer) and ends it DRAFT with scenes, title, sources and style — or FAILED with a
 * reason naming each writer tried. Rate limits and outages are retried by BullMQ before that.
 */
export async function processScript(job: Job): Promise<ScriptJobResult> {
  const { scriptId, attempt } = scriptJobData.parse(job.data);
  const script = await prisma.script.findUnique({ where: { id: scriptId } });
  // Deleted, no longer waiting for a writer (a duplicate delivery), or a later try owns it (a retry,
  // or the reconciler re-queued it after the queue lost this job): nothing to do.
  if (script?.status !== 'GENERATING' || script.attempt !== attempt) return { scenes: 0, writer: null };
  const log = logger.child({ scriptId, jobId: job.id, attempt: job.attemptsMade + 1 });
  const started = script.updatedAt.getTime();
  const elapsed = () => Date.now() - started;
  const mode = script.mode as ScriptMode;
  const request = { prompt: script.prompt ?? '', mode, language: script.language, sceneCount: script.sceneCount ?? undefined };
  const writers = scriptWriterChain({ mode, prompt: request.prompt, sceneCount: request.sceneCount ?? 6 });
  publishScriptEvent(script.ownerId, {
    scriptId,
    kind: 'STARTED',
    status: 'GENERATING',
    writer: writers[0]?.name ?? null,
    message: null,
    elapsedMs: elapsed(),
  });

  let written;
  try {
    written = await writeScript(request, writers, {
      onRetry: ({ writer, attempt, delayMs, reason }) => {
        log.debug({ writer, attempt, delayMs, reason }, 'script writer failed, retrying');
        publishScriptEvent(script.ownerId, { scriptId, kind: 'RETRYING', status: 'GENERATING', writer, message: reason, elapsedMs: elapsed() });
      },
      onWriterFailed: (f) => {
        log.warn({ writer: f.writer, tries: f.tries, reason: f.reason }, 'script writer failed');
        publishScriptEvent(script.ownerId, {
          scriptId,
          kind: 'WRITER_FAILED',
          status: 'GENERATING',
          writer: f.writer,
          message: f.reason,
          elapsedMs: elapsed(),
        });
      },
    });
    // Model answers are already held to this by the script schema; the offline writer's are not.
    const tooLong = written.script.scenes.findIndex((s) => s.narration.length > MAX_NARRATION_CHARS);
    if (tooLong >= 0) {
      throw new UnrecoverableError(
        `scene ${tooLong + 1} would narrate ${written.script.scenes[tooLong]!.narration.length} characters; at most ${MAX_NARRATION_CHARS}: shorten the prompt's sentences`,
      );
    }
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const final = !isRetryableError(error) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!final) {
      log.warn({ err: error.message }, 'script generation attempt failed; will retry');
      throw error;
    }
    const failures = error instanceof ProviderChainError ? error.failures.map(writerFailure) : [];
    log.error({ err: error.message }, 'script generation failed');
    const queued = await prisma.$transaction(async (tx) => {
      const { count } = await tx.script.updateMany({
        where: { id: scriptId, status: 'GENERATING', attempt },
        data: {
          status: 'FAILED',
          failureReason: error.message,
          generation: { durationMs: elapsed(), failures, attempts: job.attemptsMade + 1 } as unknown as Prisma.InputJsonValue,
        },
      });
      if (count === 0) return [];
      const data = scriptEventData({ id: scriptId, projectId: script.projectId, status: 'FAILED', failureReason: error.message });
      return emitEvent(script.ownerId, 'script.failed', data, tx);
    });
    await dispatchMessages(queued);
    publishScriptEvent(script.ownerId, { scriptId, kind: 'SCRIPT_STATUS', status: 'FAILED', writer: null, message: error.message, elapsedMs: elapsed() });
    throw error instanceof UnrecoverableError ? error : new UnrecoverableError(error.message);
  }

  const { script: body, sources, writer, failures } = written;
  const stored = await prisma.$transaction(async (tx) => {
    // The status check takes the row lock scene edits take, so nothing interleaves with the insert.
    const { count } = await tx.script.updateMany({
      where: { id: scriptId, status: 'GENERATING', attempt },
      data: {
        status: 'DRAFT',
        title: body.title,
        writerModel: writer,
        sources: sources as unknown as Prisma.InputJsonValue,
        style: body.style ?? null,
        failureReason: null,
        generation: { durationMs: elapsed(), failures, attempts: job.attemptsMade + 1 } as unknown as Prisma.InputJsonValue,
      },
    });
    if (count === 0) return null;
    await tx.scene.createMany({
      data: body.scenes.map((s, position) => ({
        scriptId,
        position,
        narration: s.narration,
        imageQuery: s.imageQuery ?? null,
        aiImagePrompt: s.aiImagePrompt ?? null,
      })),
    });
    const data = scriptEventData({ id: scriptId, projectId: script.projectId, status: 'DRAFT', failureReason: null, sceneCount: body.scenes.length });
    return emitEvent(script.ownerId, 'script.generated', data, tx);
  });
  if (!stored) return { scenes: 0, writer: null };
  await dispatchMessages(stored);
  log.info({ writer, scenes: body.scenes.length, ms: elapsed() }, 'script written');
  publishScriptEvent(script.ownerId, { scriptId, kind: 'SCRIPT_STATUS', status: 'DRAFT', writer, message: null, elapsedMs: elapsed() });
  return { scenes: body.scenes.length, writer };
}
