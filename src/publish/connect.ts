// connectYouTube: Google OAuth (authorization code + PKCE + state) for the youtube.upload scope and
// the read-only scope that shows the channel's title and thumbnail, with offline access so a refresh
// token comes back. The state and PKCE verifier wait in Redis for 10 minutes and are taken once, so a
// replayed or forged callback finds nothing.
import * as client from 'openid-client';
import type { Redis } from 'ioredis';
import { env } from '../config.js';
import { prisma } from '../db.js';
import type { YouTubeChannel } from '../generated/prisma/client.js';
import { createRedis } from '../redis.js';
import { googleClientConfig } from './googleClient.js';
import { channelAad, openToken, sealToken } from './tokenSeal.js';
import { myChannel, YouTubeApiError } from './youtubeApi.js';

export const YOUTUBE_SCOPES = ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly'];
export const CALLBACK_PATH = '/auth/youtube/callback';
const STATE_TTL_S = 600;

/** A callback that cannot complete: the message says why, for the person in the browser. Nothing was stored. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Pending {
  userId: string;
  verifier: string;
  returnTo: string | null;
}

let redis: Redis | null = null;
const stateKey = (state: string) => `${env.REDIS_PREFIX}:oauth:youtube:${state}`;
function store(): Redis {
  redis ??= createRedis('oauth');
  return redis;
}

export async function closeConnectStore(): Promise<void> {
  const r = redis;
  redis = null;
  await r?.quit().catch(() => r.disconnect());
}

export function callbackUrl(): string {
  return `${(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}${CALLBACK_PATH}`;
}

/** A path of this app to come back to (no scheme, no host: never an open redirect), or a reason it is not. */
export function returnToProblem(returnTo: string): string | null {
  if (returnTo.length > 500) return 'must be at most 500 characters';
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%#]*$/.test(returnTo)) return 'must be a path of this app starting with "/" (not another site)';
  return null;
}

/** Starts a connection for the user; returns where to send their browser. */
export async function startYouTubeConnection(userId: string, returnTo: string | null): Promise<{ url: string; expiresAt: Date }> {
  const config = await googleClientConfig();
  const state = client.randomState();
  const verifier = client.randomPKCECodeVerifier();
  const pending: Pending = { userId, verifier, returnTo };
  await store().set(stateKey(state), JSON.stringify(pending), 'EX', STATE_TTL_S);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(),
    scope: YOUTUBE_SCOPES.join(' '),
    state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    access_type: 'offline',
    // Google sends a refresh token only on consent: ask every time, so a reconnect gets one.
    prompt: 'consent',
    include_granted_scopes: 'true',
  });
  return { url: url.href, expiresAt: new Date(Date.now() + STATE_TTL_S * 1000) };
}

/**
 * The callback: exchanges the code, reads the channel and stores it with its sealed refresh token.
 * `browserUserId` is who the browser bringing the callback is signed in as: it must be the user who
 * started the connection, or someone could get another person to consent on a link they started and
 * attach that person's channel to their own account.
 */
export async function completeYouTubeConnection(
  query: URLSearchParams,
  browserUserId: string | null,
): Promise<{ channel: YouTubeChannel; returnTo: string | null }> {
  const state = query.get('state');
  if (!state || state.length > 200) throw new ConnectError('The callback carries no state: start again from connectYouTube.');
  const raw = await store().getdel(stateKey(state));
  if (!raw) throw new ConnectError('This connection link is unknown, expired (10 minutes) or already used: start again from connectYouTube.');
  const pending = JSON.parse(raw) as Pending;
  const denied = query.get('error');
  if (denied) {
    throw new ConnectError(
      denied === 'access_denied'
        ? 'You declined access to your YouTube channel; nothing was connected.'
        : `Google ended the connection: ${denied.slice(0, 100)}.`,
    );
  }
  if (!query.get('code')) throw new ConnectError('The callback carries no authorization code: start again from connectYouTube.');
  if (browserUserId !== pending.userId) {
    throw new ConnectError(
      'Sign in to reelforge in this browser as the account that asked to connect YouTube, then connect again; nothing was connected.',
      403,
    );
  }
  const config = await googleClientConfig();
  const currentUrl = new URL(callbackUrl());
  currentUrl.search = query.toString();
  let tokens: client.TokenEndpointResponse;
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: pending.verifier, expectedState: state });
  } catch (err) {
    if (err instanceof client.ResponseBodyError)
      throw new ConnectError(`Google refused the authorization code (${err.error}): start again from connectYouTube.`);
    throw new ConnectError('Google could not be reached to finish the connection: try again shortly.', 502);
  }
  const granted = new Set((tokens.scope ?? '').split(' '));
  if (!granted.has(YOUTUBE_SCOPES[0]!))
    throw new ConnectError('Permission to upload videos was not granted: connect again and allow "Manage your YouTube videos".');
  if (!tokens.refresh_token)
    throw new ConnectError(
      'Google sent no refresh token (offline access): remove reelforge from your Google account’s third-party access, then connect again.',
    );
  let info;
  try {
    info = await myChannel(env.YOUTUBE_API_URL.replace(/\/$/, ''), tokens.access_token);
  } catch (err) {
    throw new ConnectError(`Your channel could not be read: ${err instanceof YouTubeApiError ? err.message : 'YouTube could not be reached'}.`, 502);
  }
  if (!info) throw new ConnectError('This Google account has no YouTube channel: create one on YouTube, then connect again.');
  const sealed = sealToken(tokens.refresh_token, channelAad(pending.userId, info.id));
  const data = {
    title: info.title.slice(0, 200),
    thumbnailUrl: info.thumbnailUrl,
    refreshTokenSealed: sealed.sealed,
    tokenKeyId: sealed.kid,
    scopes: [...granted].join(' '),
  };
  const channel = await prisma.youTubeChannel.upsert({
    where: { userId_channelId: { userId: pending.userId, channelId: info.id } },
    create: { userId: pending.userId, channelId: info.id, ...data },
    update: data,
  });
  return { channel, returnTo: pending.returnTo };
}

/** Ends a channel's grant at Google (disconnecting it, or deleting its owner's account); sandbox channels have none. */
export async function revokeChannel(channel: YouTubeChannel): Promise<void> {
  if (channel.sandbox) return;
  await revokeAtGoogle(openToken({ sealed: channel.refreshTokenSealed, kid: channel.tokenKeyId }, channelAad(channel.userId, channel.channelId)));
}

/** disconnectYouTube's half at Google: revokes the refresh token (and with it every access token). */
export async function revokeAtGoogle(refreshToken: string): Promise<void> {
  const config = await googleClientConfig();
  try {
    await client.tokenRevocation(config, refreshToken);
  } catch (err) {
    // Already revoked or expired at Google: the goal is reached.
    if (err instanceof client.ResponseBodyError && (err.error === 'invalid_token' || err.error === 'invalid_grant')) return;
    throw err;
  }
}
