import { Redis, type RedisOptions } from 'ioredis';
import { env } from './config.js';
import { logger } from './logger.js';

export type RedisRole = 'producer' | 'worker' | 'publisher' | 'subscriber' | 'limiter' | 'oauth' | 'auth' | 'cache';

function requireUrl(): string {
  if (!env.REDIS_URL) throw new Error('REDIS_URL is not set: renders and live progress need Redis');
  return env.REDIS_URL;
}

/**
 * One connection per role. Producers (the API enqueueing) fail fast when Redis is down rather than
 * queueing commands forever; workers and subscribers wait for it (BullMQ requires
 * maxRetriesPerRequest: null for blocking commands).
 */
export function createRedis(role: RedisRole): Redis {
  const options: RedisOptions =
    role === 'limiter' || role === 'auth' || role === 'cache'
      ? // Rate limits must answer now: a Redis outage falls back to in-process counting.
        { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 500 }
      : role === 'producer' || role === 'publisher' || role === 'oauth'
        ? { enableOfflineQueue: role !== 'producer', maxRetriesPerRequest: 3 }
        : { maxRetriesPerRequest: null };
  const redis = new Redis(requireUrl(), { ...options, connectionName: `reelforge:${role}` });
  redis.on('error', (err) => logger.warn({ err: err.message, role }, 'redis connection error'));
  return redis;
}

export function redisConfigured(): boolean {
  return Boolean(env.REDIS_URL);
}

/**
 * Redis's `maxmemory-policy`, read once (INFO, which managed services allow where CONFIG is often
 * renamed). Null when it cannot be read.
 */
export async function evictionPolicy(url = requireUrl()): Promise<string | null> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return /^maxmemory_policy:(\S+)/m.exec(await redis.info('memory'))?.[1] ?? null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

/** BullMQ needs every key kept: any other policy lets Redis drop queued jobs under memory pressure. */
export async function warnUnlessNoEviction(url = requireUrl()): Promise<string | null> {
  const policy = await evictionPolicy(url);
  if (policy !== null && policy !== 'noeviction') {
    logger.warn(
      { maxmemoryPolicy: policy },
      'Redis maxmemory-policy is "%s": under memory pressure Redis may evict queued jobs (the reconciler re-creates them, a few times). BullMQ needs "noeviction": set `maxmemory-policy noeviction`',
      policy,
    );
  }
  return policy;
}
