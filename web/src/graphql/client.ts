// One urql client for the app: a normalised cache (Relay pagination for lists), the app's
// operations sent by hash (persisted documents the API knows), subscriptions over graphql-ws.
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { projectUpdates } from '../studio/projects/cacheUpdates';
import introspection from './gen/possibleTypes';
import { retryWait, setSocketStatus } from './socketStatus';

/** The hash codegen embedded in each document (`persistedDocuments.mode: embedHashInDocument`). */
function hashOf(document: unknown): Promise<string> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('a document without a persisted hash: run `npm run codegen`');
  return Promise.resolve(hash);
}

/** The header the API demands of cookie-signed requests (src/protection/csrf.ts): no plain form can set it. */
export const CSRF_HEADER = 'graphql-require-preflight';

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
    fetchOptions: () => ({ credentials: 'same-origin', headers: { [CSRF_HEADER]: 'reelforge-web' } }),
    exchanges: [
      cacheExchange({
        // Interfaces and unions by their members, so `... on Error { message }` reads back for every error type.
        possibleTypes: introspection.possibleTypes,
        keys: {
          PageInfo: () => null,
          Capabilities: () => null,
          ReelScene: () => null,
          RenderError: () => null,
          RenderProgressEvent: () => null,
          PublicationError: () => null,
          PublicationStage: () => null,
          PublicationProgressEvent: () => null,
        },
        resolvers: {
          Query: { reels: relayPagination(), projects: relayPagination() },
          Project: { scripts: relayPagination() },
          Script: { renders: relayPagination() },
        },
        updates: projectUpdates,
        // A scene's text shows as saved at once; a refusal (a version conflict) rolls it back.
        optimistic: {
          updateScene: (args) => {
            const input = args.input as { id: string; narration?: string; imageQuery?: string | null; aiImagePrompt?: string | null };
            const data: Record<string, unknown> = { __typename: 'Scene', id: input.id };
            for (const key of ['narration', 'imageQuery', 'aiImagePrompt'] as const) if (input[key] !== undefined) data[key] = input[key];
            return { __typename: 'UpdateSceneSuccess', data };
          },
        },
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
