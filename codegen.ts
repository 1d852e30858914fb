import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';

// Building the schema constructs (never connects) the Prisma client, which needs some URL.
process.env.DATABASE_URL ??= 'postgresql://codegen@127.0.0.1:5432/codegen';
const { schema } = await import('./src/schema/index.js');

const config: CodegenConfig = {
  schema: printSchema(schema),
  generates: {
    'schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
  },
  silent: true,
};

export default config;
