// Voice providers in order of preference, over the one provider chain: each is retried a little on
// transient failures, then the next one takes over. The offline espeak-ng voice ends the chain in
// production.
import { type ChainOptions, keyedOnly, runChain, unwrapLone } from '../providers/chain.js';
import type { VoiceOptions, VoiceProvider, VoiceResult } from '../types.js';

export type VoiceChainOptions = Omit<ChainOptions<VoiceResult>, 'signal' | 'failedMessage' | 'refuse'>;

/**
 * One VoiceProvider over several (nulls, for unkeyed providers, are left out). The result names the
 * provider that served it. When all fail, a ProviderChainError names each provider and its reason
 * ("Every voice provider failed — …"); a single provider's own error is passed through unchanged.
 */
export function voiceChain(providers: readonly (VoiceProvider | null)[], options: VoiceChainOptions = {}): VoiceProvider {
  const list = keyedOnly(providers);
  if (list.length === 0) throw new Error('voiceChain needs at least one provider');
  return {
    name: list.map((p) => p.name).join('>'),

    async synthesize(text: string, voiceOptions: VoiceOptions): Promise<VoiceResult> {
      try {
        const { value, provider } = await runChain(list, (p) => p.synthesize(text, voiceOptions), {
          ...options,
          failedMessage: 'Every voice provider failed',
        });
        return { ...value, provider: value.provider || provider };
      } catch (e) {
        throw unwrapLone(e);
      }
    },
  };
}
