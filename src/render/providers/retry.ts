// Bounded retries with exponential backoff and jitter, for calls to external providers (voice, image
// search and generation, script writers): one policy for every chain.
import { PermanentMediaError } from '../types.js';

export interface RetryOptions {
  /** Attempts after the first one (default 2: three calls at most). */
  retries?: number;
  /** Delay before retry n (0-based) is baseDelayMs × 2^n, ±20 % jitter (default 200 ms). */
  baseDelayMs?: number;
  /** Upper bound of any one delay (default 5 s). */
  maxDelayMs?: number;
  /** Which errors are worth another attempt (default: isRetryableError). */
  isRetryable?: (error: unknown) => boolean;
  /** Waits; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1); injectable for deterministic jitter. */
  random?: () => number;
  /** Called before each retry with the error that caused it. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRIES = 2;
export const DEFAULT_BASE_DELAY_MS = 200;
const DEFAULT_MAX_DELAY_MS = 5_000;
const JITTER = 0.2;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * True for failures another attempt may fix: errors that say so (`retryable: true`), HTTP 408/429/5xx
 * (`status`), timeouts and network errors. Never for PermanentMediaError.
 */
export function isRetryableError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof PermanentMediaError) return false;
  const e = error as Error & { retryable?: unknown; status?: unknown; code?: unknown };
  if (typeof e.retryable === 'boolean') return e.retryable;
  if (typeof e.status === 'number') return isRetryableStatus(e.status);
  if (error.name === 'TimeoutError') return true;
  return typeof e.code === 'string' && NETWORK_CODES.has(e.code);
}

/** The wait before retry `attempt` (0-based). */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const raw = baseDelayMs * 2 ** attempt * (1 - JITTER + 2 * JITTER * random());
  return Math.max(0, Math.min(maxDelayMs, Math.round(raw)));
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn`; on a retryable error waits and runs it again, at most `retries` more times. */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error)) throw error;
      const delayMs = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}
