// Refresh tokens at rest: AES-256-GCM under the current key of TOKEN_ENCRYPTION_KEYS, the key id kept
// beside the ciphertext so older keys still open what they sealed while keys rotate. The additional
// data binds a sealed token to its row's owner and channel: copied onto another row, it will not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DEV_TOKEN_KEY_ID, env, type TokenKey } from '../config.js';
import { logger } from '../logger.js';

export interface Sealed {
  /** `<iv>.<ciphertext>.<tag>`, base64url. */
  sealed: string;
  kid: string;
}

export class TokenKeyMissingError extends Error {
  override name = 'TokenKeyMissingError';
  constructor(readonly kid: string) {
    super(`a YouTube token was sealed with key "${kid}", which is no longer in TOKEN_ENCRYPTION_KEYS`);
  }
}

let warned = false;
function keys(source: TokenKey[] = env.TOKEN_ENCRYPTION_KEYS): TokenKey[] {
  if (!warned && source[0]?.kid === DEV_TOKEN_KEY_ID) {
    warned = true;
    logger.warn('sealing YouTube tokens with the fixed development key "dev-insecure": set TOKEN_ENCRYPTION_KEYS (required in production)');
  }
  return source;
}

export function sealToken(plaintext: string, aad: string, source?: TokenKey[]): Sealed {
  const { kid, key } = keys(source)[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { sealed: [iv, ct, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.'), kid };
}

/** Throws TokenKeyMissingError for an unknown key id, and an Error when the data was altered. */
export function openToken({ sealed, kid }: Sealed, aad: string, source?: TokenKey[]): string {
  const entry = keys(source).find((k) => k.kid === kid);
  if (!entry) throw new TokenKeyMissingError(kid);
  const [iv, ct, tag] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !ct || !tag || iv.length !== 12 || tag.length !== 16) throw new Error('a sealed YouTube token is malformed');
  const decipher = createDecipheriv('aes-256-gcm', entry.key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** What a channel's refresh token is bound to. */
export function channelAad(userId: string, channelId: string): string {
  return `youtube-refresh-token:${userId}:${channelId}`;
}

export function currentKeyId(source?: TokenKey[]): string {
  return keys(source)[0]!.kid;
}
