// The URL an Asset is fetched at, made per request: public and permanent for a published reel's
// video and thumbnail, otherwise short-lived and signed, and only for the file's owner.
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { getStorage } from '../jobs/providers.js';

/** Per request (one Viewer object per context): which owner each asked-about project has, batched. */
const owners = new WeakMap<Viewer, DataLoader<string, string | null>>();

function ownerOf(viewer: Viewer, projectId: string): Promise<string | null> {
  let loader = owners.get(viewer);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows = await prisma.project.findMany({ where: { id: { in: [...ids] } }, select: { id: true, ownerId: true } });
      const byId = new Map(rows.map((r) => [r.id, r.ownerId]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    owners.set(viewer, loader);
  }
  return loader.load(projectId);
}

export async function assetUrl(viewer: Viewer | null, asset: { storageKey: string; publicKey: string | null; projectId: string }): Promise<string> {
  const storage = getStorage();
  if (asset.publicKey) return storage.publicUrl(asset.publicKey);
  // Every path to a private asset is the owner's; checked again here so a new one cannot leak it.
  if (viewer && (await ownerOf(viewer, asset.projectId)) === viewer.id) return storage.signedUrl(asset.storageKey);
  throw new GraphQLError('This file is private', { extensions: { code: 'FORBIDDEN' } });
}
