import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '../../config.js';

/** Where the API serves the YouTube sandbox (workers reach it through PUBLIC_URL). */
export const SANDBOX_PATH = '/sandbox/youtube';

export function sandboxRootUrl(): string {
  return `${(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}${SANDBOX_PATH}`;
}

function mac(channelRowId: string, key: Buffer): string {
  return createHmac('sha256', key).update(`youtube-sandbox:${channelRowId}`).digest('base64url');
}

/** The sandbox's access token for a sandbox channel: keyed by the token keys, so only our processes make one. */
export function sandboxToken(channelRowId: string): string {
  return `sbx.${channelRowId}.${mac(channelRowId, env.TOKEN_ENCRYPTION_KEYS[0]!.key)}`;
}

/** The channel row id a sandbox token stands for, or null when it is not one of ours. */
export function channelOfSandboxToken(token: string): string | null {
  const m = /^sbx\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const given = Buffer.from(m[2]!);
  return env.TOKEN_ENCRYPTION_KEYS.some((k) => {
    const want = Buffer.from(mac(m[1]!, k.key));
    return want.length === given.length && timingSafeEqual(want, given);
  })
    ? m[1]!
    : null;
}
