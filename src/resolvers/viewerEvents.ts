import { Repeater } from '@graphql-yoga/subscription';
import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { getPubSub, type ViewerEvent } from '../pubsub.js';
import { type PublicationProgressEvent, publicationSnapshotOf } from './publicationProgress.js';
import { type ProgressEvent, renderSnapshotOf } from './renderProgress.js';
import { type ScriptProgressEvent, scriptSnapshotOf } from './scriptGeneration.js';

/** The first event of viewerEvents: the work in flight (renders, generations, uploads), as each item's own SNAPSHOT. */
export interface ViewerSnapshot {
  renders: ProgressEvent[];
  scripts: ScriptProgressEvent[];
  publications: PublicationProgressEvent[];
  at: string;
}

export type ViewerStreamItem = { type: 'snapshot'; event: ViewerSnapshot } | ViewerEvent;

/** Items of each kind in the snapshot (quotas keep far fewer in flight). */
const SNAPSHOT_LIMIT = 100;

async function snapshot(userId: string): Promise<ViewerSnapshot> {
  const [renders, scripts, publications] = await Promise.all([
    prisma.render.findMany({
      where: { ownerId: userId, status: { in: ['QUEUED', 'RUNNING'] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: SNAPSHOT_LIMIT,
    }),
    prisma.script.findMany({ where: { ownerId: userId, status: 'GENERATING' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: SNAPSHOT_LIMIT }),
    prisma.publication.findMany({
      where: { ownerId: userId, status: { in: ['QUEUED', 'UPLOADING', 'PROCESSING'] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: SNAPSHOT_LIMIT,
    }),
  ]);
  return {
    renders: renders.map(renderSnapshotOf),
    scripts: scripts.map(scriptSnapshotOf),
    publications: publications.map(publicationSnapshotOf),
    at: new Date().toISOString(),
  };
}

/**
 * Everything of the viewer's, for as long as the client stays: first the renders and scripts in
 * flight (read after subscribing, so nothing falls between), then every event as it happens.
 */
export function viewerEventStream(viewer: Viewer): AsyncIterable<ViewerStreamItem> {
  const live = getPubSub().subscribe('viewerEvents', viewer.id)[Symbol.asyncIterator]();
  // Asking for the first event registers the subscription now, before the snapshot is read.
  let next = live.next();
  return new Repeater<ViewerStreamItem>(async (push, stop) => {
    // Ending the live iterator settles the pending next(), so a client leaving frees it at once.
    void stop.then(() => live.return?.());
    try {
      await push({ type: 'snapshot', event: await snapshot(viewer.id) });
      for (;;) {
        const result = await next;
        if (result.done) break;
        next = live.next();
        await push(result.value);
      }
    } catch (err) {
      stop(err);
    } finally {
      void live.return?.();
      stop();
    }
  });
}
