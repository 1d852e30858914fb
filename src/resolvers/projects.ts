import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError } from '../errors.js';
import type { Prisma, RenderPreset, SubtitleStyle } from '../generated/prisma/client.js';
import { removePublicCopies } from '../files/publicCopies.js';

export interface ProjectInput {
  title: string;
  language?: string | null;
  defaultVoice?: string | null;
  defaultSubtitleStyle?: SubtitleStyle | null;
  defaultPreset?: RenderPreset | null;
}

export async function createProject(viewer: Viewer, input: ProjectInput, query: Prisma.ProjectDefaultArgs = {}) {
  return prisma.project.create({
    ...query,
    data: {
      ownerId: viewer.id,
      title: input.title,
      language: input.language ?? undefined,
      defaultVoice: input.defaultVoice ?? null,
      defaultSubtitleStyle: input.defaultSubtitleStyle ?? undefined,
      defaultPreset: input.defaultPreset ?? undefined,
    },
  });
}

export async function updateProject(
  viewer: Viewer,
  id: string,
  input: { [K in keyof ProjectInput]?: ProjectInput[K] | null },
  query: Prisma.ProjectDefaultArgs = {},
) {
  const { count } = await prisma.project.updateMany({
    where: { id, ownerId: viewer.id },
    data: {
      title: input.title ?? undefined,
      language: input.language ?? undefined,
      // null clears the voice; undefined leaves it.
      defaultVoice: input.defaultVoice,
      defaultSubtitleStyle: input.defaultSubtitleStyle ?? undefined,
      defaultPreset: input.defaultPreset ?? undefined,
    },
  });
  if (count === 0) throw new NotFoundError('Project', id);
  return prisma.project.findUniqueOrThrow({ ...query, where: { id } });
}

export async function deleteProject(viewer: Viewer, id: string): Promise<string> {
  // Public copies of its published reels first: they are reachable without a key.
  await removePublicCopies(prisma, { projectId: id, project: { ownerId: viewer.id } });
  // Rendered scenes refer to their pictures and narration without a cascade: they go first.
  const [, { count }] = await prisma.$transaction([
    prisma.renderedScene.deleteMany({ where: { render: { script: { projectId: id, project: { ownerId: viewer.id } } } } }),
    prisma.project.deleteMany({ where: { id, ownerId: viewer.id } }),
  ]);
  if (count === 0) throw new NotFoundError('Project', id);
  return id;
}
