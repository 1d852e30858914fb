import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError } from '../errors.js';
import type { Render } from '../generated/prisma/client.js';
import { getPubSub, type RenderEvent } from '../pubsub.js';
import { liveStream } from './liveStream.js';

export type ProgressEvent = Omit<RenderEvent, 'kind'> & { kind: RenderEvent['kind'] | 'SNAPSHOT' };

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

async function snapshot(renderId: string): Promise<ProgressEvent> {
  return renderSnapshotOf(await prisma.render.findUniqueOrThrow({ where: { id: renderId } }));
}

/** A render's current state as a SNAPSHOT event. */
export function renderSnapshotOf(r: Pick<Render, 'id' | 'status' | 'progress' | 'durationMs' | 'startedAt' | 'createdAt'>): ProgressEvent {
  const since = r.startedAt ?? r.createdAt;
  return {
    renderId: r.id,
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
 * ending after the render ends. One read checks ownership and is the first snapshot: it follows the
 * confirmed subscription, so no event falls between the two.
 */
export async function renderProgressStream(viewer: Viewer, renderId: string): Promise<AsyncIterable<ProgressEvent>> {
  const live = getPubSub().subscribe('renderProgress', renderId);
  let owned: Render | null;
  try {
    await live.ready;
    owned = await prisma.render.findFirst({ where: { id: renderId, ownerId: viewer.id } });
  } catch (err) {
    void live.return();
    throw err;
  }
  if (!owned) {
    void live.return();
    throw new NotFoundError('Render', renderId);
  }
  return liveStream<ProgressEvent>({
    live,
    first: renderSnapshotOf(owned),
    snapshot: () => snapshot(renderId),
    snapshotKey: `render:${renderId}`,
    isFinal: (e) => (e.kind === 'SNAPSHOT' || e.kind === 'RENDER_STATUS') && TERMINAL.has(e.status),
    finalFromSnapshot: (e) => ({ ...e, kind: 'RENDER_STATUS' }),
  });
}
