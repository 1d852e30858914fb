import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { printSchema } from 'graphql';

// Building the schema constructs (never connects) the Prisma client, which needs some URL.
process.env.DATABASE_URL ??= 'postgresql://codegen@127.0.0.1:5432/codegen';
const { schema } = await import('./src/schema/index.js');

const config: CodegenConfig = {
  schema: printSchema(schema),
  generates: {
    'schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
    // The web app's typed documents, and its operations as persisted documents (sha256 → document)
    // that the API accepts by hash (src/persistedOperations.ts).
    'web/src/graphql/gen/': {
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/graphql/gen/**'],
      preset: 'client',
      // graphcache normalises by __typename; a persisted document runs as stored, so it must ask for it.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown', File: 'File' } },
    },
    // Which types implement each interface and union: graphcache has no schema, and without this it
    // cannot match `... on Error { message }` to a ValidationError it reads back.
    'web/src/graphql/gen/possibleTypes.ts': { plugins: ['fragment-matcher'], config: { module: 'es2015', apolloClientVersion: 3, useExplicitTyping: true } },
  },
  silent: true,
};

export default config;
