import * as client from 'openid-client';
import { prisma } from '../db.js';
import type { YouTubeChannel } from '../generated/prisma/client.js';
import { env } from '../config.js';
import { googleClientConfig } from './googleClient.js';
import { sandboxRootUrl, sandboxToken } from './sandbox/token.js';
import { channelAad, openToken, sealToken } from './tokenSeal.js';
import { YouTubeApiError } from './youtubeApi.js';

/** Google refused the refresh token (revoked, expired, password changed): only a new connection helps. */
export class ReconnectRequiredError extends Error {
  override name = 'ReconnectRequiredError';
  constructor(readonly channelTitle: string) {
    super(`YouTube access to "${channelTitle}" was revoked or has expired: connect the channel again (connectYouTube), then retryPublication`);
  }
}

export interface ChannelSession {
  /** API root: YouTube's, or the sandbox's. */
  root: string;
  token(): Promise<string>;
  /** After a 401: a fresh access token. */
  refresh(): Promise<string>;
}

async function refreshAccessToken(channel: YouTubeChannel): Promise<string> {
  const aad = channelAad(channel.userId, channel.channelId);
  const refreshToken = openToken({ sealed: channel.refreshTokenSealed, kid: channel.tokenKeyId }, aad);
  const config = await googleClientConfig();
  let tokens: client.TokenEndpointResponse;
  try {
    tokens = await client.refreshTokenGrant(config, refreshToken);
  } catch (err) {
    if (err instanceof client.ResponseBodyError) {
      if (err.error === 'invalid_grant') throw new ReconnectRequiredError(channel.title);
      throw new YouTubeApiError(
        err.status >= 500 ? 'transient' : 'refused',
        err.status,
        err.error,
        `refreshing the access token: Google answered ${err.status} (${err.error})`,
      );
    }
    throw new YouTubeApiError('transient', 0, null, `refreshing the access token: ${(err as Error).message}`);
  }
  // Google may rotate the refresh token: keep the new one, sealed (compare-and-set on the old one).
  if (tokens.refresh_token && tokens.refresh_token !== refreshToken) {
    const next = sealToken(tokens.refresh_token, aad);
    await prisma.youTubeChannel.updateMany({
      where: { id: channel.id, refreshTokenSealed: channel.refreshTokenSealed },
      data: { refreshTokenSealed: next.sealed, tokenKeyId: next.kid },
    });
  }
  return tokens.access_token;
}

/** Access to one channel for one job: a token obtained once, refreshed when YouTube says it expired. */
export function channelSession(channel: YouTubeChannel): ChannelSession {
  if (channel.sandbox) {
    const token = sandboxToken(channel.id);
    return { root: sandboxRootUrl(), token: async () => token, refresh: async () => token };
  }
  let current: Promise<string> | null = null;
  return {
    root: env.YOUTUBE_API_URL.replace(/\/$/, ''),
    token: () => (current ??= refreshAccessToken(channel)),
    refresh: () => (current = refreshAccessToken(channel)),
  };
}
