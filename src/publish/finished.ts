import { encodeId } from '../ids.js';
import { logger } from '../logger.js';
import type { Prisma } from '../generated/prisma/client.js';
import { emitEvent } from '../notify/deliveryQueue.js';
import type { QueuedMessage } from '../notify/outbox.js';

export interface FinishedPublication {
  id: string;
  ownerId: string;
  renderId: string;
  status: 'PUBLISHED' | 'FAILED';
  videoId: string | null;
  watchUrl: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

/**
 * Records that a publication reached PUBLISHED or FAILED, inside the transaction that says so: the
 * webhook event (`publication.published` / `publication.failed`) commits with the status or not at
 * all. The caller dispatches the returned messages after the commit.
 */
export async function recordPublicationFinished(tx: Prisma.TransactionClient, p: FinishedPublication): Promise<QueuedMessage[]> {
  logger.info(
    { publicationId: p.id, renderId: p.renderId, status: p.status, videoId: p.videoId, errorCode: p.errorCode },
    `publication ${p.status.toLowerCase()}`,
  );
  const data = {
    publicationId: encodeId('Publication', p.id),
    renderId: encodeId('Render', p.renderId),
    status: p.status,
    videoId: p.videoId,
    url: p.watchUrl,
    error: p.status === 'FAILED' ? { code: p.errorCode, message: p.errorMessage } : null,
  };
  return emitEvent(p.ownerId, p.status === 'PUBLISHED' ? 'publication.published' : 'publication.failed', data, tx);
}
