// Request rate limits, counted in Redis so every API replica shares them (rate-limiter-flexible).
// Every operation costs one point of the caller's budget (per API key, or per IP without one);
// costly mutations also spend a much smaller per-user budget. A limited call gets an error with a
// retry-after hint (HTTP 429 + Retry-After over HTTP). If Redis is unreachable the limits fall back
// to per-process memory rather than refusing everything.
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { env } from '../config.js';
import type { Context } from '../context.js';
import { parseLimit } from '../jobs/rateLimits.js';
import { logger } from '../logger.js';
import { createRedis, redisConfigured } from '../redis.js';

/** Mutations that start paid or CPU-heavy work, or send requests to a URL the caller chose. */
export const COSTLY_FIELDS = new Set([
  'generateScript',
  'retryScriptGeneration',
  'enqueueRender',
  'retryRender',
  'searchSceneImages',
  'generateSceneImage',
  'uploadSceneAsset',
  'publishRender',
  'retryPublication',
  'connectYouTube',
  'testWebhookEndpoint',
  'redeliverWebhook',
]);

/** Mutations that sign in (the browser routes count against the same budget). */
export const SIGN_IN_FIELDS = new Set(['signInWithGoogleIdToken', 'signInAsDemo']);

type Limiters = { perKey: RateLimiterAbstract; perIp: RateLimiterAbstract; costly: RateLimiterAbstract; signIn: RateLimiterAbstract; close(): void };
let limiters: Limiters | null = null;

function limiter(name: string, spec: string, redis: ReturnType<typeof createRedis> | null): RateLimiterAbstract {
  const limit = parseLimit(spec) ?? { max: 1_000_000_000, duration: 1_000 };
  const duration = Math.max(1, Math.round(limit.duration / 1000));
  if (!redis) return new RateLimiterMemory({ keyPrefix: `mem:${name}`, points: limit.max, duration });
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${env.REDIS_PREFIX}:rl:${name}`,
    points: limit.max,
    duration,
    // Redis down: count in this process instead (each replica then allows its own budget).
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `mem:${name}`, points: limit.max, duration }),
  });
}

function getLimiters(): Limiters {
  if (!limiters) {
    // Without Redis (a single process in development) the counts live in this process.
    const redis = redisConfigured() ? createRedis('limiter') : null;
    limiters = {
      perKey: limiter('key', env.RATE_LIMIT, redis),
      perIp: limiter('ip', env.RATE_LIMIT_ANONYMOUS, redis),
      costly: limiter('costly', env.RATE_LIMIT_COSTLY, redis),
      signIn: limiter('signin', env.RATE_LIMIT_SIGN_IN, redis),
      close: () => void redis?.quit().catch(() => redis.disconnect()),
    };
  }
  return limiters;
}

export function closeRateLimits(): void {
  limiters?.close();
  limiters = null;
}

export class RateLimitedError extends GraphQLError {
  constructor(what: string, retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(`Too many requests (${what}): try again in ${seconds} s`, {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: { 'Retry-After': String(seconds) } } },
    });
  }
}

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops[0];
}

/** Costly top-level fields the operation calls (each alias counts: two aliases are two renders). */
export function costlyCalls(document: DocumentNode, operationName?: string | null, fields: ReadonlySet<string> = COSTLY_FIELDS): number {
  const op = operationOf(document, operationName);
  if (op?.operation !== 'mutation') return 0;
  return op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && fields.has(s.name.value)).length;
}

/** One sign-in attempt by `ip` (the /auth routes); throws RateLimitedError when the budget is spent. */
export async function checkSignInLimit(ip: string, attempts = 1): Promise<void> {
  await consume(getLimiters().signIn, ip, attempts, 'sign-in attempts per client address');
}

async function consume(l: RateLimiterAbstract, key: string, points: number, what: string): Promise<void> {
  try {
    await l.consume(key, points);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new RateLimitedError(what, e.msBeforeNext);
    // The store failed and so did the insurance: let the call through, but say so.
    logger.warn({ err: e, key: key.split(':')[0] }, 'rate limiter unavailable');
  }
}

/** One operation's point of the caller's budget (per key or session, else per address). */
export async function checkRequestLimit(ctx: Pick<Context, 'viewer' | 'ip'>): Promise<void> {
  const l = getLimiters();
  if (ctx.viewer) await consume(l.perKey, ctx.viewer.apiKeyId ?? `session:${ctx.viewer.sessionId}`, 1, 'per API key or session');
  else await consume(l.perIp, ctx.ip, 1, 'per client address');
}

/** Checks the caller's budgets before an operation runs. */
export async function checkRateLimits(ctx: Context, document: DocumentNode, operationName?: string | null): Promise<void> {
  const l = getLimiters();
  await checkRequestLimit(ctx);
  const costly = costlyCalls(document, operationName);
  if (costly > 0 && ctx.viewer) await consume(l.costly, ctx.viewer.id, costly, 'costly mutations per user');
  const signIns = costlyCalls(document, operationName, SIGN_IN_FIELDS);
  if (signIns > 0) await checkSignInLimit(ctx.ip, signIns);
}

/** Yoga/envelop plugin: HTTP, SSE and graphql-ws operations all pass through execute or subscribe. */
export function useRateLimits(): Plugin<Context> {
  const guard = async ({
    args,
    setResultAndStopExecution,
  }: {
    args: { contextValue: unknown; document: DocumentNode; operationName?: string | null };
    setResultAndStopExecution: (r: never) => void;
  }) => {
    try {
      await checkRateLimits(args.contextValue as Context, args.document, args.operationName);
    } catch (e) {
      if (e instanceof RateLimitedError) setResultAndStopExecution({ errors: [e] } as never);
      else throw e;
    }
  };
  return { onExecute: guard as never, onSubscribe: guard as never };
}
