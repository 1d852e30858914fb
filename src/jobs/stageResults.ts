import { UnrecoverableError } from 'bullmq';
import { prisma } from '../db.js';

/** The stored result of a SUCCEEDED stage of this render (stages hand results on through their rows). */
export async function stageResult<T>(renderId: string, name: string): Promise<T> {
  const stage = await prisma.renderStage.findUnique({ where: { renderId_name: { renderId, name } } });
  const detail = stage?.detail as { result?: T } | undefined;
  if (stage?.status !== 'SUCCEEDED' || !detail?.result) {
    throw new UnrecoverableError(`stage ${name} of render ${renderId} has no result (status ${stage?.status ?? 'missing'})`);
  }
  return detail.result;
}
