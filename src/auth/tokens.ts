import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Opaque bearer secrets (session tokens, account-deletion status tokens): 32 random bytes, shown
// once, only a SHA-256 kept. The prefix tells them apart from API keys (`rf_…`) at a glance.
export const SESSION_TOKEN_PREFIX = 'rfs_';
export const DELETION_TOKEN_PREFIX = 'rfd_';
const TOKEN_RE = /^rf[sd]_[A-Za-z0-9_-]{43}$/;

export function newToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` has the shape of one of ours with this prefix (checked before any lookup). */
export function isTokenShaped(token: string, prefix: string): boolean {
  return token.startsWith(prefix) && TOKEN_RE.test(token);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
