// Image generators in order of preference, over the one provider chain: each is retried a little on
// transient failures (429, 5xx, timeouts, network), then the next one takes over.
import { type ChainOptions, keyedOnly, runChain, unwrapLone } from '../../providers/chain.js';
import type { GenerateImageRequest, GeneratedImage, ImageGenerator } from './types.js';

export type ImageChainOptions = Omit<ChainOptions<GeneratedImage>, 'signal' | 'failedMessage' | 'refuse'>;

/**
 * One ImageGenerator over several (nulls, for unkeyed generators, are left out). A caller's abort
 * stops the chain at once (its reason is thrown). When all fail, a ProviderChainError names each
 * ("Every image generator failed — …"); a single failing generator's own error passes through unchanged.
 */
export function imageGeneratorChain(generators: readonly (ImageGenerator | null)[], options: ImageChainOptions = {}): ImageGenerator {
  const list = keyedOnly(generators);
  if (list.length === 0) throw new Error('imageGeneratorChain needs at least one generator');
  return {
    name: list.map((g) => g.name).join('>'),

    async generate(request: GenerateImageRequest): Promise<GeneratedImage> {
      try {
        const { value } = await runChain(list, (g) => g.generate(request), {
          ...options,
          signal: request.signal,
          failedMessage: 'Every image generator failed',
        });
        return value;
      } catch (e) {
        throw unwrapLone(e);
      }
    },
  };
}
