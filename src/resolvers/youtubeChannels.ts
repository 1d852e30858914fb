import type { Viewer } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ProviderFailedError, ValidationError } from '../errors.js';
import { logger } from '../logger.js';
import { returnToProblem, revokeChannel, startYouTubeConnection } from '../publish/connect.js';
import { GoogleNotConfiguredError } from '../publish/googleClient.js';

function googleUnavailable(err: unknown, what: string): ProviderFailedError {
  if (err instanceof GoogleNotConfiguredError) return new ProviderFailedError(`${what}: ${err.message}`, [{ provider: 'google', reason: 'not configured' }]);
  logger.warn({ err }, `${what}: Google could not be reached`);
  return new ProviderFailedError(`${what}: Google could not be reached; try again shortly`, [{ provider: 'google', reason: 'unreachable' }]);
}

/** connectYouTube: where to send the viewer's browser to grant access (valid for 10 minutes). */
export async function connectYouTube(viewer: Viewer, returnTo: string | null) {
  if (returnTo !== null) {
    const problem = returnToProblem(returnTo);
    if (problem) throw ValidationError.field(['returnTo'], problem);
  }
  try {
    return await startYouTubeConnection(viewer.id, returnTo);
  } catch (err) {
    throw googleUnavailable(err, 'connecting YouTube');
  }
}

/**
 * Revokes the channel's token at Google, then removes the channel (its publications stay, without a
 * channel). If Google cannot be reached nothing is removed, so the grant is never left behind.
 */
export async function disconnectYouTube(viewer: Viewer, id: string): Promise<string> {
  const channel = await prisma.youTubeChannel.findFirst({ where: { id, userId: viewer.id } });
  if (!channel) throw new NotFoundError('YouTubeChannel', id);
  try {
    await revokeChannel(channel);
  } catch (err) {
    throw googleUnavailable(err, 'disconnecting YouTube');
  }
  await prisma.youTubeChannel.deleteMany({ where: { id, userId: viewer.id } });
  return id;
}
