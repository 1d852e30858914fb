// Google Programmable Search (Custom Search JSON API), image mode. At most 10 results per call.
// https://developers.google.com/custom-search/v1/reference/rest/v1/cse/list
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

export const GOOGLE_CSE_PROVIDER = 'google-cse';
const DEFAULT_BASE_URL = 'https://www.googleapis.com';
const MAX_NUM = 10;

const Item = z.object({
  link: z.string(),
  title: z.string().nullish(),
  mime: z.string().nullish(),
  image: z
    .object({
      contextLink: z.string().nullish(),
      width: z.number().nullish(),
      height: z.number().nullish(),
      thumbnailLink: z.string().nullish(),
    })
    .nullish(),
});

// No `items` at all is how the API says "nothing found".
const Response = z.object({ items: z.array(z.unknown()).optional() });

/** Google's interface language codes: mostly the primary subtag, with a few of its own. */
function hlOf(language: string | undefined): string | undefined {
  const base = primaryLanguage(language);
  if (!base) return undefined;
  if (base === 'zh') return /-(tw|hk|mo|hant)\b/i.test(language ?? '') ? 'zh-TW' : 'zh-CN';
  if (base === 'he') return 'iw';
  return base;
}

export function createGoogleCseSearch(o: { apiKey: string; cx: string; baseUrl?: string; timeoutMs?: number }): ImageSearchProvider {
  const apiKey = requireSecret('createGoogleCseSearch: apiKey', o.apiKey);
  const cx = requireSecret('createGoogleCseSearch: cx', o.cx);
  const base = baseUrlOf(o.baseUrl, DEFAULT_BASE_URL);
  const timeoutMs = o.timeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS;
  const secrets = [apiKey];
  const name = GOOGLE_CSE_PROVIDER;
  return {
    name,
    async search(req) {
      const q = requireQuery(name, req);
      const num = clampCount(req.count, MAX_NUM);
      const url = new URL(`${base}/customsearch/v1`);
      url.searchParams.set('key', apiKey);
      url.searchParams.set('cx', cx);
      url.searchParams.set('q', q);
      url.searchParams.set('searchType', 'image');
      url.searchParams.set('num', String(num));
      url.searchParams.set('safe', 'active');
      const hl = hlOf(req.language);
      if (hl) url.searchParams.set('hl', hl);
      const body = await requestJson({ provider: name, url, timeoutMs, signal: req.signal, secrets });
      const { items = [] } = parseResponse(name, Response, body, secrets);
      return mapResults(
        name,
        items,
        Item,
        (item) => ({
          url: item.link,
          title: item.title ?? '',
          thumbnailUrl: item.image?.thumbnailLink ?? undefined,
          sourcePage: item.image?.contextLink ?? undefined,
          width: item.image?.width ?? undefined,
          height: item.image?.height ?? undefined,
          mime: item.mime ?? undefined,
        }),
        num,
        secrets,
      );
    },
  };
}
