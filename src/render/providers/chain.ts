// One provider chain for every kind of external service: providers in order of preference, each
// retried a little on transient failures (bounded, exponential backoff with jitter), the next one
// taking over when a provider still fails or fails in a way retrying cannot fix.
import { abortError } from '../abort.js';
import { type ChainFailure, ProviderChainError } from './errors.js';
import { isRetryableError, type RetryOptions, withRetries } from './retry.js';

export interface ChainOptions<T> extends Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random'> {
  /** Stops the chain at once: no further call, retry or wait; the signal's reason is thrown. */
  signal?: AbortSignal;
  /**
   * The message of the error that ends the chain: how it starts ('Every voice provider failed',
   * then each provider and its error), or the whole message made from the failures.
   */
  failedMessage?: string | ((failures: readonly ChainFailure[]) => string);
  /**
   * Whether a provider's answer serves; one that does not (no search results, say) counts as that
   * provider's failure, with the error returned here, and the next provider is asked.
   */
  refuse?: (value: T, provider: string) => Error | null;
  /** Told before each retry of a provider. */
  onRetry?: (info: { provider: string; attempt: number; delayMs: number; error: Error }) => void;
  /** Told when a provider failed for good and the chain moves on (next) or gives up (null). No secrets in it. */
  onProviderFailed?: (info: { provider: string; error: Error; reason: string; attempts: number; next: string | null }) => void;
}

export interface ChainResult<T> {
  value: T;
  /** The provider that served. */
  provider: string;
  /** Providers tried before it, each with why it did not serve. */
  failures: ChainFailure[];
}

export const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** A real sleep that ends early (rejecting with the signal's reason) when the signal aborts. */
export function abortableSleep(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
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

/** The error's message without the provider's own name in front ("brave: HTTP 503" → "HTTP 503"). */
function reasonOf(error: Error, provider: string): string {
  const text = error.message || error.name;
  const prefix = `${provider}: `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** "<start> — a: message; b: message" */
function chainMessage(start: string, failures: readonly ChainFailure[]): string {
  return `${start} — ${failures.map((f) => `${f.provider}: ${f.error.message}`).join('; ')}`;
}

/**
 * Calls `call(provider)` for each provider in order until one serves, and says which one did and
 * what failed before it. A provider is retried only on retryable errors (isRetryableError: 408,
 * 429, 5xx, timeouts, network); a permanent error moves on at once. When every provider fails, a
 * ProviderChainError carries each failure; it is permanent only when every failure was.
 */
export async function runChain<P extends { readonly name: string }, T>(
  links: readonly (P | null | undefined)[],
  call: (provider: P) => Promise<T>,
  options: ChainOptions<T> = {},
): Promise<ChainResult<T>> {
  const { signal } = options;
  const providers = keyedOnly(links);
  const failures: ChainFailure[] = [];
  for (const [i, provider] of providers.entries()) {
    if (signal?.aborted) throw abortError(signal);
    let attempts = 0;
    let error: Error;
    try {
      const value = await withRetries(
        () => {
          // An injected sleep may not end on abort: no call after one either way.
          if (signal?.aborted) throw abortError(signal);
          attempts++;
          return call(provider);
        },
        {
          retries: options.retries,
          baseDelayMs: options.baseDelayMs,
          maxDelayMs: options.maxDelayMs,
          random: options.random,
          sleep: options.sleep ?? abortableSleep(signal),
          isRetryable: (e) => !signal?.aborted && isRetryableError(e),
          onRetry: ({ attempt, delayMs, error: e }) => options.onRetry?.({ provider: provider.name, attempt, delayMs, error: asError(e) }),
        },
      );
      const refused = options.refuse?.(value, provider.name);
      if (!refused) return { value, provider: provider.name, failures };
      error = refused;
    } catch (e) {
      if (signal?.aborted) throw abortError(signal);
      error = asError(e);
    }
    const failure = { provider: provider.name, error, reason: reasonOf(error, provider.name), attempts };
    failures.push(failure);
    options.onProviderFailed?.({ ...failure, next: providers[i + 1]?.name ?? null });
  }
  const { failedMessage = 'Every provider failed' } = options;
  throw new ProviderChainError(typeof failedMessage === 'function' ? failedMessage(failures) : chainMessage(failedMessage, failures), failures);
}

/**
 * For chains that stand in for one provider: a lone provider's own error passes through unchanged,
 * so a chain of one fails exactly as its provider does.
 */
export function unwrapLone(error: unknown): unknown {
  return error instanceof ProviderChainError && error.failures.length === 1 ? error.failures[0]!.error : error;
}

/** The providers that are there: a null stands for one left out (no key, see whenKeyed). */
export function keyedOnly<P>(links: readonly (P | null | undefined)[]): P[] {
  return links.filter((p): p is P => p !== null && p !== undefined);
}

/** The provider made from `key`, or null when the key is unset or blank: unkeyed providers are left out of a chain. */
export function whenKeyed<P>(key: string | undefined, make: (key: string) => P): P | null {
  const k = key?.trim();
  return k ? make(k) : null;
}
