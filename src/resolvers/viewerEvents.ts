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
 * flight (read once the live subscription is confirmed, so nothing falls between), then every
 * event as it happens, from the subscription's bounded queue.
 */
export function viewerEventStream(viewer: Viewer): AsyncIterableIterator<ViewerStreamItem> {
  const live = getPubSub().subscribe('viewerEvents', viewer.id);
  let first = true;
  return {
    next: async () => {
      if (!first) return live.next();
      first = false;
      await live.ready;
      return { value: { type: 'snapshot', event: await snapshot(viewer.id) }, done: false };
    },
    return: () => live.return(),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
