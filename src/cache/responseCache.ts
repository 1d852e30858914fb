// The response cache: a query's answer kept in Redis for a short while, per viewer and credential
// (anonymous answers are shared), keyed by the document, its variables and the generations
// (generations.ts) read before any data. A mutation bumps its viewer's generation (and the public
// one when it can change the feed) before it answers, workers bump on the events they publish, so
// no answer is served that is older than the change that made it wrong. Hits are served before the
// document is parsed or the context built, with the caller still authenticated and counted by the
// rate limiter; subscriptions, batches and answers with errors are never cached.
import { createHash } from 'node:crypto';
import { type DocumentNode, type ExecutionResult, getOperationAST, type GraphQLError, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { env } from '../config.js';
import type { Context, RequestAuth, Viewer } from '../context.js';
import { logger } from '../logger.js';
import { redisConfigured } from '../redis.js';
import { bumpGenerations, cacheRedis } from './generations.js';

/** Mutations that can add a reel to the public feed, change one, or take one out. */
export const PUBLIC_MUTATIONS = new Set(['setRenderPublished', 'deleteProject', 'deleteScript', 'deleteAccount', 'cancelRender', 'retryRender']);

export interface ResponseCacheOptions {
  /** Who is asking (shared with the context, so a request is authenticated once). */
  authenticate(request: Request): Promise<RequestAuth>;
  /** Counts a served hit against the caller's budget; the error to answer with when it is spent. */
  countHit(viewer: Viewer | null, serverContext: unknown): Promise<GraphQLError | null>;
  ttlMs: number;
}

/** A signed URL in an answer must stay usable for most of its life: the TTL is at most a quarter of it. */
export function responseCacheTtlMs(): number {
  return Math.min(env.RESPONSE_CACHE_TTL_SECONDS, Math.floor(env.SIGNED_URL_TTL_SECONDS / 4)) * 1000;
}

const client = () => cacheRedis()!;

export function cacheKey(auth: RequestAuth, query: string, operationName: unknown, variables: unknown): string | null {
  const g = auth.generations;
  if (!g) return null;
  const v = auth.viewer;
  // Per credential, not only per user: an answer may mark "this session" or "this key".
  const scope = v ? `${v.id}:${v.apiKeyId ?? v.sessionId}` : 'anonymous';
  const hash = createHash('sha256')
    .update(JSON.stringify([scope, g.user, g.public, operationName ?? null, variables ?? null, query]))
    .digest('base64url');
  return `${env.REDIS_PREFIX}:rc:${hash}`;
}

function rootFields(document: DocumentNode, operationName: string | null | undefined): string[] {
  const op = getOperationAST(document, operationName);
  return (op?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/**
 * A stored answer as Yoga's result: its JSON processor sends what `stringify` returns, so the bytes
 * from Redis go out as they are, never parsed and written again. Anything else that reads `data`
 * (another transport's processor) gets it parsed.
 */
function servedAsStored(stored: Buffer): ExecutionResult {
  let parsed: ExecutionResult | undefined;
  const result = { stringify: () => stored.toString('utf8') };
  Object.defineProperty(result, 'data', { enumerable: true, get: () => (parsed ??= JSON.parse(stored.toString('utf8')) as ExecutionResult).data });
  return result as ExecutionResult;
}

/**
 * The JSON media type Yoga's own negotiation picks for this request (its regular processor comes
 * last, and the last match wins), or null when it would not answer JSON.
 */
export function jsonMediaType(request: Pick<Request, 'headers'>): string | null {
  let chosen: string | null = null;
  const accepts = (request.headers.get('accept') || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  for (const accept of accepts) {
    const [type = '', ...params] = accept.split(';');
    if ((params.find((p) => p.includes('charset=')) ?? 'charset=utf-8') !== 'charset=utf-8') continue;
    const [pre, suf] = type.split('/');
    for (const candidate of ['application/graphql-response+json', 'application/json']) {
      const [cPre, cSuf] = candidate.split('/');
      if ((pre === '*' || pre === cPre) && (suf === '*' || suf === cSuf)) chosen = candidate;
    }
  }
  return chosen;
}

/** Served from the cache (tests and the bench read it). */
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

export function useResponseCache(options: ResponseCacheOptions): Plugin<Context> {
  /** The key a request's answer is stored under, set when it was looked up and missed. */
  const keys = new WeakMap<Request, string>();
  /** Hits, with the stored bytes: sent as they are (no decoding, re-encoding or re-serialising). */
  const hits = new WeakMap<Request, Buffer>();
  const enabled = options.ttlMs > 0 && redisConfigured();
  return {
    onParams: async ({ params, request, context, setResult }) => {
      if (!enabled || Array.isArray(params) || typeof params.query !== 'string') return;
      let auth: RequestAuth;
      try {
        auth = await options.authenticate(request);
      } catch {
        // Refused credentials: the ordinary path answers (401).
        return;
      }
      const key = cacheKey(auth, params.query, params.operationName, params.variables);
      if (!key) return;
      keys.set(request, key);
      let cached: Buffer | null;
      try {
        cached = await client().getBuffer(key);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'response cache unavailable');
        keys.delete(request);
        return;
      }
      if (!cached) return;
      const limited = await options.countHit(auth.viewer, context);
      if (limited) return setResult({ errors: [limited] });
      hits.set(request, cached);
      setResult(servedAsStored(cached));
    },
    onExecute: ({ args }) => {
      const ctx = args.contextValue as Context & { request?: Request };
      const op = getOperationAST(args.document, args.operationName);
      if (op?.operation === 'mutation') {
        // Before the answer leaves: whatever the mutation did, even when it answered an error.
        const fields = rootFields(args.document, args.operationName);
        const publicToo = fields.some((f) => PUBLIC_MUTATIONS.has(f));
        return { onExecuteDone: () => bumpGenerations(ctx.viewer ? [ctx.viewer.id] : [], publicToo) };
      }
      const key = op?.operation === 'query' && ctx.request ? keys.get(ctx.request) : undefined;
      if (!key) return;
      return {
        onExecuteDone: ({ result }) => {
          if (!('data' in result) || result.errors?.length || !result.data) return;
          client()
            .set(key, JSON.stringify({ data: result.data }), 'PX', options.ttlMs)
            .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'could not store a cached answer'));
        },
      };
    },
    onResultProcess: ({ request, setResultProcessor }) => {
      const stored = hits.get(request);
      const type = stored && jsonMediaType(request);
      if (!stored || !type) return;
      setResultProcessor(
        (_result, fetchAPI) =>
          new fetchAPI.Response(new Uint8Array(stored.buffer, stored.byteOffset, stored.length) as Uint8Array<ArrayBuffer>, {
            status: 200,
            headers: { 'Content-Type': `${type}; charset=utf-8` },
          }),
        type,
      );
    },
    onResponse: ({ request, response }) => {
      if (hits.has(request)) response.headers.set(RESPONSE_CACHE_HEADER, 'hit');
    },
  };
}
