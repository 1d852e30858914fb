// A published reel's video and thumbnail are copied under public/ (permanent, cacheable URLs that
// work without a key); everything else stays private. Unpublishing or deleting removes the copies.
import type { prisma } from '../db.js';
import type { Asset, Prisma } from '../generated/prisma/client.js';
import { getFileSigner, getStorage } from '../jobs/providers.js';
import { storageKeys } from '../render/storage/storage.js';
import { logger } from '../logger.js';

type Tx = Prisma.TransactionClient;

/** Where the public copy of a render's video or thumbnail lives: a secret token, not the render id. */
export function publicKeyOf(renderId: string, role: 'video' | 'thumbnail'): string {
  return storageKeys.publicReelFile(getFileSigner().token('public', renderId), role === 'video' ? 'reel.mp4' : 'thumbnail.jpg');
}

/**
 * Copies the render's video and thumbnail to their public keys and records them on the assets
 * (inside the caller's transaction). Idempotent: a copy that is missing is made again. If a copy
 * fails, the ones just made are removed before the error is rethrown.
 */
export async function makePublicCopies(tx: Tx, render: { id: string; outputAsset: Asset | null; thumbnailAsset: Asset | null }): Promise<void> {
  const storage = getStorage();
  const made: string[] = [];
  try {
    for (const [role, asset] of [
      ['video', render.outputAsset],
      ['thumbnail', render.thumbnailAsset],
    ] as const) {
      if (!asset) continue;
      const publicKey = publicKeyOf(render.id, role);
      if (asset.publicKey !== publicKey || (await storage.size(publicKey)) === null) {
        await storage.copy(asset.storageKey, publicKey);
        made.push(publicKey);
      }
      if (asset.publicKey !== publicKey) await tx.asset.update({ where: { id: asset.id }, data: { publicKey } });
    }
  } catch (err) {
    await Promise.all(made.map((key) => storage.delete(key).catch(() => {})));
    throw err;
  }
}

/**
 * Removes the public copies of the assets `where` selects and clears their publicKey. The files go
 * first: if that fails, the rows still say where the copies are, so trying again finishes the job.
 */
export async function removePublicCopies(tx: Tx | typeof prisma, where: Prisma.AssetWhereInput): Promise<number> {
  const assets = await tx.asset.findMany({ where: { ...where, publicKey: { not: null } }, select: { id: true, publicKey: true } });
  if (assets.length === 0) return 0;
  const storage = getStorage();
  await Promise.all(assets.map((a) => storage.delete(a.publicKey!)));
  await tx.asset.updateMany({ where: { id: { in: assets.map((a) => a.id) } }, data: { publicKey: null } });
  logger.debug({ keys: assets.map((a) => a.publicKey) }, 'removed public copies');
  return assets.length;
}
