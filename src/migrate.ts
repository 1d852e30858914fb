import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

const MIGRATIONS_DIR = new URL('../prisma/migrations/', import.meta.url);
// Any constant: serialises concurrent appliers (API and worker starting together, parallel tests).
const LOCK_ID = 0x7265656c; // "reel"

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

/**
 * Applies prisma/migrations/<name>/migration.sql files in name order, each once, each in its own
 * transaction, into `schema` (created if missing). Needs no network, unlike Prisma's migrate engine.
 * A migration whose file changed after it was applied stops the run: history is append-only.
 */
export async function migrate(url: string, schema: string): Promise<MigrationResult> {
  const dir = MIGRATIONS_DIR.pathname;
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    await client.query(`SET search_path TO ${q(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_migrations" (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map<string, string>(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_migrations"')).rows.map((r) => [r.name, r.checksum]),
    );
    const applied: string[] = [];
    for (const name of names) {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(`migration ${name} was edited after it was applied; add a new migration instead`);
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO "_migrations" (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(name);
    }
    return { applied, skipped: names.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => {});
    await client.end();
  }
}
