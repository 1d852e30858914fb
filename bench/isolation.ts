// What every benchmark does to leave nothing behind: its own Postgres schema and Redis key prefix,
// dropped at the end (also after a failure). Errors are reported, never thrown: cleanup goes on.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Points this process at its own schema, Redis prefix and scratch folders. Call it before importing
 * anything from src/ (the configuration is read once, at import).
 */
export async function isolate(name: string): Promise<{ schema: string; scratch: string }> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const scratch = await mkdtemp(join(tmpdir(), `reelforge-bench-${name}-`));
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/test';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.DATABASE_SCHEMA = schema;
  process.env.REDIS_PREFIX = `bench:${schema}`;
  process.env.STORAGE_DIR = join(scratch, 'storage');
  process.env.WORK_DIR = join(scratch, 'work');
  return { schema, scratch };
}

export async function dropSchema(schema: string, databaseUrl = process.env.DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } catch (err) {
    console.error(`cleanup schema ${schema}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Deletes every key under `prefix` (bounded: at most 10,000 scan rounds). */
export async function deleteRedisKeys(prefix = process.env.REDIS_PREFIX, redisUrl = process.env.REDIS_URL): Promise<void> {
  if (!prefix || !redisUrl) return;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    let rounds = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0' && ++rounds < 10_000);
  } catch (err) {
    console.error(`cleanup redis: ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
