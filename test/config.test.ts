import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../src/config.js';

function configErrorOf(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe('parseEnv', () => {
  it('fills in defaults for an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      HOST: '0.0.0.0',
      DATABASE_SCHEMA: 'public',
      DATABASE_POOL_SIZE: 10,
      REDIS_PREFIX: 'reelforge',
      LOG_LEVEL: 'info',
      DATA_DIR: '.data',
      DEMO_API_KEY: 'rf_demo0000_DemoKeyForLocalUseOnly0000000000',
      RECONCILE_INTERVAL_MS: 30_000,
      RECONCILE_GRACE_MS: 30_000,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.GRAPHIQL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 4000, LOG_LEVEL: 'info' });
  });

  it('accepts good values and coerces them', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/app',
      DATABASE_SCHEMA: 'tenant_1',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_PREFIX: 'rf:staging-1',
      LOG_LEVEL: 'debug',
      GRAPHIQL: 'false',
      NODE_ENV: 'production',
      FILE_SIGNING_SECRET: 'a'.repeat(32),
      TOKEN_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')}, k1:${Buffer.alloc(32, 1).toString('base64')}`,
    });
    expect(env.TOKEN_ENCRYPTION_KEYS.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(env.YOUTUBE_SANDBOX).toBe(false);
    expect(env).toMatchObject({ PORT: 8080, DATABASE_SCHEMA: 'tenant_1', REDIS_PREFIX: 'rf:staging-1', GRAPHIQL: false });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '12.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_SCHEMA', 'Bad-Name'],
    ['DATABASE_POOL_SIZE', '0'],
    ['REDIS_URL', 'http://cache:6379'],
    ['REDIS_PREFIX', 'has spaces in it'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['GRAPHIQL', 'yes'],
    ['DEMO_API_KEY', 'rf_short_key'],
    ['DEMO_API_KEY', `rf_ABCDEFGH_${'a'.repeat(32)}`],
    ['RECONCILE_INTERVAL_MS', '500'],
    ['RECONCILE_INTERVAL_MS', 'soon'],
    ['RECONCILE_GRACE_MS', '1000'],
    ['FILE_SIGNING_SECRET', 'too-short'],
    ['SIGNED_URL_TTL_SECONDS', '0'],
    ['SIGNED_URL_TTL_SECONDS', '86401'],
    ['TOKEN_ENCRYPTION_KEYS', 'no-colon-here'],
    ['TOKEN_ENCRYPTION_KEYS', `k1:${Buffer.alloc(16).toString('base64')}`],
    ['TOKEN_ENCRYPTION_KEYS', `k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32).toString('base64')}`],
    ['YOUTUBE_CHUNK_KB', '300'],
    ['GOOGLE_ISSUER', 'not a url'],
  ])('%s=%s throws a ConfigError naming the variable', (name, value) => {
    const err = configErrorOf({ [name]: value });
    expect(err.name).toBe('ConfigError');
    expect(err.message).toMatch(new RegExp(`^\\s*${name}: `, 'm'));
    // Only the bad variable is named.
    const named = [...err.message.matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1]);
    expect(named).toEqual([name]);
  });

  it('requires FILE_SIGNING_SECRET in production only', () => {
    const err = configErrorOf({ NODE_ENV: 'production' });
    expect(err.message).toMatch(/^\s*FILE_SIGNING_SECRET: required in production/m);
    expect(parseEnv({}).FILE_SIGNING_SECRET).toBeUndefined();
    expect(parseEnv({}).SIGNED_URL_TTL_SECONDS).toBe(3600);
  });

  it('webhook settings: the real schedule by default, a shortened one refused in production, the webhook queue in WORKER_QUEUES', () => {
    expect(parseEnv({})).toMatchObject({
      WEBHOOK_RETRY_SCALE: 1,
      WEBHOOK_CONCURRENCY: 10,
      WORKER_QUEUES: 'script,media,voice,compose,publish,webhook,account',
    });
    expect(parseEnv({ WEBHOOK_RETRY_SCALE: '0.001', WORKER_QUEUES: 'webhook' })).toMatchObject({ WEBHOOK_RETRY_SCALE: 0.001, WORKER_QUEUES: 'webhook' });
    const prod = { NODE_ENV: 'production', FILE_SIGNING_SECRET: 'x'.repeat(32), TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` };
    expect(configErrorOf({ ...prod, WEBHOOK_RETRY_SCALE: '0.5' }).message).toMatch(/WEBHOOK_RETRY_SCALE: must be 1 in production/);
    expect(configErrorOf({ WEBHOOK_RETRY_SCALE: '2' }).message).toMatch(/WEBHOOK_RETRY_SCALE:/);
    expect(configErrorOf({ WEBHOOK_RETRY_SCALE: '0' }).message).toMatch(/WEBHOOK_RETRY_SCALE:/);
    expect(configErrorOf({ WORKER_QUEUES: 'webhooks' }).message).toMatch(
      /WORKER_QUEUES: comma-separated queues from script, media, voice, compose, publish, webhook/,
    );
  });

  it('requires TOKEN_ENCRYPTION_KEYS in production; elsewhere a fixed development key, and the sandbox on', () => {
    const err = configErrorOf({ NODE_ENV: 'production', FILE_SIGNING_SECRET: 'a'.repeat(32) });
    expect(err.message).toMatch(/^\s*TOKEN_ENCRYPTION_KEYS: required in production/m);
    const dev = parseEnv({});
    expect(dev.TOKEN_ENCRYPTION_KEYS).toHaveLength(1);
    expect(dev.TOKEN_ENCRYPTION_KEYS[0]!.kid).toBe('dev-insecure');
    expect(dev.TOKEN_ENCRYPTION_KEYS[0]!.key).toHaveLength(32);
    expect(dev.YOUTUBE_SANDBOX).toBe(true);
    expect(configErrorOf({ TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }).message).toMatch(/key "k1" is 16 bytes; AES-256-GCM needs 32/);
    expect(configErrorOf({ GOOGLE_CLIENT_ID: 'only-the-id' }).message).toMatch(/^\s*GOOGLE_CLIENT_SECRET: required with GOOGLE_CLIENT_ID/m);
  });

  it('names every bad variable at once', () => {
    const err = configErrorOf({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_SCHEMA: 'Bad-Name' });
    expect(err.message).toMatch(/PORT:/);
    expect(err.message).toMatch(/LOG_LEVEL:/);
    expect(err.message).toMatch(/DATABASE_SCHEMA: must be a lower-case SQL identifier/);
  });
});

describe('start-up with a bad variable', () => {
  it('`tsx src/main.ts` with PORT=abc exits non-zero quickly, naming PORT, without a stack trace', async () => {
    // A clean environment, as from a shell: nothing inherited from this test run (VITEST would
    // make config.ts rethrow instead of printing and exiting, which is how tests see errors).
    const childEnv: Record<string, string> = {};
    for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k]) childEnv[k] = process.env[k]!;
    childEnv.PORT = 'abc';
    const started = Date.now();
    const child = spawn('npx', ['tsx', 'src/main.ts'], { cwd: process.cwd(), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(stderr).toMatch(/^\s*PORT: /m);
    expect(stderr).toMatch(/Invalid configuration/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toMatch(/ConfigError|config\.ts/);
    // Nothing was started.
    expect(stdout).not.toMatch(/GraphiQL at|started embedded/);
  });
});

describe('the development file signing secret', () => {
  it('is generated once under DATA_DIR, kept private, and read back by every later process', async () => {
    const { mkdtemp, rm, stat } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { secretFromFile } = await import('../src/jobs/providers.js');
    const dir = await mkdtemp(join(tmpdir(), 'reelforge-secret-'));
    try {
      const path = join(dir, 'data', 'file-signing-secret');
      const first = secretFromFile(path);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(secretFromFile(path)).toBe(first);
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(join(dir, 'data'))).toEqual(['file-signing-secret']); // no temp file left
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
