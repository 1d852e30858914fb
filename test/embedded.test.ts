// The no-services path of `npm start`: embedded PGlite behind a local socket, migrated, used by Prisma.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../src/db.js';
import { resolveInfra, type Infra } from '../src/infra.js';
import { logger } from '../src/logger.js';
import { migrate } from '../src/migrate.js';

const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

describe('embedded database', () => {
  it('starts PGlite, migrates it, and serves Prisma reads and writes', { timeout: 20_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reelforge-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const started = Date.now();

    const infra: Infra = await resolveInfra({ databaseUrl: undefined, allowEmbedded: true, dataDir, log: logger });
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await infra.stop();
    });
    expect(infra.embeddedDatabase).toBe(true);
    expect(infra.databaseUrl).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);

    const first = await migrate(infra.databaseUrl, 'public');
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.skipped).toBe(0);
    // The single PGlite session was handed back: a second run connects and finds nothing to do.
    expect(await migrate(infra.databaseUrl, 'public')).toEqual({ applied: [], skipped: first.applied.length });

    const db = createPrisma(infra.databaseUrl, 'public', 1);
    try {
      const user = await db.user.create({ data: { email: 'embedded@example.test', name: 'Embedded' } });
      expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
      const read = await db.user.findUniqueOrThrow({ where: { email: 'embedded@example.test' }, include: { apiKeys: true } });
      expect(read).toMatchObject({ id: user.id, name: 'Embedded', apiKeys: [] });
      expect(await db.user.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }

    await infra.stop();
    stopped = true;
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a DATABASE_URL that does not answer, with no fallback allowed, is a clear error naming DATABASE_URL', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reelforge-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const started = Date.now();
    await expect(resolveInfra({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/nope', allowEmbedded: false, dataDir, log: logger })).rejects.toThrow(
      /DATABASE_URL does not answer \(127\.0\.0\.1:1\)/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('in development, a DATABASE_URL that does not answer falls back to the embedded database, saying so', { timeout: 20_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reelforge-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const lines: string[] = [];
    const log = pino(
      { level: 'warn' },
      new Writable({
        write: (chunk, _enc, cb) => {
          lines.push(String(chunk));
          cb();
        },
      }),
    );
    const infra = await resolveInfra({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/nope', allowEmbedded: true, dataDir, log });
    try {
      expect(infra.embeddedDatabase).toBe(true);
      expect(infra.databaseUrl).not.toContain(':1/');
      expect(lines.join('')).toMatch(/DATABASE_URL \(127\.0\.0\.1:1\) does not answer: using the embedded database/);
    } finally {
      await infra.stop();
    }
  });

  it('in production, a REDIS_URL that does not answer is a clear error, not a private Redis nobody else uses', async () => {
    await expect(
      resolveInfra({ databaseUrl: process.env.DATABASE_URL, redisUrl: 'redis://127.0.0.1:1', allowEmbedded: false, dataDir: tmpdir(), log: logger }),
    ).rejects.toThrow(/REDIS_URL does not answer \(127\.0\.0\.1:1\)/);
  });

  it('no DATABASE_URL with no fallback allowed is a clear error', async () => {
    await expect(resolveInfra({ databaseUrl: undefined, allowEmbedded: false, dataDir: tmpdir(), log: logger })).rejects.toThrow(/DATABASE_URL is not set/);
  });
});
