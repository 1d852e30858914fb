import { z } from 'zod';
import { getQueue } from './queues.js';

export const scriptJobData = z.object({
  scriptId: z.uuid(),
  /** The generation's try this job belongs to (Script.attempt); a job of an earlier try does nothing. */
  attempt: z.number().int().min(0).default(0),
});

/** One job per try of a generation, so the reconciler can tell whether the queue still holds it. */
export function scriptJobId(scriptId: string, attempt: number): string {
  return `script_${scriptId}_${attempt}`;
}

/** Queues the writer job of a GENERATING script's try `attempt`. */
export async function enqueueScriptJob(scriptId: string, attempt: number): Promise<void> {
  await getQueue('script').add('write', { scriptId, attempt }, { jobId: scriptJobId(scriptId, attempt) });
}
