import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/migrate.js';

const url = process.env.DATABASE_URL!;
const created: string[] = [];
let admin: pg.Client;
let migrationNames: string[];

function freshSchema(): string {
  const name = `m_${randomBytes(6).toString('hex')}`;
  created.push(name);
  return name;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  migrationNames = (await readdir(new URL('../prisma/migrations/', import.meta.url), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
});

afterAll(async () => {
  for (const s of created) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await admin.end();
});

async function appliedRows(schema: string) {
  const r = await admin.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${schema}"."_migrations" ORDER BY name`);
  return r.rows;
}

async function tablesOf(schema: string): Promise<string[]> {
  const r = await admin.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [schema],
  );
  return r.rows.map((x) => x.table_name);
}

describe('migrate', () => {
  it('applies every migration once into a fresh schema; a second run applies none', async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const schema = freshSchema();
    const first = await migrate(url, schema);
    expect(first).toEqual({ applied: migrationNames, skipped: 0 });
    const rows = await appliedRows(schema);
    expect(rows.map((r) => r.name)).toEqual(migrationNames);
    for (const r of rows) expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await tablesOf(schema)).toEqual(expect.arrayContaining(['User', 'ApiKey', 'Project', '_migrations']));

    const second = await migrate(url, schema);
    expect(second).toEqual({ applied: [], skipped: migrationNames.length });
    expect(await appliedRows(schema)).toEqual(rows);
  });

  it('does not touch other schemas', async () => {
    const a = freshSchema();
    const b = freshSchema();
    await migrate(url, a);
    expect(await tablesOf(b)).toEqual([]);
    const r = await admin.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [b]);
    expect(r.rowCount).toBe(0);
  });

  it('two concurrent runs on a new schema both succeed and apply each migration exactly once', async () => {
    const schema = freshSchema();
    const results = await Promise.all([migrate(url, schema), migrate(url, schema), migrate(url, schema)]);
    const appliedAll = results.flatMap((r) => r.applied).sort();
    expect(appliedAll).toEqual(migrationNames);
    // Exactly one run did the work; the others found it done.
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(results.filter((r) => r.skipped === migrationNames.length)).toHaveLength(2);
    expect((await appliedRows(schema)).map((r) => r.name)).toEqual(migrationNames);
  });

  it('refuses a migration edited after it was applied, naming it, and releases the lock', async () => {
    const schema = freshSchema();
    await migrate(url, schema);
    const victim = migrationNames[0]!;
    await admin.query(`UPDATE "${schema}"."_migrations" SET checksum = $1 WHERE name = $2`, ['0'.repeat(64), victim]);
    await expect(migrate(url, schema)).rejects.toThrow(
      new RegExp(`migration ${victim} was edited after it was applied`),
    );
    // The advisory lock was released: another schema migrates promptly.
    const other = freshSchema();
    const r = await Promise.race([
      migrate(url, other),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('migrate hung: lock not released')), 10_000)),
    ]);
    expect(r.applied).toEqual(migrationNames);
  });

  it('fails with a clear error when the database does not answer', async () => {
    await expect(migrate('postgresql://postgres@127.0.0.1:1/nope', freshSchema())).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
