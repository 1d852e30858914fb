import { z } from 'zod';
import { getQueue } from './queues.js';

export const publishJobData = z.object({
  publicationId: z.uuid(),
  /** The publication's try (Publication.attempt); a job of an earlier try does nothing. */
  attempt: z.number().int().min(0),
});

/** One job per try, so the reconciler can tell whether the queue still holds it. */
export function publishJobId(publicationId: string, attempt: number): string {
  return `publish_${publicationId}_${attempt}`;
}

/** Uploads are long and connections get cut: more tries than a render stage, each resuming the upload. */
const PUBLISH_ATTEMPTS = 5;

export async function enqueuePublishJob(publicationId: string, attempt: number): Promise<void> {
  await getQueue('publish').add('publish', { publicationId, attempt }, { jobId: publishJobId(publicationId, attempt), attempts: PUBLISH_ATTEMPTS });
}
