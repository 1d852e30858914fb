// The fallback chain over real providers talking to local stand-ins: retries with injected sleep
// (no real waiting), fallback, and the errors when nothing works.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createBraveSearch,
  createGoogleCseSearch,
  createSerpApiSearch,
  searchChain,
  type SearchChainOptions,
} from '../../../src/render/images/search/index.js';
import { isPermanentError, ProviderChainError } from '../../../src/render/providers/errors.js';
import { isRetryableError } from '../../../src/render/providers/retry.js';
import { BRAVE_KEY, braveBody, CSE_CX, CSE_KEY, cseBody, type FakeApi, type Hit, SERP_KEY, serpBody, startFakeApi } from './fakeSearch.js';

const apis: FakeApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

async function fake(reply: Parameters<typeof startFakeApi>[0]): Promise<FakeApi> {
  const api = await startFakeApi(reply);
  apis.push(api);
  return api;
}

const HITS: Hit[] = [{ image: 'https://img.example.org/a.jpg', page: 'https://example.org/a', title: 'A', width: 1080, height: 1920 }];
const KEYS = [CSE_KEY, SERP_KEY, BRAVE_KEY];

/** Options that never wait: the delays asked for are recorded instead. */
function noWait(extra: SearchChainOptions = {}) {
  const slept: number[] = [];
  const events: string[] = [];
  const options: SearchChainOptions = {
    retries: 2,
    baseDelayMs: 100,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
    },
    onRetry: ({ provider, attempt, error }) => events.push(`retry ${provider} #${attempt}: ${error.message}`),
    onProviderFailed: ({ provider, reason, attempts, next }) => events.push(`failed ${provider} after ${attempts}: ${reason} → ${next}`),
    ...extra,
  };
  return { options, slept, events };
}

const errorBody = (status: number, key: string) => ({ error: { code: status, message: `trouble with key ${key}` } });

describe('searchChain', () => {
  it('retries a 429 and returns what the same provider then finds', async () => {
    const cse = await fake((_r, n) => (n === 0 ? { status: 429, json: errorBody(429, CSE_KEY) } : { status: 200, json: cseBody(HITS) }));
    const { options, slept, events } = noWait();
    const result = await searchChain([createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url })], options).search({ query: 'a' });
    expect(result.provider).toBe('google-cse');
    expect(result.failures).toEqual([]);
    expect(result.candidates.map((c) => c.url)).toEqual(['https://img.example.org/a.jpg']);
    expect(cse.requests).toHaveLength(2);
    expect(slept).toEqual([100]); // base delay, jitter centred by random() = 0.5
    expect(events).toEqual(['retry google-cse #1: google-cse: HTTP 429: trouble with key [redacted]']);
  });

  it('falls back to the next provider when one keeps answering 500', async () => {
    const cse = await fake(() => ({ status: 500, json: errorBody(500, CSE_KEY) }));
    const serp = await fake(() => ({ status: 200, json: serpBody(HITS) }));
    const { options, slept, events } = noWait();
    const result = await searchChain(
      [createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url }), createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: serp.url })],
      options,
    ).search({ query: 'a' });
    expect(result.provider).toBe('serpapi');
    expect(result.candidates[0]).toMatchObject({ url: 'https://img.example.org/a.jpg', provider: 'serpapi' });
    expect(result.failures).toEqual([{ provider: 'google-cse', reason: 'HTTP 500: trouble with key [redacted]' }]);
    expect(cse.requests).toHaveLength(3); // first try + 2 retries
    expect(serp.requests).toHaveLength(1);
    expect(slept).toEqual([100, 200]);
    expect(events.at(-1)).toBe('failed google-cse after 3: HTTP 500: trouble with key [redacted] → serpapi');
  });

  it('does not retry a refused key, and moves on at once', async () => {
    const cse = await fake(() => ({ status: 403, json: errorBody(403, CSE_KEY) }));
    const brave = await fake(() => ({ status: 200, json: braveBody(HITS) }));
    const { options, slept } = noWait();
    const result = await searchChain(
      [createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url }), createBraveSearch({ apiKey: BRAVE_KEY, baseUrl: brave.url })],
      options,
    ).search({ query: 'a' });
    expect(result.provider).toBe('brave');
    expect(cse.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('moves on when a provider finds nothing', async () => {
    const cse = await fake(() => ({ status: 200, json: cseBody([]) }));
    const brave = await fake(() => ({ status: 200, json: braveBody(HITS) }));
    const { options } = noWait();
    const result = await searchChain(
      [createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url }), createBraveSearch({ apiKey: BRAVE_KEY, baseUrl: brave.url })],
      options,
    ).search({ query: 'a' });
    expect(result).toMatchObject({ provider: 'brave', failures: [{ provider: 'google-cse', reason: 'no results' }] });
    expect(cse.requests).toHaveLength(1);
  });

  it('names every provider and its reason when all fail; retryable if any failure was', async () => {
    const cse = await fake(() => ({ status: 401, json: errorBody(401, CSE_KEY) }));
    const serp = await fake(() => ({ status: 503, json: { error: `overloaded (api_key=${SERP_KEY})` } }));
    const brave = await fake(() => ({ status: 200, text: `<html>${BRAVE_KEY}</html>` }));
    const { options, events } = noWait();
    const chain = searchChain(
      [
        createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url }),
        createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: serp.url }),
        createBraveSearch({ apiKey: BRAVE_KEY, baseUrl: brave.url }),
      ],
      options,
    );
    const e = await chain.search({ query: 'a' }).then(
      () => expect.unreachable(),
      (err: unknown) => err as ProviderChainError,
    );
    expect(e).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e)).toBe(false);
    expect(e.nothingFound).toBe(false);
    expect(isRetryableError(e)).toBe(true);
    expect(e.message).toMatch(/^Every image search provider failed — /);
    expect(e.message).toContain('google-cse: HTTP 401: trouble with key [redacted]');
    expect(e.message).toContain('serpapi: HTTP 503: overloaded (api_key=[redacted])');
    expect(e.message).toContain('brave: malformed response: not JSON');
    expect(e.failures.map((f) => f.provider)).toEqual(['google-cse', 'serpapi', 'brave']);
    expect(serp.requests).toHaveLength(3);
    const everything = `${e.message}\n${e.stack}\n${JSON.stringify(e.failures)}\n${events.join('\n')}`;
    for (const key of KEYS) expect(everything).not.toContain(key);
  });

  it('is permanent when no failure could pass on a later try', async () => {
    const cse = await fake(() => ({ status: 400, json: errorBody(400, CSE_KEY) }));
    const brave = await fake(() => ({ status: 200, json: braveBody([]) }));
    const { options } = noWait();
    const e = await searchChain(
      [createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url }), createBraveSearch({ apiKey: BRAVE_KEY, baseUrl: brave.url })],
      options,
    )
      .search({ query: 'a' })
      .then(
        () => expect.unreachable(),
        (err: unknown) => err as ProviderChainError,
      );
    expect(e).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e)).toBe(true);
    expect(isRetryableError(e)).toBe(false);
    expect(e.nothingFound).toBe(false);
    expect(e.message).toBe('Every image search provider failed — google-cse: HTTP 400: trouble with key [redacted]; brave: no results');
  });

  it('says so when every provider found nothing', async () => {
    const serp = await fake(() => ({ status: 200, json: { error: "Google hasn't returned any results for this query." } }));
    const e = await searchChain([createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: serp.url })], noWait().options)
      .search({ query: 'a' })
      .then(
        () => expect.unreachable(),
        (err: unknown) => err as ProviderChainError,
      );
    expect(e).toBeInstanceOf(ProviderChainError);
    expect(isPermanentError(e)).toBe(true);
    expect(e.nothingFound).toBe(true);
    expect(e.message).toBe('Every image search provider failed — serpapi: no results');
  });

  it('with no providers, finds nothing without failing', async () => {
    expect(await searchChain([]).search({ query: 'a' })).toEqual({ candidates: [], provider: 'none', failures: [] });
  });

  it('stops at once when the request is aborted between retries', async () => {
    const cse = await fake(() => ({ status: 503, json: errorBody(503, CSE_KEY) }));
    const serp = await fake(() => ({ status: 200, json: serpBody(HITS) }));
    const controller = new AbortController();
    const reason = new Error('cancelled');
    // The real (abortable) sleep, with a delay far longer than the test.
    const chain = searchChain(
      [createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: cse.url }), createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: serp.url })],
      { retries: 2, baseDelayMs: 60_000, onRetry: () => controller.abort(reason) },
    );
    await expect(chain.search({ query: 'a', signal: controller.signal })).rejects.toBe(reason);
    expect(cse.requests).toHaveLength(1);
    expect(serp.requests).toHaveLength(0);
  });
});
