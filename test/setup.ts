// Runs before every test file, in that file's process: gives the file its own Postgres schema,
// migrated, and drops it afterwards. Uses the real Postgres (DATABASE_URL or the local default).
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

const schemaName = `t_${randomBytes(6).toString('hex')}`;
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = schemaName;
process.env.DATABASE_POOL_SIZE ??= '8';
process.env.REDIS_PREFIX = `test:${schemaName}`;
process.env.LOG_LEVEL ??= 'silent';
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
// Each file's own folders, so "no temp files left" can be checked per file.
const scratch = join(tmpdir(), 'reelforge-test', schemaName);
process.env.STORAGE_DIR = join(scratch, 'storage');
process.env.WORK_DIR = join(scratch, 'work');
process.env.PUBLIC_URL ??= 'http://127.0.0.1:4000';
// One secret for every process a test starts (API, workers), without writing one under DATA_DIR.
process.env.FILE_SIGNING_SECRET ??= 'test-only-file-signing-secret-0123456789abcdef';
// Limits and quotas are tested in their own files; elsewhere they would only make tests depend on
// how many calls came before.
process.env.RATE_LIMIT ??= '1000000/60s';
process.env.RATE_LIMIT_ANONYMOUS ??= '1000000/60s';
process.env.RATE_LIMIT_COSTLY ??= '1000000/60s';
process.env.RATE_LIMIT_SIGN_IN ??= '1000000/60s';
// The response cache is tested in test/responseCache.test.ts; elsewhere tests write rows directly
// (no mutation, no invalidation) and count SQL statements per request.
process.env.RESPONSE_CACHE_TTL_SECONDS ??= '0';
process.env.MAX_RENDERS_IN_FLIGHT ??= '1000';
process.env.MAX_GENERATIONS_IN_FLIGHT ??= '1000';

const { migrate } = await import('../src/migrate.js');
await migrate(process.env.DATABASE_URL, schemaName);

afterAll(async () => {
  const { prisma } = await import('../src/db.js');
  await prisma.$disconnect();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`);
  await client.end();
  await rm(scratch, { recursive: true, force: true });
  // Queues and channels of this file live under its own Redis prefix; drop them.
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.REDIS_PREFIX}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis is optional for files that never touch it.
  } finally {
    redis.disconnect();
  }
});
