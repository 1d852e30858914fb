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

export interface LoadedRender {
  render: { id: string; ownerId: string };
  options: RenderOptions;
  /** Language and style as copied at enqueue: later edits of the script do not reach this render. */
  script: { id: string; projectId: string; language: string; style: string | null };
}

// What a render is made from never changes after enqueue (a retry keeps it): one read per render
// and process, however many of its stages run here. The promise is kept, so stages starting
// together share the read.
const loaded = new Map<string, Promise<LoadedRender>>();

/** The render's fixed inputs: its owner, options, and its copy of the script's language and style. */
export function loadRender(renderId: string): Promise<LoadedRender> {
  let load = loaded.get(renderId);
  if (!load) {
    if (loaded.size > 1_000) loaded.clear();
    load = readRender(renderId);
    load.catch(() => loaded.delete(renderId));
    loaded.set(renderId, load);
  }
  return load;
}

async function readRender(renderId: string): Promise<LoadedRender> {
  const render = await prisma.render.findUniqueOrThrow({
    where: { id: renderId },
    select: { id: true, ownerId: true, options: true, language: true, style: true, script: { select: { id: true, projectId: true } } },
  });
  const options: RenderOptions = renderOptionsSchema.parse(render.options);
  return { render: { id: render.id, ownerId: render.ownerId }, options, script: { ...render.script, language: render.language, style: render.style } };
}
