import { Repeater } from '@graphql-yoga/subscription';
import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError } from '../errors.js';
import { getPubSub, type RenderEvent } from '../pubsub.js';

export type ProgressEvent = Omit<RenderEvent, 'kind'> & { kind: RenderEvent['kind'] | 'SNAPSHOT' };

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
/** With no event for this long, re-read the render: a missed final event must not hang a client. */
const RECHECK_MS = 3_000;

async function snapshot(renderId: string): Promise<ProgressEvent> {
  const r = await prisma.render.findUniqueOrThrow({ where: { id: renderId } });
  const since = r.startedAt ?? r.createdAt;
  return {
    renderId,
    kind: 'SNAPSHOT',
    stageId: null,
    stageName: null,
    status: r.status,
    progress: r.progress,
    elapsedMs: r.durationMs ?? Date.now() - since.getTime(),
    at: new Date().toISOString(),
  };
}

/**
 * The owner's live view of a render: first its current state from the database, then every event,
 * ending after the render ends. Subscribes before reading the snapshot so nothing falls between.
 */
export async function renderProgressStream(viewer: Viewer, renderId: string): Promise<AsyncIterable<ProgressEvent>> {
  const owned = await prisma.render.findFirst({ where: { id: renderId, ownerId: viewer.id }, select: { id: true } });
  if (!owned) throw new NotFoundError('Render', renderId);
  const live = getPubSub().subscribe('renderProgress', renderId);
  const liveIterator = live[Symbol.asyncIterator]();
  // Starting the iteration registers the Redis subscription now, before the snapshot is read.
  let pending = liveIterator.next();

  return new Repeater<ProgressEvent>(async (push, stop) => {
    let done = false;
    void stop.then(() => {
      done = true;
      void liveIterator.return?.();
    });
    try {
      const first = await snapshot(renderId);
      await push(first);
      if (TERMINAL.has(first.status)) return stop();
      while (!done) {
        const timer = new Promise<'recheck'>((resolve) => setTimeout(() => resolve('recheck'), RECHECK_MS).unref());
        const next = await Promise.race([pending, timer, stop.then(() => 'stopped' as const)]);
        if (next === 'stopped') break;
        if (next === 'recheck') {
          const current = await snapshot(renderId);
          if (TERMINAL.has(current.status)) {
            await push({ ...current, kind: 'RENDER_STATUS' });
            break;
          }
          continue;
        }
        if (next.done) break;
        pending = liveIterator.next();
        await push(next.value);
        if (next.value.kind === 'RENDER_STATUS' && TERMINAL.has(next.value.status)) break;
      }
      stop();
    } catch (err) {
      stop(err);
    } finally {
      void liveIterator.return?.();
    }
  });
}
