import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Key format: rf_<prefix>_<secret>. The prefix finds the row; only a hash of the secret is stored,
// and it is compared in constant time.
const KEY_RE = /^rf_([a-z0-9]{8})_([A-Za-z0-9]{32})$/;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  // Rejection sampling keeps every character equally likely.
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length]!);
    }
  }
  return out.join('');
}

export interface ParsedKey {
  prefix: string;
  secret: string;
}

export function parseApiKey(key: string): ParsedKey | null {
  const m = KEY_RE.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomString(LOWER, 8);
  const secret = randomString(ALNUM, 32);
  return { key: `rf_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}
