import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { renderedSceneHash } from '../src/jobs/renderedScenes.js';
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
  const r = await admin.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
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
    await expect(migrate(url, schema)).rejects.toThrow(new RegExp(`migration ${victim} was edited after it was applied`));
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

  it('gives renders made before rendered scenes a copy of their script, hashed as the code hashes it', async () => {
    const schema = freshSchema();
    const target = migrationNames.findIndex((n) => n.endsWith('_rendered_scenes'));
    expect(target).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
      const sql = (name: string) => readFile(new URL(`../prisma/migrations/${name}/migration.sql`, import.meta.url), 'utf8');
      for (const name of migrationNames.slice(0, target)) await client.query(await sql(name));
      const [u, p, s, sc, r] = ['1', '2', '3', '4', '5'].map((d) => `00000000-0000-0000-0000-00000000000${d}`);
      await client.query(`INSERT INTO "User"(id, email, name) VALUES ($1, 'a@example.test', 'a')`, [u]);
      await client.query(`INSERT INTO "Project"(id, "ownerId", title, "updatedAt") VALUES ($1, $2, 'p', now())`, [p, u]);
      await client.query(
        `INSERT INTO "Script"(id, "projectId", "ownerId", title, language, "writerModel", "updatedAt") VALUES ($1, $2, $3, 'Old title', 'hi', 'x', now())`,
        [s, p, u],
      );
      await client.query(`INSERT INTO "Scene"(id, "scriptId", position, narration, "imageQuery", "updatedAt") VALUES ($1, $2, 0, 'नमस्ते दुनिया।', 'q', now())`, [
        sc,
        s,
      ]);
      await client.query(`INSERT INTO "Render"(id, "scriptId", "ownerId") VALUES ($1, $2, $3)`, [r, s, u]);
      await client.query(await sql(migrationNames[target]!));
      const render = await client.query(`SELECT title, language FROM "Render"`);
      expect(render.rows).toEqual([{ title: 'Old title', language: 'hi' }]);
      const rows = await client.query(`SELECT "sceneId", "sceneVersion", narration, "contentHash" FROM "RenderedScene"`);
      expect(rows.rows).toEqual([
        {
          sceneId: sc,
          sceneVersion: 1,
          narration: 'नमस्ते दुनिया।',
          contentHash: renderedSceneHash({ narration: 'नमस्ते दुनिया।', imageQuery: 'q', aiImagePrompt: null, pictureHash: null }),
        },
      ]);
    } finally {
      await client.end();
    }
  });
});
