import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError } from '../errors.js';
import type { Publication } from '../generated/prisma/client.js';
import { getPubSub, type PublicationEvent } from '../pubsub.js';
import { liveStream } from './liveStream.js';

export type PublicationProgressEvent = Omit<PublicationEvent, 'kind'> & { kind: PublicationEvent['kind'] | 'SNAPSHOT' };

const TERMINAL = new Set(['PUBLISHED', 'FAILED']);

async function snapshot(id: string): Promise<PublicationProgressEvent> {
  return publicationSnapshotOf(await prisma.publication.findUniqueOrThrow({ where: { id } }));
}

/** A publication's current state as a SNAPSHOT event. */
export function publicationSnapshotOf(p: Pick<Publication, 'id' | 'status' | 'progress' | 'bytesConfirmed'>): PublicationProgressEvent {
  return { publicationId: p.id, kind: 'SNAPSHOT', status: p.status, progress: p.progress, bytesConfirmed: p.bytesConfirmed, at: new Date().toISOString() };
}

/** The owner's live view of a publication: its current state, then every event, ending when it ends. */
export async function publicationProgressStream(viewer: Viewer, id: string): Promise<AsyncIterable<PublicationProgressEvent>> {
  const owned = await prisma.publication.findFirst({ where: { id, ownerId: viewer.id }, select: { id: true } });
  if (!owned) throw new NotFoundError('Publication', id);
  return liveStream<PublicationProgressEvent>({
    live: getPubSub().subscribe('publicationProgress', id),
    snapshot: () => snapshot(id),
    snapshotKey: `publication:${id}`,
    isFinal: (e) => (e.kind === 'SNAPSHOT' || e.kind === 'STATUS') && TERMINAL.has(e.status),
    finalFromSnapshot: (e) => ({ ...e, kind: 'STATUS' }),
  });
}
