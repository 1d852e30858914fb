import { logger } from '../logger.js';

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
}
