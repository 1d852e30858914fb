import { createHash, randomBytes } from 'node:crypto';
import { env } from '../../config.js';
import { prisma } from '../../db.js';
import type { YouTubeChannel } from '../../generated/prisma/client.js';
import { channelAad, sealToken } from '../tokenSeal.js';

/**
 * Connects a sandbox channel to the user (idempotent): uploads to it go to the built-in YouTube
 * sandbox. The demo account and the seeded development user get one.
 */
export async function ensureSandboxChannel(userId: string): Promise<YouTubeChannel> {
  if (!env.YOUTUBE_SANDBOX) throw new Error('the YouTube sandbox is off (YOUTUBE_SANDBOX=false)');
  const channelId = `UCsandbox${createHash('sha256').update(userId).digest('base64url').slice(0, 15)}`;
  const existing = await prisma.youTubeChannel.findUnique({ where: { userId_channelId: { userId, channelId } } });
  if (existing) return existing;
  // The sandbox never asks for it; sealed like any other so every row reads the same way.
  const token = sealToken(randomBytes(24).toString('base64url'), channelAad(userId, channelId));
  return prisma.youTubeChannel.upsert({
    where: { userId_channelId: { userId, channelId } },
    create: { userId, channelId, title: 'YouTube sandbox', sandbox: true, refreshTokenSealed: token.sealed, tokenKeyId: token.kid, scopes: 'sandbox' },
    update: {},
  });
}
