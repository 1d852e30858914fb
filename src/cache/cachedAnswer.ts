// Response-cache hits answered straight from the Node request, before Yoga builds a fetch Request,
// runs its plugins and pipes a Response: a hit is a Redis read and a write of the stored bytes, and
// Yoga's pipeline around it was most of its cost. Only what the Yoga path would answer the same way
// is taken here — one JSON operation (by text or by persisted hash), no session cookie (CSRF and a
// session's renewal cookie stay with Yoga), credentials that authenticate, a hit, and a caller
// within its rate limit; everything else, misses included, goes on to Yoga, which answers (and
// stores) as before. The headers are Yoga's own: its CORS function and our security headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getCORSHeadersByRequestAndOptions } from '@whatwg-node/server';
import { readCookie, sessionCookieName } from '../auth/cookies.js';
import { authenticate } from '../context.js';
import { logger } from '../logger.js';
import { clientIp } from '../protection/clientIp.js';
import { securityHeaders } from '../protection/headers.js';
import { checkRequestLimit } from '../protection/rateLimits.js';
import { cacheRedis } from './generations.js';
import { cacheKey, jsonMediaType, RESPONSE_CACHE_HEADER } from './responseCache.js';

type CorsOptions = Parameters<typeof getCORSHeadersByRequestAndOptions>[1];

export interface CachedAnswerOptions {
  /** The web app's persisted documents, by hash (the same table Yoga's plugin reads). */
  documents: Record<string, string>;
  cors: CorsOptions;
}

interface Params {
  query: string;
  operationName: string | null;
  variables: unknown;
}

/** The single operation a JSON body asks for, as Yoga's params would hold it; null for anything else. */
function paramsOf(body: string, documents: Record<string, string>): Params | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const p = parsed as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
  const hash = p.extensions?.persistedQuery?.sha256Hash;
  const query = typeof p.query === 'string' ? p.query : typeof hash === 'string' ? documents[hash] : undefined;
  if (typeof query !== 'string') return null;
  if (p.operationName !== undefined && p.operationName !== null && typeof p.operationName !== 'string') return null;
  return { query, operationName: (p.operationName as string | null | undefined) ?? null, variables: p.variables ?? null };
}

const headerOf = (req: IncomingMessage) => ({
  headers: { get: (name: string) => (req.headers[name.toLowerCase()] as string | undefined) ?? null },
});

/** Answers `req` from the response cache when that is exactly what Yoga would do; false to let Yoga answer. */
export function createCachedAnswerer(options: CachedAnswerOptions) {
  return async function answerFromCache(req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> {
    const redis = cacheRedis();
    if (!redis || req.method !== 'POST' || !(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return false;
    const cookie = req.headers.cookie ?? null;
    if (readCookie(cookie, sessionCookieName())) return false;
    // The request's headers as the fetch API's Request shows them, for Yoga's own functions.
    const asRequest = headerOf(req) as unknown as Request;
    const type = jsonMediaType(asRequest);
    if (!type) return false;
    const params = paramsOf(body, options.documents);
    if (!params) return false;
    try {
      const renewals: string[] = [];
      const auth = await authenticate({ authorization: req.headers.authorization ?? null, cookie, userAgent: req.headers['user-agent'] ?? null }, renewals);
      const key = cacheKey(auth, params.query, params.operationName, params.variables);
      if (!key || renewals.length > 0) return false;
      const stored = await redis.getBuffer(key);
      if (!stored) return false;
      await checkRequestLimit({ viewer: auth.viewer, ip: clientIp(req) });
      res.writeHead(200, {
        'Content-Type': `${type}; charset=utf-8`,
        'Content-Length': String(stored.length),
        ...getCORSHeadersByRequestAndOptions(asRequest, options.cors),
        ...securityHeaders(type),
        [RESPONSE_CACHE_HEADER]: 'hit',
      });
      res.end(stored);
      return true;
    } catch (err) {
      // Refused credentials, a spent budget, Redis away: Yoga's path answers each the usual way.
      logger.debug({ err: (err as Error).message }, 'a cached answer gave way to the full path');
      return false;
    }
  };
}
