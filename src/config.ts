import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Key id of the development/test token key used when TOKEN_ENCRYPTION_KEYS is unset (never in production). */
export const DEV_TOKEN_KEY_ID = 'dev-insecure';
const DEV_TOKEN_KEY = createHash('sha256').update('reelforge development token key: not a secret').digest();

export interface TokenKey {
  kid: string;
  key: Buffer;
}

/** `kid:base64key,…`: the first is current (encrypts), every one decrypts what it sealed. */
const tokenKeys = z.string().transform((value, ctx): TokenKey[] => {
  const keys: TokenKey[] = [];
  for (const entry of value.split(',')) {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/_-]+={0,2})$/.exec(entry.trim());
    if (!m) {
      ctx.addIssue({
        code: 'custom',
        message: `each entry must be <key id>:<base64 key>, e.g. k2026:$(openssl rand -base64 32); got "${entry.trim().slice(0, 12)}…"`,
      });
      return z.NEVER;
    }
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: `key "${m[1]}" is ${key.length} bytes; AES-256-GCM needs 32 (\`openssl rand -base64 32\`)` });
      return z.NEVER;
    }
    if (keys.some((k) => k.kid === m[1])) {
      ctx.addIssue({ code: 'custom', message: `key id "${m[1]}" appears twice` });
      return z.NEVER;
    }
    keys.push({ kid: m[1]!, key });
  }
  return keys;
});

const rateLimit = z.string().regex(/^(none|[1-9]\d*\/[1-9]\d*(ms|s|m))$/, 'must be <jobs>/<window> such as "30/60s", "5/1s", "100/1m", or "none"');

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
  /** Where rendered files go: a local folder served by the API, or S3 / Cloudflare R2. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Local storage folder (default: <DATA_DIR>/storage). */
  STORAGE_DIR: z.string().min(1).optional(),
  /** Base URL clients use to reach this API (local storage URLs hang off it). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Where browsers reach the S3 server when that is not S3_ENDPOINT (docker-compose); presigned GETs use it. */
  S3_PRESIGN_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('auto'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Public (CDN / R2 custom domain) base URL of the bucket, for cached delivery. */
  S3_PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Signs private files' URLs and names their keys (HMAC). Required in production; elsewhere one is
   * generated once and kept in <DATA_DIR>/file-signing-secret. Changing it ends every signed URL and
   * starts new segment caches.
   */
  FILE_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  /** How long a signed URL of a private file works, in seconds (URLs are reissued within a tenth of it). */
  /** How long a query's answer is served from the response cache (Redis); 0 turns the cache off. */
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
  SIGNED_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** ElevenLabs voice (exact word timings); unset → the offline espeak-ng voice only. */
  ELEVENLABS_API_KEY: z.string().min(1).optional(),
  /** Another ElevenLabs API root (a proxy, or a local fake server in tests). */
  ELEVENLABS_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Gemini: grounded and long scripts, AI images. Unset → those links of each chain are skipped. */
  GEMINI_API_KEY: z.string().min(1).optional(),
  /** Another Gemini API root (a proxy, or a local fake server in tests). */
  GEMINI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Groq: short stories (Llama 4 Maverick). */
  GROQ_API_KEY: z.string().min(1).optional(),
  GROQ_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Google Custom Search JSON API (image search): key and search engine id, both or neither. */
  GOOGLE_CSE_API_KEY: z.string().min(1).optional(),
  GOOGLE_CSE_CX: z.string().min(1).optional(),
  GOOGLE_CSE_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SERPAPI_API_KEY: z.string().min(1).optional(),
  SERPAPI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  BRAVE_API_KEY: z.string().min(1).optional(),
  BRAVE_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Largest image download (search results, uploads), in megabytes. */
  MAX_IMAGE_MB: z.coerce.number().positive().max(100).default(15),
  /** Largest uploaded clip, in megabytes. */
  MAX_VIDEO_MB: z.coerce.number().positive().max(1000).default(100),
  /** Tests only: lets downloads and webhook deliveries reach 127.0.0.1 (local fakes). Private ranges stay refused. */
  DOWNLOAD_ALLOW_LOOPBACK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Which queues this process works: any of script, media, voice, compose, publish, webhook, account (comma-separated), or "none". */
  WORKER_QUEUES: z
    .string()
    .regex(
      /^(none|((script|media|voice|compose|publish|webhook|account)(,(script|media|voice|compose|publish|webhook|account))*))$/,
      'comma-separated queues from script, media, voice, compose, publish, webhook, account, or "none"',
    )
    .default('script,media,voice,compose,publish,webhook,account'),
  /** Webhook deliveries one worker process sends at once (each mostly waits on the receiver). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Tests only (refused in production): multiplies the webhook retry schedule (at once, 5 s, 5 min,
   * 30 min, 2 h, 5 h, 10 h, 10 h), so 0.0001 runs it in a few seconds.
   */
  WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  /**
   * Jobs per time window for each queue that calls paid services, shared by all workers (BullMQ's
   * limiter), e.g. "30/60s", "5/1s" or "none". Default: src/jobs/rateLimits.ts, when keyed.
   */
  SCRIPT_RATE_LIMIT: rateLimit.optional(),
  MEDIA_RATE_LIMIT: rateLimit.optional(),
  VOICE_RATE_LIMIT: rateLimit.optional(),
  /** API calls per API key per window (every replica shares the count in Redis). */
  RATE_LIMIT: rateLimit.default('600/60s'),
  /** API calls per client IP per window without a key (the public feed). */
  RATE_LIMIT_ANONYMOUS: rateLimit.default('120/60s'),
  /** Costly mutations (generateScript, enqueueRender, retries, searchSceneImages, generateSceneImage, uploads) per user per window. */
  RATE_LIMIT_COSTLY: rateLimit.default('20/60s'),
  /** Take the client IP from X-Forwarded-For (behind a trusted proxy only). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Renders of one user QUEUED or RUNNING at once. */
  MAX_RENDERS_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(3),
  /** Scripts of one user being generated at once. */
  MAX_GENERATIONS_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(3),
  /** Bytes of uploads one user may store, in megabytes. */
  MAX_UPLOAD_MB_PER_USER: z.coerce.number().positive().max(1_000_000).default(1_000),
  /** Largest request body that is not a multipart upload, in kilobytes. */
  /** Live events one subscriber may have waiting before its subscription ends as too slow (bounded memory). */
  LIVE_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(500),
  MAX_BODY_KB: z.coerce.number().int().min(1).max(100_000).default(256),
  /** Browser origins allowed to call the API (comma-separated), or "*". Default: "*" in development, none in production. */
  CORS_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, 'comma-separated http(s) origins, or "*"')
    .optional(),
  /** Client ids of the mobile apps whose Google ID tokens signInWithGoogleIdToken also accepts (comma-separated). */
  GOOGLE_MOBILE_CLIENT_IDS: z
    .string()
    .regex(/^[^\s,]+(,[^\s,]+)*$/, 'comma-separated client ids')
    .optional(),
  /** signInAsDemo and /auth/demo; default on except in production. */
  DEMO_SIGN_IN: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** A session ends this many days after its last use. */
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  /** Sign-in attempts (routes and mutations) per client address per window. */
  RATE_LIMIT_SIGN_IN: rateLimit.default('20/60s'),
  /** Schema introspection; default on except in production. */
  INTROSPECTION: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Jobs of each kind one worker process runs at once. */
  SCRIPT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  MEDIA_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(6),
  /** Default 4 (espeak-ng is CPU work); 8 with ElevenLabs, whose calls mostly wait on the network. */
  VOICE_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  COMPOSE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Uploads to YouTube one worker process runs at once (they mostly wait on the network). */
  PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Google OAuth (connectYouTube; sign-in shares them). The issuer is discovered
   * (`<issuer>/.well-known/openid-configuration`), so tests point it at a local fake.
   */
  GOOGLE_ISSUER: z.url({ protocol: /^https?$/ }).default('https://accounts.google.com'),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Root of the YouTube Data API (`/youtube/v3/…` and `/upload/youtube/v3/…`); a local fake in tests. */
  YOUTUBE_API_URL: z.url({ protocol: /^https?$/ }).default('https://www.googleapis.com'),
  /** Bytes per resumable-upload request, in KiB: a multiple of 256 (YouTube's rule). */
  YOUTUBE_CHUNK_KB: z.coerce
    .number()
    .int()
    .min(256)
    .max(1_048_576)
    .refine((n) => n % 256 === 0, 'must be a multiple of 256 (YouTube accepts chunks in multiples of 256 KiB)')
    .default(8_192),
  /** How often a PROCESSING publication asks YouTube whether processing finished. */
  YOUTUBE_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  /** The built-in YouTube sandbox (fake YouTube served by the API): default on except in production. */
  YOUTUBE_SANDBOX: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /**
   * Keys that seal YouTube refresh tokens at rest (AES-256-GCM): `kid:base64key,…`, the first one
   * current. Add a new key first to rotate; keep old ones until `rotateTokenKeys` re-sealed their rows.
   * Required in production; elsewhere a fixed, logged development key is used.
   */
  TOKEN_ENCRYPTION_KEYS: tokenKeys.optional(),
  /**
   * How often each worker process looks for work the database has in flight but the queue lost
   * (src/jobs/reconciler.ts; one process at a time does it). Also once at worker start.
   */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** Work enqueued more recently than this is left alone: its jobs may still be on their way to Redis. */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(2_000).max(3_600_000).default(30_000),
  /** Parent of each job's temporary directory. */
  WORK_DIR: z.string().min(1).optional(),
  /**
   * Where ffmpeg, ffprobe and espeak-ng come from: `auto` uses the installed ones, else the builds in
   * npm packages (older, see the README); `system` never uses the npm builds (a missing tool fails).
   */
  MEDIA_TOOLS: z.enum(['auto', 'system']).default('auto'),
  /** Renders the demo script once at start-up (development). */
  DEMO_RENDER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  GRAPHIQL: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export type Env = Omit<z.infer<typeof schema>, 'VOICE_CONCURRENCY' | 'YOUTUBE_SANDBOX' | 'TOKEN_ENCRYPTION_KEYS'> & {
  VOICE_CONCURRENCY: number;
  YOUTUBE_SANDBOX: boolean;
  TOKEN_ENCRYPTION_KEYS: TokenKey[];
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (docker-compose and shells often pass them).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const production = result.data.NODE_ENV === 'production';
  const env: Env = {
    ...result.data,
    VOICE_CONCURRENCY: result.data.VOICE_CONCURRENCY ?? (result.data.ELEVENLABS_API_KEY ? 8 : 4),
    YOUTUBE_SANDBOX: result.data.YOUTUBE_SANDBOX ?? !production,
    TOKEN_ENCRYPTION_KEYS: result.data.TOKEN_ENCRYPTION_KEYS ?? [{ kid: DEV_TOKEN_KEY_ID, key: DEV_TOKEN_KEY }],
  };
  if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
    throw new ConfigError(
      `Invalid configuration:\n  ${env.GOOGLE_CLIENT_ID ? 'GOOGLE_CLIENT_SECRET' : 'GOOGLE_CLIENT_ID'}: required with ${env.GOOGLE_CLIENT_ID ? 'GOOGLE_CLIENT_ID' : 'GOOGLE_CLIENT_SECRET'}`,
    );
  }
  if (env.STORAGE_DRIVER === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required when STORAGE_DRIVER=s3`).join('\n')}`);
    }
  }
  if (env.NODE_ENV === 'production' && !env.FILE_SIGNING_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  FILE_SIGNING_SECRET: required in production (at least 32 characters, e.g. `openssl rand -hex 32`); every API and worker process needs the same one',
    );
  }
  if (env.NODE_ENV === 'production' && env.DOWNLOAD_ALLOW_LOOPBACK) {
    throw new ConfigError('Invalid configuration:\n  DOWNLOAD_ALLOW_LOOPBACK: must not be true in production');
  }
  if (env.GOOGLE_ISSUER.startsWith('http:') && (env.NODE_ENV === 'production' || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(env.GOOGLE_ISSUER))) {
    throw new ConfigError(
      'Invalid configuration:\n  GOOGLE_ISSUER: must be https (plain http only for a local fake on 127.0.0.1 or localhost, outside production)',
    );
  }
  if (production && !result.data.TOKEN_ENCRYPTION_KEYS) {
    throw new ConfigError(
      'Invalid configuration:\n  TOKEN_ENCRYPTION_KEYS: required in production (kid:base64key, e.g. k1:$(openssl rand -base64 32)); it seals YouTube refresh tokens',
    );
  }
  if (env.NODE_ENV === 'production' && env.WEBHOOK_RETRY_SCALE !== 1) {
    throw new ConfigError('Invalid configuration:\n  WEBHOOK_RETRY_SCALE: must be 1 in production (the schedule Standard Webhooks receivers expect)');
  }
  if (Boolean(env.GOOGLE_CSE_API_KEY) !== Boolean(env.GOOGLE_CSE_CX)) {
    throw new ConfigError(
      `Invalid configuration:\n  ${env.GOOGLE_CSE_CX ? 'GOOGLE_CSE_API_KEY' : 'GOOGLE_CSE_CX'}: required with ${env.GOOGLE_CSE_CX ? 'GOOGLE_CSE_CX' : 'GOOGLE_CSE_API_KEY'}`,
    );
  }
  return env;
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
