// One urql client for the app: a normalised cache (Relay pagination for lists), the app's
// operations sent by hash (persisted documents the API knows), subscriptions over graphql-ws.
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { retryWait, setSocketStatus } from './socketStatus';

/** The hash codegen embedded in each document (`persistedDocuments.mode: embedHashInDocument`). */
function hashOf(document: unknown): Promise<string> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('a document without a persisted hash: run `npm run codegen`');
  return Promise.resolve(hash);
}

export function createClient(): Client {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  // Live views must outlast a dropped socket: retry for ever, with a capped, jittered backoff. Each
  // subscription starts again with the current state, so nothing is missed while it was down.
  const ws = createWsClient({ url: wsUrl, lazy: true, retryAttempts: Number.POSITIVE_INFINITY, shouldRetry: () => true, retryWait });
  // A first connection is not an outage; a retry, or a close other than the lazy idle close, is.
  ws.on('connecting', (isRetry) => setSocketStatus(isRetry ? 'reconnecting' : 'idle'));
  ws.on('connected', () => setSocketStatus('connected'));
  ws.on('closed', (event) => setSocketStatus((event as CloseEvent | undefined)?.code === 1000 ? 'idle' : 'reconnecting'));
  return new Client({
    url: '/graphql',
    // Same-origin cookies; the header tells the API this is not a cross-site form post.
    fetchOptions: () => ({ credentials: 'same-origin', headers: { 'graphql-require-preflight': 'reelforge-web' } }),
    exchanges: [
      cacheExchange({
        keys: {
          PageInfo: () => null,
          ReelScene: () => null,
          RenderError: () => null,
          RenderProgressEvent: () => null,
          PublicationError: () => null,
          PublicationStage: () => null,
          PublicationProgressEvent: () => null,
        },
        resolvers: { Query: { reels: relayPagination() }, Script: { renders: relayPagination() } },
      }),
      persistedExchange({
        generateHash: (_query, document) => hashOf(document),
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
