// The three providers against local stand-ins of their APIs: what is asked, what comes back, and how
// each kind of failure is classified. No request leaves 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { createBraveSearch, createGoogleCseSearch, createSerpApiSearch, type ImageSearchProvider } from '../../../src/render/images/search/index.js';
import { isPermanentError, ProviderError } from '../../../src/render/providers/errors.js';
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

const HITS: Hit[] = [
  {
    image: 'https://img.example.org/eiffel.jpg',
    page: 'https://example.org/paris',
    title: 'Eiffel Tower at night',
    thumb: 'https://t.example.org/1.jpg',
    width: 1080,
    height: 1920,
  },
  { image: 'http://img.example.org/louvre.png', page: 'https://example.org/louvre', title: 'The  Louvre', width: 800, height: 600, mime: 'image/png' },
  { image: 'data:image/png;base64,AAAA', page: 'https://example.org/x', title: 'inline picture' },
  { image: 'https://img.example.org/eiffel.jpg', page: 'https://example.org/dup', title: 'duplicate of the first' },
  { image: 'x-raw-image:///abc', title: 'raw' },
  { image: 'https://img.example.org/nosize.jpg', title: 'No size', page: 'javascript:alert(1)' },
];

interface Case {
  name: string;
  make(baseUrl: string, timeoutMs?: number): ImageSearchProvider;
  body(hits: Hit[]): unknown;
  key: string;
  path: string;
}

const CASES: Case[] = [
  {
    name: 'google-cse',
    make: (baseUrl, timeoutMs) => createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl, timeoutMs }),
    body: cseBody,
    key: CSE_KEY,
    path: '/customsearch/v1',
  },
  {
    name: 'serpapi',
    make: (baseUrl, timeoutMs) => createSerpApiSearch({ apiKey: SERP_KEY, baseUrl, timeoutMs }),
    body: serpBody,
    key: SERP_KEY,
    path: '/search.json',
  },
  {
    name: 'brave',
    make: (baseUrl, timeoutMs) => createBraveSearch({ apiKey: BRAVE_KEY, baseUrl, timeoutMs }),
    body: braveBody,
    key: BRAVE_KEY,
    path: '/res/v1/images/search',
  },
];

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe.each(CASES)('$name', (c) => {
  it('maps results, keeps only http(s) images and drops duplicate URLs', async () => {
    const api = await fake(() => ({ status: 200, json: c.body(HITS) }));
    const provider = c.make(api.url);
    expect(provider.name).toBe(c.name);
    const found = await provider.search({ query: 'Eiffel tower', language: 'fr-FR' });
    expect(found.map((x) => x.url)).toEqual(['https://img.example.org/eiffel.jpg', 'http://img.example.org/louvre.png', 'https://img.example.org/nosize.jpg']);
    expect(found[0]).toMatchObject({
      url: 'https://img.example.org/eiffel.jpg',
      title: 'Eiffel Tower at night',
      sourcePage: 'https://example.org/paris',
      thumbnailUrl: 'https://t.example.org/1.jpg',
      width: 1080,
      height: 1920,
      provider: c.name,
    });
    expect(found[1]).toMatchObject({ title: 'The Louvre', width: 800, height: 600, provider: c.name });
    // No size given, and a non-http page link is no source page.
    const { mime, ...rest } = found[2]!;
    expect(rest).toEqual({ url: 'https://img.example.org/nosize.jpg', title: 'No size', provider: c.name });
    // Only Google says what type the file is.
    expect(mime).toBe(c.name === 'google-cse' ? 'image/jpeg' : undefined);
    expect(found[1]!.mime).toBe(c.name === 'google-cse' ? 'image/png' : undefined);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.path).toBe(c.path);
    expect(api.requests[0]!.query.get('q')).toBe('Eiffel tower');
  });

  it('returns at most `count` candidates', async () => {
    const api = await fake(() => ({ status: 200, json: c.body(HITS) }));
    const found = await c.make(api.url).search({ query: 'eiffel', count: 1 });
    expect(found.map((x) => x.url)).toEqual(['https://img.example.org/eiffel.jpg']);
  });

  it('returns nothing when the API found nothing', async () => {
    const api = await fake(() => ({ status: 200, json: c.body([]) }));
    expect(await c.make(api.url).search({ query: 'qwxzv' })).toEqual([]);
  });

  it('refuses a response that is not JSON, naming the provider (permanent)', async () => {
    const api = await fake(() => ({ status: 200, text: '<html>Service moved</html>' }));
    const e = await failure(c.make(api.url).search({ query: 'eiffel' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ provider: c.name, kind: 'malformed' });
    expect(isPermanentError(e)).toBe(true);
    expect(e.message).toMatch(new RegExp(`^${c.name}: malformed response: not JSON`));
    expect(isRetryableError(e)).toBe(false);
  });

  it('refuses JSON of the wrong shape, saying what was wrong', async () => {
    const bad = c.name === 'google-cse' ? { items: 'nope' } : c.name === 'serpapi' ? { images_results: 7 } : { results: { a: 1 } };
    const api = await fake(() => ({ status: 200, json: bad }));
    const e = await failure(c.make(api.url).search({ query: 'eiffel' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: 'malformed', retryable: false });
    expect(e.message).toMatch(new RegExp(`^${c.name}: malformed response: (items|images_results|results): .*expected array`, 'i'));
  });

  it('refuses results none of which has an image URL', async () => {
    const broken = c.body(HITS) as Record<string, unknown[]>;
    const listKey = c.name === 'google-cse' ? 'items' : c.name === 'serpapi' ? 'images_results' : 'results';
    const stripped = broken[listKey]!.map((r) => {
      const copy = structuredClone(r) as Record<string, unknown>;
      if (c.name === 'google-cse') delete copy.link;
      else if (c.name === 'serpapi') delete copy.original;
      else delete copy.properties;
      return copy;
    });
    const api = await fake(() => ({ status: 200, json: { ...broken, [listKey]: stripped } }));
    const e = await failure(c.make(api.url).search({ query: 'eiffel' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: 'malformed', retryable: false });
    expect(e.message).toMatch(new RegExp(`^${c.name}: malformed response: result 0: (link|original|properties)`));
  });

  it.each([
    [400, false],
    [401, false],
    [403, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])('HTTP %i: status kept, retryable=%s, key never in the message', async (status, retryable) => {
    // The body echoes the key, as a misbehaving proxy might.
    const api = await fake(() => ({ status, json: { error: { code: status, message: `bad request for key=${c.key}` } } }));
    const e = await failure(c.make(api.url).search({ query: 'eiffel' }));
    expect((e as { status?: number }).status).toBe(status);
    expect(isRetryableError(e)).toBe(retryable);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ provider: c.name, retryable });
    expect(isPermanentError(e)).toBe(!retryable);
    expect(e.message).toContain(`${c.name}: HTTP ${status}: bad request for key=[redacted]`);
    expect(`${e.message}\n${e.stack}\n${JSON.stringify(e)}`).not.toContain(c.key);
  });

  it('times out as a retryable error', async () => {
    const api = await fake(() => ({ hang: true }));
    const e = await failure(c.make(api.url, 150).search({ query: 'eiffel' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: 'timeout', retryable: true });
    expect(e.message).toBe(`${c.name}: timed out after 150 ms`);
    expect(isRetryableError(e)).toBe(true);
  });

  it('a refused connection is a retryable network error', async () => {
    const api = await fake(() => ({ status: 200, json: {} }));
    const url = api.url;
    await api.close();
    const e = await failure(c.make(url).search({ query: 'eiffel' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
    expect(e.message).toMatch(new RegExp(`^${c.name}: network error .*ECONNREFUSED`));
    expect(e.message).not.toContain(c.key);
    expect(isRetryableError(e)).toBe(true);
  });

  it("rejects with the caller's abort reason, unwrapped", async () => {
    const api = await fake(() => ({ hang: true }));
    const controller = new AbortController();
    const pending = c.make(api.url).search({ query: 'eiffel', signal: controller.signal });
    const reason = new Error('render cancelled');
    setTimeout(() => controller.abort(reason), 30);
    expect(await failure(pending)).toBe(reason);
  });

  it('refuses an empty query without asking the API', async () => {
    const api = await fake(() => ({ status: 200, json: c.body(HITS) }));
    const e = await failure(c.make(api.url).search({ query: '   ' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: 'refused-request', retryable: false });
    expect(e.message).toBe(`${c.name}: empty query`);
    expect(api.requests).toHaveLength(0);
  });
});

describe('request parameters', () => {
  it('google-cse: key, cx, image search, safe, num ≤ 10, hl', async () => {
    const api = await fake(() => ({ status: 200, json: cseBody(HITS) }));
    await createGoogleCseSearch({ apiKey: CSE_KEY, cx: CSE_CX, baseUrl: `${api.url}/` }).search({ query: 'eiffel', count: 40, language: 'pt-BR' });
    const q = api.requests[0]!.query;
    expect(Object.fromEntries(q)).toEqual({ key: CSE_KEY, cx: CSE_CX, q: 'eiffel', searchType: 'image', num: '10', safe: 'active', hl: 'pt' });
  });

  it('serpapi: google_images engine, key, hl', async () => {
    const api = await fake(() => ({ status: 200, json: serpBody(HITS) }));
    await createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: api.url }).search({ query: 'eiffel', language: 'de' });
    const q = api.requests[0]!.query;
    expect(q.get('engine')).toBe('google_images');
    expect(q.get('api_key')).toBe(SERP_KEY);
    expect(q.get('hl')).toBe('de');
  });

  it('serpapi: "no results" answered as an error with HTTP 200 is an empty result', async () => {
    const api = await fake(() => ({
      status: 200,
      json: { search_metadata: { status: 'Success' }, error: "Google hasn't returned any results for this query." },
    }));
    expect(await createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: api.url }).search({ query: 'qwxzv' })).toEqual([]);
  });

  it('serpapi: another error with HTTP 200 is permanent and redacted', async () => {
    const api = await fake(() => ({ status: 200, json: { error: `Invalid API key ${SERP_KEY}.` } }));
    const e = await failure(createSerpApiSearch({ apiKey: SERP_KEY, baseUrl: api.url }).search({ query: 'eiffel' }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(isPermanentError(e)).toBe(true);
    expect(e.message).toBe('serpapi: Invalid API key [redacted].');
  });

  it('brave: key in the header (not the URL), count, strict safe search, search_lang', async () => {
    const api = await fake(() => ({ status: 200, json: braveBody(HITS) }));
    await createBraveSearch({ apiKey: BRAVE_KEY, baseUrl: api.url }).search({ query: 'eiffel', count: 5, language: 'ja-JP' });
    const r = api.requests[0]!;
    expect(r.headers['x-subscription-token']).toBe(BRAVE_KEY);
    expect(Object.fromEntries(r.query)).toEqual({ q: 'eiffel', count: '5', safesearch: 'strict', search_lang: 'jp' });
  });

  it('brave: languages it does not know are not sent', async () => {
    const api = await fake(() => ({ status: 200, json: braveBody(HITS) }));
    await createBraveSearch({ apiKey: BRAVE_KEY, baseUrl: api.url }).search({ query: 'eiffel', language: 'sw' });
    expect(api.requests[0]!.query.has('search_lang')).toBe(false);
  });

  it('needs its keys', () => {
    expect(() => createGoogleCseSearch({ apiKey: ' ', cx: CSE_CX })).toThrow(/apiKey is required/);
    expect(() => createGoogleCseSearch({ apiKey: CSE_KEY, cx: '' })).toThrow(/cx is required/);
    expect(() => createSerpApiSearch({ apiKey: '' })).toThrow(/apiKey is required/);
    expect(() => createBraveSearch({ apiKey: '' })).toThrow(/apiKey is required/);
  });
});
