import { z } from 'zod';
import { prisma } from '../db.js';
import { renderOptionsSchema, type RenderOptions } from '../render/options.js';

/** Payload of every render job. Validated when a worker takes it. */
export const renderJobData = z.object({
  renderId: z.uuid(),
  /** The render's try this job belongs to; jobs of an earlier try are stale and do nothing. */
  attempt: z.number().int().min(0).default(0),
  /** The live scene (absent once removed); stages read the render's own copy by position. */
  sceneId: z.uuid().optional(),
  position: z.number().int().min(0).optional(),
});
export type RenderJobData = z.infer<typeof renderJobData>;

export async function loadRender(renderId: string) {
  const render = await prisma.render.findUniqueOrThrow({
    where: { id: renderId },
    include: { script: { select: { id: true, projectId: true } } },
  });
  const options: RenderOptions = renderOptionsSchema.parse(render.options);
  // Language and style as copied at enqueue: later edits of the script do not reach this render.
  return { render, options, script: { ...render.script, language: render.language, style: render.style } };
}
