// The web app's operations, accepted by hash (GraphQL Codegen's persisted documents): the app sends
// `extensions.persistedQuery.sha256Hash` instead of the text. Other clients (GraphiQL, mobile apps,
// automation) still send documents.
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

const DOCUMENTS = new URL('../web/src/graphql/gen/persisted-documents.json', import.meta.url);

let documents: Record<string, string> | null = null;

/** The web app's documents by hash, read once per process (a build output: fixed while it runs). */
export function loadPersistedDocuments(): Record<string, string> {
  documents ??= JSON.parse(readFileSync(DOCUMENTS, 'utf8')) as Record<string, string>;
  return documents;
}

export function usePersistedDocuments(documents: Record<string, string> = loadPersistedDocuments()): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => documents[hash] ?? null,
    allowArbitraryOperations: true,
    customErrors: {
      notFound: {
        message: 'PersistedQueryNotFound: this app is older or newer than the API; reload it',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      // Neither a document nor a hash: the same 400 a request without `query` gets without this plugin.
      keyNotFound: {
        message: 'Must provide query string (or a persisted document’s hash in extensions.persistedQuery.sha256Hash)',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
    },
  }) as Plugin;
}
