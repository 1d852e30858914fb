// Runs before every test file, in that file's process: gives the file its own Postgres schema,
// migrated, and drops it afterwards. Uses the real Postgres (DATABASE_URL or the local default).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

const schemaName = `t_${randomBytes(6).toString('hex')}`;
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = schemaName;
process.env.DATABASE_POOL_SIZE ??= '8';
process.env.REDIS_PREFIX = `test:${schemaName}`;
process.env.LOG_LEVEL ??= 'silent';

const { migrate } = await import('../src/migrate.js');
await migrate(process.env.DATABASE_URL, schemaName);

afterAll(async () => {
  const { prisma } = await import('../src/db.js');
  await prisma.$disconnect();
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`);
  await client.end();
});
