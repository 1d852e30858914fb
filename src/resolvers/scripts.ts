import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Prisma, ScriptMode } from '../generated/prisma/client.js';
import { firstSentenceTitle, OWN_TEXT_WRITER, splitScript } from '../render/script/splitScript.js';
import { LIMITS } from './limits.js';
import { removePublicCopies } from '../files/publicCopies.js';

export { OWN_TEXT_WRITER };

export interface CreateScriptInput {
  projectId: string;
  text: string;
  title?: string | null;
  mode?: ScriptMode | null;
  language?: string | null;
}

export async function createScriptFromText(viewer: Viewer, input: CreateScriptInput, query: Prisma.ScriptDefaultArgs = {}) {
  const project = await prisma.project.findFirst({ where: { id: input.projectId, ownerId: viewer.id } });
  if (!project) throw new NotFoundError('Project', input.projectId);
  const language = input.language ?? project.language;
  const scenes = splitScript(input.text, language, { maxScenes: LIMITS.scenesPerScript, maxChars: LIMITS.narration });
  if (scenes.length === 0) throw ValidationError.field(['input', 'text'], 'must contain at least one sentence');
  // The splitter keeps to both limits for any text the input accepts (20,000 characters fit 30 scenes
  // of at most 2,000); checked again so no script is ever stored that the API could not save back.
  const tooLong = scenes.findIndex((s) => s.narration.length > LIMITS.narration);
  if (tooLong >= 0 || scenes.length > LIMITS.scenesPerScript) {
    throw ValidationError.field(
      ['input', 'text'],
      tooLong >= 0
        ? `scene ${tooLong + 1} would be ${scenes[tooLong]!.narration.length} characters; a scene narrates at most ${LIMITS.narration}`
        : `the text would make ${scenes.length} scenes; a script holds at most ${LIMITS.scenesPerScript}`,
    );
  }
  return prisma.script.create({
    ...query,
    data: {
      projectId: project.id,
      ownerId: viewer.id,
      title: input.title?.trim() || firstSentenceTitle(input.text, language),
      mode: input.mode ?? 'STORY',
      language,
      prompt: null,
      writerModel: OWN_TEXT_WRITER,
      scenes: { create: scenes.map((s, position) => ({ position, narration: s.narration })) },
    },
  });
}

export async function approveScript(viewer: Viewer, id: string, query: Prisma.ScriptDefaultArgs = {}) {
  return prisma.$transaction(async (tx) => {
    const script = await tx.script.findFirst({ where: { id, ownerId: viewer.id }, include: { _count: { select: { scenes: true } } } });
    if (!script) throw new NotFoundError('Script', id);
    if (script.status === 'GENERATING') throw ValidationError.field(['id'], 'the script is still being generated');
    if (script._count.scenes === 0) throw ValidationError.field(['id'], 'a script needs at least one scene to be approved');
    if (script.status === 'APPROVED') return tx.script.findUniqueOrThrow({ ...query, where: { id } });
    return tx.script.update({ ...query, where: { id }, data: { status: 'APPROVED', approvedAt: new Date() } });
  });
}

export async function updateScriptTitle(viewer: Viewer, id: string, title: string, query: Prisma.ScriptDefaultArgs = {}) {
  const { count } = await prisma.script.updateMany({ where: { id, ownerId: viewer.id }, data: { title } });
  if (count === 0) throw new NotFoundError('Script', id);
  return prisma.script.findUniqueOrThrow({ ...query, where: { id } });
}

export async function deleteScript(viewer: Viewer, id: string): Promise<string> {
  // Public copies of its published reels first: they are reachable without a key.
  await removePublicCopies(prisma, { render: { scriptId: id, ownerId: viewer.id } });
  const { count } = await prisma.script.deleteMany({ where: { id, ownerId: viewer.id } });
  if (count === 0) throw new NotFoundError('Script', id);
  return id;
}
