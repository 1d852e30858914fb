import { newApiKey } from '../auth/apiKeys.js';
import { bumpGenerations } from '../cache/generations.js';
import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';

/** Returns the row and the key itself; the key is never stored and cannot be shown again. */
export async function createApiKey(viewer: Viewer, name: string, query: Prisma.ApiKeyDefaultArgs = {}) {
  const { key, prefix, secretHash } = newApiKey();
  const apiKey = await prisma.apiKey.create({ ...query, data: { userId: viewer.id, name, prefix, secretHash } });
  return { key, apiKey };
}

export async function revokeApiKey(viewer: Viewer, id: string, query: Prisma.ApiKeyDefaultArgs = {}) {
  const { count } = await prisma.apiKey.updateMany({
    where: { id, userId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  // Every replica's cached lookups of this user's keys stop being trusted before this answers.
  if (count > 0) await bumpGenerations([viewer.id]);
  if (count === 0) {
    const existing = await prisma.apiKey.findFirst({ where: { id, userId: viewer.id } });
    if (!existing) throw new NotFoundError('ApiKey', id);
  }
  return prisma.apiKey.findUniqueOrThrow({ ...query, where: { id } });
}
