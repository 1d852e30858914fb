// Image search providers in order of preference: each is retried a little on transient failures
// (or moves on when it finds nothing), then the next one takes over.
import { abortError } from '../../abort.js';
import { PermanentMediaError } from '../../types.js';
import { isRetryableError, type RetryOptions, withRetries } from '../../providers/retry.js';
import type { ImageCandidate, ImageSearchProvider, ImageSearchRequest } from './types.js';

export interface SearchChainOptions extends Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random'> {
  /** Told when a provider failed for good (or found nothing) and the chain moves on or gives up. No secrets in it. */
  onProviderFailed?: (info: { provider: string; reason: string; error?: Error; attempts: number; next: string | null }) => void;
  /** Told before each retry of a provider. */
  onRetry?: (info: { provider: string; attempt: number; delayMs: number; error: Error }) => void;
}

export interface SearchChainFailure {
  provider: string;
  reason: string;
}

export interface SearchChainResult {
  candidates: ImageCandidate[];
  /** The provider that found them; 'none' when the chain has no providers. */
  provider: string;
  /** Providers tried before it, and why they did not serve. */
  failures: SearchChainFailure[];
}

export interface SearchChain {
  search(req: ImageSearchRequest): Promise<SearchChainResult>;
}

export const NO_RESULTS = 'no results';

/** Every provider failed and at least one of them may pass on a later try. */
export class ImageSearchChainError extends Error {
  override name = 'ImageSearchChainError';
  readonly retryable = true;
  constructor(
    message: string,
    readonly failures: SearchChainFailure[],
  ) {
    super(message);
  }
}

/** Every provider failed in a way a later try cannot fix (refused keys, nothing found, malformed answers). */
export class PermanentImageSearchChainError extends PermanentMediaError {
  override name = 'ImageSearchChainError';
  readonly retryable = false;
  constructor(
    message: string,
    readonly failures: SearchChainFailure[],
    /** True when every provider answered but found nothing. */
    readonly noResults: boolean,
  ) {
    super(message);
  }
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** A real sleep that ends early (rejecting) when the request is aborted. */
function abortableSleep(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}

/**
 * Searches the providers in order. A provider is retried (bounded, with backoff — `withRetries`) on
 * retryable errors (408, 429, 5xx, timeouts, network); when it still fails, fails permanently, or finds
 * nothing, the next one is tried. The result names the provider that served it. When every provider
 * fails the error names each provider and its reason; it is a PermanentMediaError unless some failure
 * was retryable. An aborted request rejects with the signal's reason at once.
 */
export function searchChain(providers: ImageSearchProvider[], o: SearchChainOptions = {}): SearchChain {
  const list = [...providers];
  return {
    async search(req) {
      if (list.length === 0) return { candidates: [], provider: 'none', failures: [] };
      const failures: SearchChainFailure[] = [];
      let anyRetryable = false;
      for (const [i, provider] of list.entries()) {
        if (req.signal?.aborted) throw abortError(req.signal);
        const next = list[i + 1]?.name ?? null;
        let attempts = 0;
        try {
          const candidates = await withRetries(
            () => {
              attempts++;
              return provider.search(req);
            },
            {
              retries: o.retries,
              baseDelayMs: o.baseDelayMs,
              maxDelayMs: o.maxDelayMs,
              sleep: o.sleep ?? abortableSleep(req.signal),
              random: o.random,
              isRetryable: (e) => !req.signal?.aborted && isRetryableError(e),
              onRetry: ({ attempt, delayMs, error }) => o.onRetry?.({ provider: provider.name, attempt, delayMs, error: asError(error) }),
            },
          );
          if (candidates.length > 0) return { candidates, provider: provider.name, failures };
          failures.push({ provider: provider.name, reason: NO_RESULTS });
          o.onProviderFailed?.({ provider: provider.name, reason: NO_RESULTS, attempts, next });
        } catch (e) {
          if (req.signal?.aborted) throw abortError(req.signal);
          const error = asError(e);
          if (isRetryableError(error)) anyRetryable = true;
          // Provider errors start with the provider's name; the failure names it already.
          const prefix = `${provider.name}: `;
          const text = error.message || error.name;
          const reason = text.startsWith(prefix) ? text.slice(prefix.length) : text;
          failures.push({ provider: provider.name, reason });
          o.onProviderFailed?.({ provider: provider.name, reason, error, attempts, next });
        }
      }
      const message = `Every image search provider failed — ${failures.map((f) => `${f.provider}: ${f.reason}`).join('; ')}`;
      if (anyRetryable) throw new ImageSearchChainError(message, failures);
      throw new PermanentImageSearchChainError(
        message,
        failures,
        failures.every((f) => f.reason === NO_RESULTS),
      );
    },
  };
}
