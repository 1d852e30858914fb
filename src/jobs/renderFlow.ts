import { Job } from 'bullmq';
import { logger } from '../logger.js';
import { DEFAULT_JOB_OPTIONS, getFlowProducer, getQueue } from './queues.js';
import { stageName } from './stages.js';

// One flow per try of a render:
//   stitch (compose) ──┬─ segment:i (compose) ──┬─ media:i (media)
//                      │                        └─ voice:i (voice)
//                      └─ soundtrack (voice)     waits for every voice:i, then mixes the reel's audio
// Media and voice of every scene run in parallel; a segment waits only for its own scene; the
// soundtrack is mixed while segments encode; stitch waits for all of them and only copies streams.
// A child that fails for good fails its parents (failParentOnFailure).

export function flowJobId(renderId: string, attempt: number, stage: string): string {
  return `render_${renderId}_${attempt}_${stage.replace(':', '_')}`;
}

/** `scenes`: the render's scenes by position; `id` is the live scene's, absent once it was removed. */
export async function enqueueRenderFlow(renderId: string, attempt: number, scenes: { id?: string | null; position: number }[]): Promise<void> {
  const opts = (stage: string) => ({ ...DEFAULT_JOB_OPTIONS, jobId: flowJobId(renderId, attempt, stage), failParentOnFailure: true });
  await getFlowProducer().add({
    name: 'stitch',
    queueName: 'compose',
    data: { renderId, attempt },
    opts: { ...DEFAULT_JOB_OPTIONS, jobId: flowJobId(renderId, attempt, 'stitch') },
    children: [
      { name: 'soundtrack', queueName: 'voice', data: { renderId, attempt }, opts: opts('soundtrack') },
      ...scenes.map((scene) => {
        const data = { renderId, attempt, ...(scene.id ? { sceneId: scene.id } : {}), position: scene.position };
        return {
          name: 'segment',
          queueName: 'compose',
          data,
          opts: opts(stageName('segment', scene.position)),
          children: [
            { name: 'media', queueName: 'media', data, opts: opts(stageName('media', scene.position)) },
            { name: 'voice', queueName: 'voice', data, opts: opts(stageName('voice', scene.position)) },
          ],
        };
      }),
    ],
  });
}

/** Removes the pending jobs of a render's flow. Running ones see the CANCELLED status and abort. */
export async function removeRenderFlow(renderId: string, attempt: number): Promise<void> {
  const root = await Job.fromId(getQueue('compose'), flowJobId(renderId, attempt, 'stitch'));
  if (!root) return;
  try {
    await root.remove({ removeChildren: true });
  } catch (err) {
    // A locked (running) job cannot be removed; it stops itself when it polls the status.
    logger.debug({ err, renderId }, 'some render jobs are running and will stop on their own');
  }
}
