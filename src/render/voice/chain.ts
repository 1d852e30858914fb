// Voice providers in order of preference: each is retried a little on transient failures, then the
// next one takes over. The offline espeak-ng voice ends the chain in production.
import { PermanentMediaError, type VoiceOptions, type VoiceProvider, type VoiceResult } from '../types.js';
import { isRetryableError, type RetryOptions, withRetries } from '../providers/retry.js';

export interface VoiceChainOptions extends Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random'> {
  /** Told when a provider failed for good and the chain moves on (or gives up). No secrets in it. */
  onProviderFailed?: (info: { provider: string; error: Error; attempts: number; next: string | null }) => void;
  /** Told before each retry of a provider. */
  onRetry?: (info: { provider: string; attempt: number; delayMs: number; error: Error }) => void;
}

export interface VoiceChainFailure {
  provider: string;
  error: Error;
}

/** Every provider failed. A PermanentMediaError when none of the failures could pass on a later try. */
export class VoiceChainError extends Error {
  override name = 'VoiceChainError';
  constructor(
    message: string,
    readonly failures: VoiceChainFailure[],
  ) {
    super(message);
  }
}

export class PermanentVoiceChainError extends PermanentMediaError {
  override name = 'VoiceChainError';
  constructor(
    message: string,
    readonly failures: VoiceChainFailure[],
  ) {
    super(message);
  }
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * One VoiceProvider over several: tries them in order. A provider is retried (bounded, with backoff)
 * on retryable errors (429, 5xx, timeouts, network); when it still fails — or fails in a way retrying
 * cannot fix, such as refused credentials — the next one is tried. The result names the provider that
 * served it. When all fail, the error names each provider and its reason (a single provider's own
 * error is passed through unchanged).
 */
export function voiceChain(providers: VoiceProvider[], options: VoiceChainOptions = {}): VoiceProvider {
  if (providers.length === 0) throw new Error('voiceChain needs at least one provider');
  const list = [...providers];
  return {
    name: list.map((p) => p.name).join('>'),

    async synthesize(text: string, voiceOptions: VoiceOptions): Promise<VoiceResult> {
      const failures: VoiceChainFailure[] = [];
      for (const [i, provider] of list.entries()) {
        let attempts = 0;
        try {
          const result = await withRetries(
            () => {
              attempts++;
              return provider.synthesize(text, voiceOptions);
            },
            {
              retries: options.retries,
              baseDelayMs: options.baseDelayMs,
              maxDelayMs: options.maxDelayMs,
              sleep: options.sleep,
              random: options.random,
              isRetryable: isRetryableError,
              onRetry: ({ attempt, delayMs, error }) => options.onRetry?.({ provider: provider.name, attempt, delayMs, error: asError(error) }),
            },
          );
          return { ...result, provider: result.provider || provider.name };
        } catch (e) {
          const error = asError(e);
          failures.push({ provider: provider.name, error });
          options.onProviderFailed?.({ provider: provider.name, error, attempts, next: list[i + 1]?.name ?? null });
        }
      }
      if (failures.length === 1) throw failures[0]!.error;
      const reasons = failures.map((f) => `${f.provider}: ${f.error.message}`).join('; ');
      const message = `Every voice provider failed — ${reasons}`;
      // Only when nothing could pass on a later attempt is the whole failure permanent.
      const permanent = failures.every((f) => f.error instanceof PermanentMediaError);
      throw permanent ? new PermanentVoiceChainError(message, failures) : new VoiceChainError(message, failures);
    },
  };
}
