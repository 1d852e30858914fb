// Generations: one counter per user and one for the public feed, in Redis so every API replica and
// worker shares them. A cached answer (src/cache/responseCache.ts) and a cached credential
// (src/auth/credentialCache.ts) remember the generations they were read under; bumping a counter
// makes every such entry unreachable at once, on every replica, with no message to wait for. Read
// before the data they guard, so an answer read before a change is never stored under the
// generation that follows it.
import type { Redis } from 'ioredis';
import { env } from '../config.js';
import { logger } from '../logger.js';
import { createRedis, redisConfigured } from '../redis.js';

export interface Generations {
  /** The viewer's, or null for an anonymous request. */
  user: string | null;
  public: string;
}

let redis: Redis | null = null;

/** The cache's connection (generations and cached answers), or null without Redis. */
export function cacheRedis(): Redis | null {
  if (!redisConfigured()) return null;
  redis ??= createRedis('cache');
  return redis;
}
const client = cacheRedis;

const userKey = (userId: string) => `${env.REDIS_PREFIX}:gen:user:${userId}`;
const publicKey = () => `${env.REDIS_PREFIX}:gen:public`;

/** The current generations, or null when Redis cannot answer (then nothing may be cached or trusted). */
export async function readGenerations(userId: string | null): Promise<Generations | null> {
  const r = client();
  if (!r) return null;
  try {
    if (!userId) return { user: null, public: (await r.get(publicKey())) ?? '0' };
    const [user, pub] = await r.mget(userKey(userId), publicKey());
    return { user: user ?? '0', public: pub ?? '0' };
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not read cache generations');
    return null;
  }
}

/**
 * Invalidates everything cached for these users (their answers and credentials), and with
 * `publicToo` every cached answer that may hold a public reel. Awaited by mutations before they
 * answer; a failure is logged, and cached entries then live out their short TTL.
 */
export async function bumpGenerations(userIds: Iterable<string>, publicToo = false): Promise<void> {
  const r = client();
  if (!r) return;
  const keys = [...new Set(userIds)].map(userKey);
  if (publicToo) keys.push(publicKey());
  if (keys.length === 0) return;
  try {
    const multi = r.multi();
    for (const k of keys) multi.incr(k);
    await multi.exec();
  } catch (err) {
    logger.warn({ err: (err as Error).message, keys: keys.length }, 'could not bump cache generations');
  }
}

/** Fire-and-forget form for event paths that must not wait (workers). */
export function bumpGenerationsSoon(userIds: Iterable<string>, publicToo = false): void {
  void bumpGenerations(userIds, publicToo);
}

/** Closed with the pub/sub connections (closePubSub). */
export async function closeGenerations(): Promise<void> {
  const r = redis;
  redis = null;
  await r?.quit().catch(() => r.disconnect());
}
