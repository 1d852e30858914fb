import { prisma } from '../db.js';
import { logger } from '../logger.js';
import { channelAad, currentKeyId, openToken, sealToken } from './tokenSeal.js';

/**
 * Re-seals every refresh token not sealed with the current key (after a new key was put first in
 * TOKEN_ENCRYPTION_KEYS); once it returns, the old key can be dropped. Compare-and-set per row, so a
 * concurrent reconnect is never overwritten with an older token.
 */
export async function rotateTokenKeys(): Promise<{ resealed: number }> {
  const kid = currentKeyId();
  let resealed = 0;
  for (;;) {
    const rows = await prisma.youTubeChannel.findMany({ where: { tokenKeyId: { not: kid } }, take: 100 });
    if (rows.length === 0) break;
    for (const row of rows) {
      const aad = channelAad(row.userId, row.channelId);
      const next = sealToken(openToken({ sealed: row.refreshTokenSealed, kid: row.tokenKeyId }, aad), aad);
      const { count } = await prisma.youTubeChannel.updateMany({
        where: { id: row.id, refreshTokenSealed: row.refreshTokenSealed },
        data: { refreshTokenSealed: next.sealed, tokenKeyId: next.kid },
      });
      resealed += count;
    }
  }
  if (resealed > 0) logger.info({ resealed, kid }, 're-sealed YouTube refresh tokens with the current key');
  return { resealed };
}
