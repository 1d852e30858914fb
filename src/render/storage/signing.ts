// Secrets applied to stored files: expiring signatures on file URLs, and key names nobody can derive
// from a file's content. Both come from one server secret, through separate derived keys.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FileSigner {
  /** The query string (`expires=…&signature=…`) that lets its holder GET `key` until `expires`. */
  signQuery(key: string, expires: number): string;
  /** Checks the `expires` and `signature` of a request for `key` at `nowMs`. */
  verify(key: string, query: URLSearchParams, nowMs: number): 'ok' | 'missing' | 'invalid' | 'expired';
  /**
   * 32 hex characters (128 bits) determined by `parts` and the secret: a deterministic name for a
   * private file (the same content in the same place gets the same key, so caches still work) that
   * cannot be derived from what the file holds.
   */
  token(...parts: string[]): string;
}

export const MIN_SECRET_LENGTH = 32;

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

export function createFileSigner(secret: string): FileSigner {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`the file signing secret must be at least ${MIN_SECRET_LENGTH} characters`);
  // Separate keys: a signature can never double as a key name or the other way round.
  const urlKey = hmac(secret, 'reelforge file url v1');
  const nameKey = hmac(secret, 'reelforge storage name v1');
  const signatureOf = (key: string, expires: number) => hmac(urlKey, `${key}\n${expires}`).toString('base64url');
  return {
    signQuery(key, expires) {
      return `expires=${expires}&signature=${signatureOf(key, expires)}`;
    },
    verify(key, query, nowMs) {
      const expires = query.get('expires');
      const signature = query.get('signature');
      if (expires === null || signature === null) return 'missing';
      if (!/^\d{1,12}$/.test(expires)) return 'invalid';
      const expected = Buffer.from(signatureOf(key, Number(expires)));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return Number(expires) * 1000 <= nowMs ? 'expired' : 'ok';
    },
    token(...parts) {
      return hmac(nameKey, parts.join('\0')).toString('hex').slice(0, 32);
    },
  };
}

/**
 * When a URL signed at `nowMs` for `ttlSeconds` expires, in Unix seconds. The signing time is
 * rounded down to a step of a tenth of the lifetime, so a client asking again within the step gets
 * the same URL (a player does not reload, a browser cache still hits); every URL still lives at
 * least `ttlSeconds` and at most 10 % longer.
 */
export function signedWindow(nowMs: number, ttlSeconds: number): { signedAt: number; expires: number } {
  const step = Math.max(1, Math.ceil(ttlSeconds / 10));
  const signedAt = Math.floor(nowMs / 1000 / step) * step;
  return { signedAt, expires: signedAt + ttlSeconds + step };
}
