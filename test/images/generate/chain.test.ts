// imageGeneratorChain over scripted generators: retries on transient failures, falls back, gives up clearly.
import { describe, expect, it } from 'vitest';
import { imageGeneratorChain } from '../../../src/render/images/generate/chain.js';
import { isPermanentError, ProviderChainError, ProviderError } from '../../../src/render/providers/errors.js';
import type { GeneratedImage, ImageGenerator } from '../../../src/render/images/generate/types.js';
import { isRetryableError } from '../../../src/render/providers/retry.js';

const request = { prompt: 'a fox', outPath: '/tmp/unused.jpg', size: { width: 720, height: 1280 } };
const image = (provider: string): GeneratedImage => ({
  path: request.outPath,
  mime: 'image/jpeg',
  width: 720,
  height: 1280,
  bytes: 1,
  model: 'm',
  provider,
  contentHash: 'x',
});

/** A generator that plays `script` in order: an Error is thrown, anything else succeeds. */
function scripted(name: string, script: (Error | 'ok')[]): ImageGenerator & { calls: number } {
  const g = {
    name,
    calls: 0,
    async generate() {
      const step = script[Math.min(g.calls++, script.length - 1)]!;
      if (step instanceof Error) throw step;
      return image(name);
    },
  };
  return g;
}

const noSleep = { sleep: async () => {}, random: () => 0.5 };

describe('imageGeneratorChain', () => {
  it('retries a transient failure, then succeeds', async () => {
    const a = scripted('a', [new ProviderError('429', 'a', 'rate-limited', { status: 429 }), 'ok']);
    const retries: number[] = [];
    const chain = imageGeneratorChain([a], { ...noSleep, onRetry: (i) => retries.push(i.attempt) });
    expect(chain.name).toBe('a');
    expect((await chain.generate(request)).provider).toBe('a');
    expect(a.calls).toBe(2);
    expect(retries).toEqual([1]);
  });

  it('falls back after a permanent failure without retrying it', async () => {
    const a = scripted('a', [new ProviderError('blocked', 'a', 'refused-request', { reason: 'IMAGE_SAFETY' })]);
    const b = scripted('b', ['ok']);
    const chain = imageGeneratorChain([a, b], noSleep);
    expect(chain.name).toBe('a>b');
    expect((await chain.generate(request)).provider).toBe('b');
    expect(a.calls).toBe(1);
  });

  it('names every failure; permanent only when all were', async () => {
    const permanent = imageGeneratorChain(
      [
        scripted('a', [new ProviderError('a: HTTP 400', 'a', 'refused-request', { status: 400 })]),
        scripted('b', [new ProviderError('b: blocked', 'b', 'refused-request')]),
      ],
      noSleep,
    );
    const e1 = (await permanent.generate(request).catch((e: unknown) => e)) as Error;
    expect(e1).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e1)).toBe(true);
    expect(e1.message).toBe('Every image generator failed — a: a: HTTP 400; b: b: blocked');
    expect(isRetryableError(e1)).toBe(false);

    const busy = scripted('b', [new ProviderError('b: HTTP 503', 'b', 'server-error', { status: 503 })]);
    const mixed = imageGeneratorChain([scripted('a', [new ProviderError('a: HTTP 400', 'a', 'refused-request', { status: 400 })]), busy], {
      ...noSleep,
      retries: 2,
    });
    const e2 = (await mixed.generate(request).catch((e: unknown) => e)) as Error;
    expect(e2).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e2)).toBe(false);
    expect(isRetryableError(e2)).toBe(true);
    expect(busy.calls).toBe(3);
  });

  it("a single generator's error passes through unchanged", async () => {
    const error = new ProviderError('timed out', 'a', 'timeout');
    const chain = imageGeneratorChain([scripted('a', [error])], { ...noSleep, retries: 0 });
    await expect(chain.generate(request)).rejects.toBe(error);
  });

  it('an abort stops the chain at once', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const a: ImageGenerator = {
      name: 'a',
      async generate() {
        controller.abort(reason);
        throw reason;
      },
    };
    const b = scripted('b', ['ok']);
    const chain = imageGeneratorChain([a, b], noSleep);
    await expect(chain.generate({ ...request, signal: controller.signal })).rejects.toBe(reason);
    expect(b.calls).toBe(0);
  });
});
