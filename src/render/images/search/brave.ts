// Brave Search API, image search. https://api-dashboard.search.brave.com/app/documentation/image-search
import { z } from 'zod';
import {
  baseUrlOf,
  clampCount,
  DEFAULT_SEARCH_TIMEOUT_MS,
  type ImageSearchProvider,
  mapResults,
  parseResponse,
  primaryLanguage,
  requestJson,
  requireQuery,
  requireSecret,
} from './types.js';

export const BRAVE_PROVIDER = 'brave';
const DEFAULT_BASE_URL = 'https://api.search.brave.com';
const MAX_COUNT = 200;

const Item = z.object({
  title: z.string().nullish(),
  /** The page the image is on. */
  url: z.string().nullish(),
  source: z.string().nullish(),
  thumbnail: z.object({ src: z.string().nullish() }).nullish(),
  properties: z.object({
    /** The image itself. */
    url: z.string(),
    width: z.number().nullish(),
    height: z.number().nullish(),
  }),
});

const Response = z.object({ results: z.array(z.unknown()) });

// Brave refuses (HTTP 422) search_lang values outside its list, so only these are sent.
const SEARCH_LANGS = new Set(
  `ar eu bn bg ca hr cs da nl en et fi fr gl de gu he hi hu is it kn ko lv lt ms ml mr nb pl ro ru sr sk sl es sv
  ta te th tr uk vi`.split(/\s+/),
);

function searchLangOf(language: string | undefined): string | undefined {
  const base = primaryLanguage(language);
  if (!base) return undefined;
  const tag = language!.trim().toLowerCase().replace(/_/g, '-');
  if (base === 'ja') return 'jp';
  if (base === 'no' || base === 'nn') return 'nb';
  if (base === 'pt') return /-pt\b/.test(tag) ? 'pt-pt' : 'pt-br';
  if (base === 'zh') return /-(tw|hk|mo|hant)\b/.test(tag) ? 'zh-hant' : 'zh-hans';
  if (base === 'en') return /-gb\b/.test(tag) ? 'en-gb' : 'en';
  return SEARCH_LANGS.has(base) ? base : undefined;
}

export function createBraveSearch(o: { apiKey: string; baseUrl?: string; timeoutMs?: number }): ImageSearchProvider {
  const apiKey = requireSecret('createBraveSearch: apiKey', o.apiKey);
  const base = baseUrlOf(o.baseUrl, DEFAULT_BASE_URL);
  const timeoutMs = o.timeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS;
  const secrets = [apiKey];
  const name = BRAVE_PROVIDER;
  return {
    name,
    async search(req) {
      const q = requireQuery(name, req);
      const count = clampCount(req.count, MAX_COUNT);
      const url = new URL(`${base}/res/v1/images/search`);
      url.searchParams.set('q', q);
      url.searchParams.set('count', String(count));
      url.searchParams.set('safesearch', 'strict');
      const lang = searchLangOf(req.language);
      if (lang) url.searchParams.set('search_lang', lang);
      const body = await requestJson({
        provider: name,
        url,
        headers: { 'X-Subscription-Token': apiKey },
        timeoutMs,
        signal: req.signal,
        secrets,
      });
      const { results } = parseResponse(name, Response, body, secrets);
      return mapResults(
        name,
        results,
        Item,
        (item) => ({
          url: item.properties.url,
          title: item.title ?? item.source ?? '',
          thumbnailUrl: item.thumbnail?.src ?? undefined,
          sourcePage: item.url ?? undefined,
          width: item.properties.width ?? undefined,
          height: item.properties.height ?? undefined,
        }),
        count,
        secrets,
      );
    },
  };
}
