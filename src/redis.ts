import { Redis, type RedisOptions } from 'ioredis';
import { env } from './config.js';
import { logger } from './logger.js';

export type RedisRole = 'producer' | 'worker' | 'publisher' | 'subscriber' | 'limiter';

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
    role === 'limiter'
      ? // Rate limits must answer now: a Redis outage falls back to in-process counting.
        { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 500 }
      : role === 'producer' || role === 'publisher'
        ? { enableOfflineQueue: role === 'publisher', maxRetriesPerRequest: 3 }
        : { maxRetriesPerRequest: null };
  const redis = new Redis(requireUrl(), { ...options, connectionName: `reelforge:${role}` });
  redis.on('error', (err) => logger.warn({ err: err.message, role }, 'redis connection error'));
  return redis;
}

export function redisConfigured(): boolean {
  return Boolean(env.REDIS_URL);
}
