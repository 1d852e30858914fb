// SerpApi's Google Images engine. https://serpapi.com/google-images-api
import { ProviderError } from '../../providers/errors.js';
import { z } from 'zod';
import {
  baseUrlOf,
  clampCount,
  DEFAULT_SEARCH_TIMEOUT_MS,
  type ImageSearchProvider,
  mapResults,
  parseResponse,
  primaryLanguage,
  redact,
  requestJson,
  requireQuery,
  requireSecret,
} from './types.js';

export const SERPAPI_PROVIDER = 'serpapi';
const DEFAULT_BASE_URL = 'https://serpapi.com';
/** One page of Google Images holds about 100 results. */
const MAX_COUNT = 100;

const Item = z.object({
  original: z.string(),
  thumbnail: z.string().nullish(),
  title: z.string().nullish(),
  link: z.string().nullish(),
  source: z.string().nullish(),
  original_width: z.number().nullish(),
  original_height: z.number().nullish(),
});

const Response = z.object({
  images_results: z.array(z.unknown()).optional(),
  /** Set (with HTTP 200) when Google found nothing, or when the search itself failed. */
  error: z.string().optional(),
});

/** SerpApi answers a search that found nothing with HTTP 200 and this error. */
const NO_RESULTS = /hasn't returned any results|no results/i;

export function createSerpApiSearch(o: { apiKey: string; baseUrl?: string; timeoutMs?: number }): ImageSearchProvider {
  const apiKey = requireSecret('createSerpApiSearch: apiKey', o.apiKey);
  const base = baseUrlOf(o.baseUrl, DEFAULT_BASE_URL);
  const timeoutMs = o.timeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS;
  const secrets = [apiKey];
  const name = SERPAPI_PROVIDER;
  return {
    name,
    async search(req) {
      const q = requireQuery(name, req);
      const count = clampCount(req.count, MAX_COUNT);
      const url = new URL(`${base}/search.json`);
      url.searchParams.set('engine', 'google_images');
      url.searchParams.set('q', q);
      url.searchParams.set('api_key', apiKey);
      url.searchParams.set('safe', 'active');
      const hl = primaryLanguage(req.language);
      if (hl) url.searchParams.set('hl', hl);
      const body = await requestJson({ provider: name, url, timeoutMs, signal: req.signal, secrets });
      const parsed = parseResponse(name, Response, body, secrets);
      const results = parsed.images_results ?? [];
      if (results.length === 0 && parsed.error) {
        if (NO_RESULTS.test(parsed.error)) return [];
        throw new ProviderError(`${name}: ${redact(parsed.error, secrets).slice(0, 300)}`, name, 'refused-request');
      }
      return mapResults(
        name,
        results,
        Item,
        (item) => ({
          url: item.original,
          title: item.title ?? item.source ?? '',
          thumbnailUrl: item.thumbnail ?? undefined,
          sourcePage: item.link ?? undefined,
          width: item.original_width ?? undefined,
          height: item.original_height ?? undefined,
        }),
        count,
        secrets,
      );
    },
  };
}
