import type { Job } from 'bullmq';
import { logger } from '../../logger.js';
import { failPublication, runPublication } from '../../publish/publishRun.js';
import { getStorage } from '../providers.js';
import { publishJobData } from '../publishJob.js';

/** The `publish` queue: one try of a publication; a transient failure is retried, resuming the upload. */
export async function processPublish(job: Job): Promise<{ outcome: string }> {
  const { publicationId, attempt } = publishJobData.parse(job.data);
  const log = logger.child({ jobId: job.id, publicationId, attempt });
  try {
    const outcome = await runPublication(publicationId, attempt, getStorage());
    log.info({ outcome }, 'publish job ended');
    return { outcome };
  } catch (err) {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    log.warn({ err: (err as Error).message, last }, 'publish attempt failed');
    if (last) {
      await failPublication(
        publicationId,
        attempt,
        'UPLOAD_FAILED',
        `the upload kept failing (${(err as Error).message}); retryPublication resumes it from the last byte YouTube confirmed`,
      );
    }
    throw err;
  }
}
