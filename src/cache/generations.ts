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

/** Bumps that could not reach Redis: sent before anything is read from it again. */
const unsent = new Set<string>();

async function incr(r: Redis, keys: Iterable<string>): Promise<void> {
  const multi = r.multi();
  for (const k of keys) multi.incr(k);
  const results = await multi.exec();
  const failed = results?.find(([err]) => err);
  if (!results || failed) throw failed?.[0] ?? new Error('the bump was not executed');
}

/** The bumps made while Redis was away, now: until they land, no cached entry may be trusted. */
async function sendUnsent(r: Redis): Promise<boolean> {
  if (unsent.size === 0) return true;
  const keys = [...unsent];
  try {
    await incr(r, keys);
    for (const k of keys) unsent.delete(k);
    return true;
  } catch {
    return false;
  }
}

/** The current generations, or null when Redis cannot answer (then nothing may be cached or trusted). */
export async function readGenerations(userId: string | null): Promise<Generations | null> {
  const r = client();
  if (!r) return null;
  // Not connected: answer now (a cache miss, a credential looked up in Postgres), never wait for it.
  if (r.status !== 'ready') return null;
  if (!(await sendUnsent(r))) return null;
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
  // Redis away: kept, and sent before this process trusts anything cached again.
  if (r.status !== 'ready') {
    for (const k of keys) unsent.add(k);
    return;
  }
  try {
    await incr(r, keys);
  } catch (err) {
    for (const k of keys) unsent.add(k);
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
