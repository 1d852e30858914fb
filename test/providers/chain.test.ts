// The one provider chain over scripted providers: order, skipping the unkeyed, bounded retries with
// jitter, fall-through on permanent errors, abort, and a result naming who served and what failed.
import { describe, expect, it } from 'vitest';
import { runChain, whenKeyed } from '../../src/render/providers/chain.js';
import { isPermanentError, kindOfStatus, ProviderChainError, ProviderError } from '../../src/render/providers/errors.js';
import { isRetryableError } from '../../src/render/providers/retry.js';
import { PermanentMediaError } from '../../src/render/types.js';

/** A provider that plays `steps` in order (the last one repeats): an Error is thrown, a string is returned. */
function scripted(name: string, steps: (Error | string)[]) {
  const p = {
    name,
    calls: 0,
    async answer(): Promise<string> {
      const step = steps[Math.min(p.calls++, steps.length - 1)]!;
      if (step instanceof Error) throw step;
      return step;
    },
  };
  return p;
}

const busy = (provider: string) => new ProviderError(`${provider} is busy (HTTP 503)`, provider, 'server-error', { status: 503 });
const refused = (provider: string) => new ProviderError(`${provider} refused the key (HTTP 401)`, provider, 'auth', { status: 401 });

function recorder() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

/** The error a chain rejected with (failing the test if it served). */
async function failure(run: Promise<unknown>): Promise<ProviderChainError> {
  const e = await run.then(
    () => new Error('the chain served'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProviderChainError);
  return e as ProviderChainError;
}

const ask = (p: ReturnType<typeof scripted>) => p.answer();

describe('runChain', () => {
  it('asks providers in order and stops at the first that serves', async () => {
    const a = scripted('a', ['from a']);
    const b = scripted('b', ['from b']);
    const r = await runChain([a, b], ask);
    expect(r).toEqual({ value: 'from a', provider: 'a', failures: [] });
    expect(b.calls).toBe(0);
  });

  it('leaves out the unkeyed providers', async () => {
    const made: string[] = [];
    const make = (name: string) => (key: string) => {
      made.push(`${name}:${key}`);
      return scripted(name, [`from ${name}`]);
    };
    const links = [whenKeyed(undefined, make('a')), whenKeyed('  ', make('b')), whenKeyed(' k ', make('c'))];
    expect(made).toEqual(['c:k']);
    const r = await runChain(links, ask);
    expect(r.provider).toBe('c');
    expect(r.failures).toEqual([]);
  });

  it('retries a transient failure a bounded number of times, with exponential backoff and jitter', async () => {
    const a = scripted('a', [busy('a')]);
    const b = scripted('b', ['from b']);
    const low = recorder();
    const retried: string[] = [];
    const r = await runChain([a, b], ask, {
      retries: 2,
      baseDelayMs: 100,
      sleep: low.sleep,
      random: () => 0,
      onRetry: (i) => retried.push(`${i.provider}#${i.attempt} after ${i.delayMs}: ${i.error.message}`),
    });
    expect(a.calls).toBe(3);
    expect(low.delays).toEqual([80, 160]); // −20 % at random() = 0
    expect(retried).toEqual(['a#1 after 80: a is busy (HTTP 503)', 'a#2 after 160: a is busy (HTTP 503)']);
    expect(r.provider).toBe('b');
    expect(r.failures.map((f) => [f.provider, f.attempts, f.error.message])).toEqual([['a', 3, 'a is busy (HTTP 503)']]);

    const high = recorder();
    await runChain([scripted('a', [busy('a')]), scripted('b', ['ok'])], ask, { retries: 2, baseDelayMs: 100, sleep: high.sleep, random: () => 0.999999 });
    expect(high.delays).toEqual([120, 240]); // +20 % near random() = 1
  });

  it('caps each wait at maxDelayMs', async () => {
    const { delays, sleep } = recorder();
    await runChain([scripted('a', [busy('a')]), scripted('b', ['ok'])], ask, { retries: 3, baseDelayMs: 100, maxDelayMs: 250, sleep, random: () => 0.5 });
    expect(delays).toEqual([100, 200, 250]);
  });

  it('falls through on a permanent error without retrying it', async () => {
    const a = scripted('a', [refused('a')]);
    const b = scripted('b', ['from b']);
    const { delays, sleep } = recorder();
    const told: unknown[] = [];
    const r = await runChain([a, b], ask, { sleep, onProviderFailed: (i) => told.push([i.provider, i.attempts, i.next, i.error.message]) });
    expect(a.calls).toBe(1);
    expect(delays).toEqual([]);
    expect(told).toEqual([['a', 1, 'b', 'a refused the key (HTTP 401)']]);
    expect(r).toMatchObject({ value: 'from b', provider: 'b' });
    expect(r.failures[0]!.error).toBeInstanceOf(ProviderError);
  });

  it('counts an answer it refuses as that provider’s failure', async () => {
    const a = scripted('a', ['']);
    const b = scripted('b', ['from b']);
    const r = await runChain([a, b], ask, { refuse: (v, p) => (v ? null : new ProviderError(`${p}: no results`, p, 'empty')) });
    expect(r.provider).toBe('b');
    expect(r.failures.map((f) => f.error.message)).toEqual(['a: no results']);
  });

  it('names every failure when all fail; permanent only when every failure was', async () => {
    const { sleep } = recorder();
    const mixed = await failure(runChain([scripted('a', [busy('a')]), scripted('b', [refused('b')])], ask, { sleep, failedMessage: 'Every thing failed' }));
    expect(mixed).toBeInstanceOf(ProviderChainError);
    expect(mixed.message).toBe('Every thing failed — a: a is busy (HTTP 503); b: b refused the key (HTTP 401)');
    expect(mixed.failures.map((f) => [f.provider, f.attempts])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(isRetryableError(mixed)).toBe(true);
    expect(isPermanentError(mixed)).toBe(false);

    const permanent = await failure(runChain([scripted('a', [refused('a')]), scripted('b', [new PermanentMediaError('b: no such voice')])], ask));
    expect(permanent).toBeInstanceOf(ProviderChainError);
    expect(isRetryableError(permanent)).toBe(false);
    expect(isPermanentError(permanent)).toBe(true);
  });

  it('an abort stops the chain at once: no retry, no wait, no next provider', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const a = {
      name: 'a',
      calls: 0,
      async answer(): Promise<string> {
        a.calls++;
        controller.abort(reason);
        throw busy('a');
      },
    };
    const b = scripted('b', ['from b']);
    const { delays, sleep } = recorder();
    await expect(runChain([a, b], (p) => p.answer(), { signal: controller.signal, sleep })).rejects.toBe(reason);
    expect(a.calls).toBe(1);
    expect(b.calls).toBe(0);
    expect(delays).toEqual([]);
  });

  it('an abort during a backoff wait ends the wait', async () => {
    const controller = new AbortController();
    const a = scripted('a', [busy('a')]);
    const b = scripted('b', ['from b']);
    const started = Date.now();
    const run = runChain([a, b], ask, { signal: controller.signal, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(run).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(a.calls).toBe(1);
    expect(b.calls).toBe(0);
  });

  it('an abort during an injected (non-abortable) wait makes no further call', async () => {
    const controller = new AbortController();
    const a = scripted('a', [busy('a'), 'from a']);
    const sleep = async () => controller.abort(new Error('stop'));
    await expect(runChain([a, scripted('b', ['from b'])], ask, { signal: controller.signal, sleep })).rejects.toThrow('stop');
    expect(a.calls).toBe(1);
  });

  it('an already aborted signal calls nobody', async () => {
    const a = scripted('a', ['from a']);
    await expect(runChain([a], ask, { signal: AbortSignal.abort(new Error('gone')) })).rejects.toThrow('gone');
    expect(a.calls).toBe(0);
  });
});

describe('ProviderError', () => {
  it('is retryable for rate limits, server errors, timeouts and network failures only', () => {
    const retryable = ['rate-limited', 'server-error', 'timeout', 'network'] as const;
    const permanent = ['malformed', 'auth', 'refused-request', 'empty'] as const;
    for (const kind of retryable) {
      const e = new ProviderError('x', 'p', kind);
      expect([kind, e.retryable, isRetryableError(e), isPermanentError(e)]).toEqual([kind, true, true, false]);
    }
    for (const kind of permanent) {
      const e = new ProviderError('x', 'p', kind);
      expect([kind, e.retryable, isRetryableError(e), isPermanentError(e)]).toEqual([kind, false, false, true]);
    }
  });

  it('maps HTTP statuses onto kinds', () => {
    expect([400, 401, 403, 404, 408, 422, 429, 500, 503].map(kindOfStatus)).toEqual([
      'refused-request',
      'auth',
      'auth',
      'refused-request',
      'timeout',
      'refused-request',
      'rate-limited',
      'server-error',
      'server-error',
    ]);
  });
});
