import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getQueue } from './queues.js';

export const scriptJobData = z.object({ scriptId: z.uuid() });

/** Queues the writer job of a GENERATING script (one job per try of the generation). */
export async function enqueueScriptJob(scriptId: string): Promise<void> {
  await getQueue('script').add('write', { scriptId }, { jobId: `script_${scriptId}_${randomUUID().slice(0, 8)}` });
}
