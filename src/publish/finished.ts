import { encodeId } from '../ids.js';
import { logger } from '../logger.js';
import { emitEvent } from '../notify/deliveryQueue.js';

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
 * Called once when a publication reaches PUBLISHED or FAILED (after its row says so). Notifications
 * (webhooks `publication.published` / `publication.failed`) hang here; it must not throw.
 */
export function publicationFinished(p: FinishedPublication): void {
  logger.info({ publicationId: p.id, renderId: p.renderId, status: p.status, videoId: p.videoId, errorCode: p.errorCode }, `publication ${p.status.toLowerCase()}`);
  const data = {
    publicationId: encodeId('Publication', p.id),
    renderId: encodeId('Render', p.renderId),
    status: p.status,
    videoId: p.videoId,
    url: p.watchUrl,
    error: p.status === 'FAILED' ? { code: p.errorCode, message: p.errorMessage } : null,
  };
  // After the row's commit, in a transaction of its own (a crash between the two loses this event).
  emitEvent(p.ownerId, p.status === 'PUBLISHED' ? 'publication.published' : 'publication.failed', data).catch((err: unknown) =>
    logger.error({ err, publicationId: p.id }, 'could not record the webhook event of a finished publication'),
  );
}
