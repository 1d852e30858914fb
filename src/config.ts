import { z } from 'zod';

// Parsed once at start-up; a missing or bad value stops the process with a message naming it.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Postgres URL. When unset (or unreachable, in development) `npm start` falls back to embedded PGlite. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Postgres schema that holds our tables (tests give each file its own). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('public'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix of every Redis key, channel and queue of this deployment. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-" only')
    .default('reelforge'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Local data folder for the embedded database and local storage. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Seeds a demo user with this API key at start-up (development only). */
  DEMO_API_KEY: z
    .string()
    .regex(/^rf_[a-z0-9]{8}_[A-Za-z0-9]{32}$/, 'must look like rf_<8 lower-case alphanumerics>_<32 alphanumerics>')
    .default('rf_demo0000_DemoKeyForLocalUseOnly0000000000'),
  GRAPHIQL: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (docker-compose and shells often pass them).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function load(): Env {
  try {
    return parseEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError && !process.env.VITEST) {
      // Start-up stops here with a message naming each bad variable, not a stack trace.
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export const env: Env = load();
