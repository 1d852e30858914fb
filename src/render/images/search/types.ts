// Shared shapes, errors and the one HTTP helper of the image search providers. Configured by
// arguments only: nothing here reads the environment or knows of GraphQL, BullMQ or the database.
import type { z } from 'zod';
import { abortError } from '../../abort.js';
import { kindOfStatus, ProviderError } from '../../providers/errors.js';
import { networkCode, redact, shorten } from '../../errorText.js';

export { redact };

export interface ImageCandidate {
  /** The full-size image (http or https only). */
  url: string;
  thumbnailUrl?: string;
  title: string;
  /** The page the image appears on. */
  sourcePage?: string;
  width?: number;
  height?: number;
  mime?: string;
  /** provider name e.g. 'google-cse' | 'serpapi' | 'brave' */
  provider: string;
}

export interface ImageSearchRequest {
  query: string;
  /** How many candidates at most (default 10). */
  count?: number;
  /** BCP 47 tag of the language results should favour. */
  language?: string;
  signal?: AbortSignal;
}

export interface ImageSearchProvider {
  readonly name: string;
  search(req: ImageSearchRequest): Promise<ImageCandidate[]>;
}

export const DEFAULT_SEARCH_COUNT = 10;
export const DEFAULT_SEARCH_TIMEOUT_MS = 15_000;

// Errors are ProviderErrors (render/providers/errors.ts): 408/429/5xx, timeouts and network errors
// are retryable; refused keys, bad requests and malformed answers are not. Messages never carry a key.

/** A short reason from an error body: Google's {error:{message}}, SerpAPI's {error}, Brave's {error:{detail}}. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') {
      const { error, message } = body as { error?: unknown; message?: unknown };
      if (typeof error === 'string') return error;
      if (error && typeof error === 'object') {
        const e = error as { message?: unknown; detail?: unknown; code?: unknown };
        for (const v of [e.message, e.detail, e.code]) if (typeof v === 'string' && v) return v;
      }
      if (typeof message === 'string') return message;
    }
  } catch {
    // not JSON: the text itself
  }
  return text;
}

function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export interface RequestJsonOptions {
  provider: string;
  url: URL;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Never to appear in an error message (API keys). */
  secrets: readonly string[];
}

/**
 * GETs `url` and returns its JSON body. HTTP errors become ProviderErrors of the status's kind
 * (retryable for 408/429/5xx) carrying `status`; timeouts and network errors are retryable; an abort
 * by the caller rejects with the signal's reason, unchanged.
 */
export async function requestJson(o: RequestJsonOptions): Promise<unknown> {
  const { provider, timeoutMs, signal: callerSignal } = o;
  const clean = (s: string) => shorten(redact(s, o.secrets));
  if (callerSignal?.aborted) throw abortError(callerSignal);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([timeout, callerSignal]) : timeout;
  let status: number;
  let text: string;
  try {
    const res = await fetch(o.url, { headers: { accept: 'application/json', ...o.headers }, signal });
    status = res.status;
    text = await res.text();
  } catch (e) {
    if (callerSignal?.aborted) throw abortError(callerSignal);
    if (timeout.aborted) throw new ProviderError(`${provider}: timed out after ${timeoutMs} ms`, provider, 'timeout');
    const code = networkCode(e);
    const detail = e instanceof Error ? e.message : String(e);
    throw new ProviderError(`${provider}: network error (${clean(code ? `${detail}: ${code}` : detail)})`, provider, 'network', code ? { code } : {});
  }
  if (status < 200 || status >= 300) {
    const detail = clean(errorDetail(text)) || '(empty body)';
    const message = `${provider}: HTTP ${status}: ${detail}`;
    throw new ProviderError(message, provider, kindOfStatus(status), { status });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderError(`${provider}: malformed response: not JSON (starts with ${JSON.stringify(clean(text.slice(0, 80)))})`, provider, 'malformed');
  }
}

/** Checks a response body's outer shape; a mismatch is a permanent ('malformed') error naming what was wrong. */
export function parseResponse<T>(provider: string, schema: z.ZodType<T>, body: unknown, secrets: readonly string[]): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ProviderError(`${provider}: malformed response: ${shorten(redact(issuesOf(parsed.error), secrets))}`, provider, 'malformed');
}

/**
 * Maps each raw result through `item` (a schema and a mapper). Results that do not fit the schema are
 * skipped; when there were results and none fit, the response is malformed.
 */
export function mapResults<I>(
  provider: string,
  raw: readonly unknown[],
  schema: z.ZodType<I>,
  map: (item: I) => Omit<ImageCandidate, 'provider'> | null,
  count: number,
  secrets: readonly string[],
): ImageCandidate[] {
  const out: ImageCandidate[] = [];
  const seen = new Set<string>();
  let firstProblem: string | null = null;
  let valid = 0;
  for (const [i, value] of raw.entries()) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      firstProblem ??= `result ${i}: ${issuesOf(parsed.error)}`;
      continue;
    }
    valid++;
    const mapped = map(parsed.data);
    if (!mapped) continue;
    const candidate = normalizeCandidate({ ...mapped, provider });
    if (!candidate || seen.has(candidate.url)) continue;
    seen.add(candidate.url);
    out.push(candidate);
    if (out.length >= count) break;
  }
  if (raw.length > 0 && valid === 0 && firstProblem) {
    throw new ProviderError(`${provider}: malformed response: ${shorten(redact(firstProblem, secrets))}`, provider, 'malformed');
  }
  return out;
}

/** The http(s) URL, normalised, or undefined. */
export function httpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const positive = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : undefined);
const IMAGE_MIME = /^image\/[a-z0-9.+-]+$/i;

/** Drops candidates without an http(s) image URL and fields that say nothing (non-http links, sizes ≤ 0). */
export function normalizeCandidate(c: ImageCandidate): ImageCandidate | null {
  const url = httpUrl(c.url);
  if (!url) return null;
  const out: ImageCandidate = { url, title: (c.title ?? '').replace(/\s+/g, ' ').trim(), provider: c.provider };
  const thumbnailUrl = httpUrl(c.thumbnailUrl);
  if (thumbnailUrl) out.thumbnailUrl = thumbnailUrl;
  const sourcePage = httpUrl(c.sourcePage);
  if (sourcePage) out.sourcePage = sourcePage;
  const width = positive(c.width);
  const height = positive(c.height);
  if (width && height) {
    out.width = width;
    out.height = height;
  }
  if (c.mime && IMAGE_MIME.test(c.mime)) out.mime = c.mime.toLowerCase();
  return out;
}

/** The wanted number of results, within [1, max]. */
export function clampCount(count: number | undefined, max: number): number {
  const n = count ?? DEFAULT_SEARCH_COUNT;
  if (!Number.isFinite(n)) return Math.min(DEFAULT_SEARCH_COUNT, max);
  return Math.max(1, Math.min(max, Math.floor(n)));
}

/** The primary language subtag of a BCP 47 tag ('pt-BR' → 'pt'), lower case; undefined if there is none. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const base = tag?.trim().toLowerCase().replace(/_/g, '-').split('-')[0];
  return base && /^[a-z]{2,3}$/.test(base) ? base : undefined;
}

/** The trimmed query; an empty one is a permanent error (every provider would refuse it). */
export function requireQuery(provider: string, req: ImageSearchRequest): string {
  const q = req.query?.replace(/\s+/g, ' ').trim();
  if (!q) throw new ProviderError(`${provider}: empty query`, provider, 'refused-request');
  return q;
}

export function requireSecret(what: string, value: string | undefined): string {
  const v = value?.trim();
  if (!v) throw new Error(`${what} is required`);
  return v;
}

export function baseUrlOf(given: string | undefined, fallback: string): string {
  return (given ?? fallback).replace(/\/+$/, '');
}
