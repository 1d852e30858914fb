import { z } from 'zod';
import { getQueue } from './queues.js';

export const accountJobData = z.object({ deletionId: z.uuid() });

/** One job per deleteAccount request (queue `account`); its id names the request. */
export function accountJobId(deletionId: string): string {
  return `account_${deletionId}`;
}

export async function enqueueAccountDeletion(deletionId: string): Promise<void> {
  await getQueue('account').add('delete', { deletionId }, { jobId: accountJobId(deletionId) });
}
