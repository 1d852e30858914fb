// Image generators in order of preference: each is retried a little on transient failures (429,
// 5xx, timeouts, network), then the next one takes over.
import { PermanentMediaError } from '../../types.js';
import { isRetryableError, type RetryOptions, withRetries } from '../../providers/retry.js';
import type { GenerateImageRequest, GeneratedImage, ImageGenerator } from './types.js';

export type ImageChainOptions = Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'random'> & {
  /** Told before each retry of a generator. */
  onRetry?: (info: { generator: string; attempt: number; delayMs: number; error: unknown }) => void;
};

export interface ImageChainFailure {
  generator: string;
  error: Error;
}

/** Every generator failed; retryable unless all of the failures were permanent. */
export class ImageChainError extends Error {
  override name = 'ImageChainError';
  readonly retryable = true;
  constructor(
    message: string,
    readonly failures: ImageChainFailure[],
  ) {
    super(message);
  }
}

export class PermanentImageChainError extends PermanentMediaError {
  override name = 'ImageChainError';
  readonly retryable = false;
  constructor(
    message: string,
    readonly failures: ImageChainFailure[],
  ) {
    super(message);
  }
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * One ImageGenerator over several. A caller's abort stops the chain at once (its reason is thrown).
 * A single failing generator's own error passes through unchanged.
 */
export function imageGeneratorChain(generators: ImageGenerator[], options: ImageChainOptions = {}): ImageGenerator {
  if (generators.length === 0) throw new Error('imageGeneratorChain needs at least one generator');
  const list = [...generators];
  return {
    name: list.map((g) => g.name).join('>'),

    async generate(request: GenerateImageRequest): Promise<GeneratedImage> {
      const failures: ImageChainFailure[] = [];
      for (const generator of list) {
        try {
          return await withRetries(() => generator.generate(request), {
            retries: options.retries,
            baseDelayMs: options.baseDelayMs,
            maxDelayMs: options.maxDelayMs,
            sleep: options.sleep,
            random: options.random,
            isRetryable: (e) => !request.signal?.aborted && isRetryableError(e),
            onRetry: ({ attempt, delayMs, error }) => options.onRetry?.({ generator: generator.name, attempt, delayMs, error }),
          });
        } catch (e) {
          if (request.signal?.aborted) throw e;
          failures.push({ generator: generator.name, error: asError(e) });
        }
      }
      if (failures.length === 1) throw failures[0]!.error;
      const message = `Every image generator failed — ${failures.map((f) => `${f.generator}: ${f.error.message}`).join('; ')}`;
      const permanent = failures.every((f) => f.error instanceof PermanentMediaError);
      throw permanent ? new PermanentImageChainError(message, failures) : new ImageChainError(message, failures);
    },
  };
}
