// The environment of a process a test starts (API, worker): this file's database schema, Redis
// prefix and folders, logs at info, plus `overrides`; nothing else of the test's environment.
const PASS = [
  'PATH',
  'HOME',
  'TMPDIR',
  'NODE_ENV',
  'DATABASE_URL',
  'DATABASE_SCHEMA',
  'DATABASE_POOL_SIZE',
  'REDIS_URL',
  'REDIS_PREFIX',
  'STORAGE_DIR',
  'WORK_DIR',
  'PUBLIC_URL',
];

export function childEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { LOG_LEVEL: 'info' };
  for (const k of PASS) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return { ...env, ...overrides };
}
