// Image search providers in order of preference, over the one provider chain: each is retried a
// little on transient failures (or moves on when it finds nothing), then the next one takes over.
import { type ChainOptions, runChain } from '../../providers/chain.js';
import { ProviderError } from '../../providers/errors.js';
import type { ImageCandidate, ImageSearchProvider, ImageSearchRequest } from './types.js';

export interface SearchChainOptions extends Omit<ChainOptions<ImageCandidate[]>, 'signal' | 'failedMessage' | 'refuse' | 'onProviderFailed'> {
  /** Told when a provider failed for good (or found nothing) and the chain moves on or gives up. No secrets in it. */
  onProviderFailed?: (info: { provider: string; reason: string; error?: Error; attempts: number; next: string | null }) => void;
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

const isNothingFound = (e: Error) => e instanceof ProviderError && e.kind === 'empty';

/**
 * Searches the providers in order (runChain: bounded retries on 408, 429, 5xx, timeouts and network
 * errors; the next provider on a permanent failure or when one finds nothing). The result names the
 * provider that served it. When every provider fails, a ProviderChainError names each provider and
 * its reason ("Every image search provider failed — …"); it is permanent unless some failure may pass
 * on a later try, and `nothingFound` when every provider answered with nothing. An aborted request
 * rejects with the signal's reason at once.
 */
export function searchChain(providers: readonly (ImageSearchProvider | null)[], o: SearchChainOptions = {}): SearchChain {
  return {
    async search(req) {
      if (!providers.some(Boolean)) return { candidates: [], provider: 'none', failures: [] };
      const { value, provider, failures } = await runChain(providers, (p) => p.search(req), {
        ...o,
        signal: req.signal,
        refuse: (candidates, name) => (candidates.length > 0 ? null : new ProviderError(`${name}: ${NO_RESULTS}`, name, 'empty')),
        // Each provider's reason without its name twice ("brave: HTTP 503", not "brave: brave: …").
        failedMessage: (all) => `Every image search provider failed — ${all.map((f) => `${f.provider}: ${f.reason}`).join('; ')}`,
        // "Nothing found" is no error to log.
        onProviderFailed: ({ provider, error, reason, attempts, next }) =>
          o.onProviderFailed?.({ provider, reason, ...(isNothingFound(error) ? {} : { error }), attempts, next }),
      });
      return { candidates: value, provider, failures: failures.map((f) => ({ provider: f.provider, reason: f.reason })) };
    },
  };
}
