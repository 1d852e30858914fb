// Image search: providers, the fallback chain, scoring and downloading of candidates.
export {
  type ImageCandidate,
  type ImageSearchProvider,
  type ImageSearchRequest,
  DEFAULT_SEARCH_COUNT,
  DEFAULT_SEARCH_TIMEOUT_MS,
} from './types.js';
export { createGoogleCseSearch, GOOGLE_CSE_PROVIDER } from './googleCse.js';
export { createSerpApiSearch, SERPAPI_PROVIDER } from './serpapi.js';
export { createBraveSearch, BRAVE_PROVIDER } from './brave.js';
export {
  searchChain,
  NO_RESULTS,
  type SearchChain,
  type SearchChainFailure,
  type SearchChainOptions,
  type SearchChainResult,
} from './chain.js';
export { scoreCandidates, queryWords, stockSite, type ScoredCandidate } from './score.js';
export {
  collectCandidates,
  DEFAULT_KEEP,
  DEFAULT_COLLECT_CONCURRENCY,
  type CollectedImage,
  type CollectFailure,
  type CollectOptions,
  type CollectResult,
} from './collect.js';
