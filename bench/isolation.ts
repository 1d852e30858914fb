// What every benchmark does to leave nothing behind: its own Postgres schema and Redis key prefix,
// dropped at the end (also after a failure). Errors are reported, never thrown: cleanup goes on.
import { Redis } from 'ioredis';
import pg from 'pg';

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
