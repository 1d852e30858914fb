import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';

/** Publishing puts a succeeded render in the public feed; unpublishing takes it out. */
export async function setRenderPublished(viewer: Viewer, id: string, published: boolean, query: Prisma.RenderDefaultArgs = {}) {
  return prisma.$transaction(async (tx) => {
    const render = await tx.render.findFirst({ where: { id, ownerId: viewer.id } });
    if (!render) throw new NotFoundError('Render', id);
    if (published && render.status !== 'SUCCEEDED') {
      throw ValidationError.field(['id'], `only a SUCCEEDED render can be published (this one is ${render.status})`);
    }
    if (render.published === published) return tx.render.findUniqueOrThrow({ ...query, where: { id } });
    return tx.render.update({
      ...query,
      where: { id },
      data: { published, publishedAt: published ? new Date() : null },
    });
  });
}
