// The state of one Google redirect (state, PKCE verifier, nonce, returnTo), kept in a short-lived,
// signed, HttpOnly cookie sent only to the callback: it binds the callback to the browser that
// started it, and works on any replica. Each state is consumed once (Redis SET NX), so a replayed
// callback fails here even before Google refuses the reused code.
import { timingSafeEqual } from 'node:crypto';
import { env } from '../config.js';
import { getFileSigner } from '../jobs/providers.js';
import { logger } from '../logger.js';
import { createRedis, redisConfigured } from '../redis.js';
import type { PendingAuthorization } from './google.js';
import { hashToken } from './tokens.js';

export const SIGN_IN_TTL_SECONDS = 600;

export interface SignInState extends PendingAuthorization {
  returnTo: string;
  /** Unix ms after which the callback is refused. */
  expiresAt: number;
}

const signatureOf = (payload: string) => getFileSigner().token('sign-in state v1', payload);

export function sealSignInState(state: SignInState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${signatureOf(payload)}`;
}

/** The state in the cookie, or why it cannot be used (the messages are shown to the person). */
export function openSignInState(cookie: string | undefined, stateParam: string | null, now = Date.now()): SignInState | { error: string; mismatch?: true } {
  if (!cookie) return { error: 'this sign-in was not started in this browser, or took longer than 10 minutes: start again' };
  const [payload, signature, ...rest] = cookie.split('.');
  if (!payload || !signature || rest.length > 0) return { error: 'the sign-in cookie is malformed: start again' };
  const expected = Buffer.from(signatureOf(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: 'the sign-in cookie was tampered with: start again' };
  let state: SignInState;
  try {
    state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignInState;
  } catch {
    return { error: 'the sign-in cookie is malformed: start again' };
  }
  if (typeof state.expiresAt !== 'number' || state.expiresAt <= now) return { error: 'this sign-in took longer than 10 minutes: start again' };
  if (!stateParam) return { error: 'Google’s answer has no state parameter' };
  const a = Buffer.from(state.state);
  const b = Buffer.from(stateParam);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return { error: 'Google’s answer belongs to another sign-in (started again, or in another tab): start again', mismatch: true };
  }
  return state;
}

let redis: ReturnType<typeof createRedis> | null = null;
const usedHere = new Map<string, number>();

/** True the first time a state is presented, false after (every replica shares the record in Redis). */
export async function consumeOnce(state: string): Promise<boolean> {
  const key = `${env.REDIS_PREFIX}:auth:used-state:${hashToken(state)}`;
  if (redisConfigured()) {
    redis ??= createRedis('auth');
    try {
      return (await redis.set(key, '1', 'EX', SIGN_IN_TTL_SECONDS, 'NX')) === 'OK';
    } catch (err) {
      // Google refuses a reused code in any case; the check here is a second line.
      logger.warn({ err }, 'could not record a used sign-in state; relying on Google to refuse a reused code');
      return true;
    }
  }
  const now = Date.now();
  for (const [k, until] of usedHere) if (until < now) usedHere.delete(k);
  if (usedHere.has(key)) return false;
  usedHere.set(key, now + SIGN_IN_TTL_SECONDS * 1000);
  return true;
}

export async function closeSignInState(): Promise<void> {
  const r = redis;
  redis = null;
  await r?.quit().catch(() => r.disconnect());
}
