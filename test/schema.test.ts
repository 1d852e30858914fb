import { readFile } from 'node:fs/promises';
import { executeCodegen } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const emittedFiles = executeCodegen({ ...config, cwd: process.cwd() }).then((r) => r.result);

describe('schema.graphql', () => {
  it('is what codegen emits from the current schema (run `npm run codegen` when this fails)', async () => {
    const result = await emittedFiles;
    const emitted = result.find((f) => f.filename.endsWith('schema.graphql'));
    expect(emitted, 'codegen emitted schema.graphql').toBeDefined();
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(emitted!.content);
  });
});

describe("the web app's generated documents", () => {
  it('are what codegen emits from the app and the schema, persisted hashes included (run `npm run codegen`)', async () => {
    const result = (await emittedFiles).filter((f) => f.filename.includes('web/src/graphql/gen/'));
    expect(result.map((f) => f.filename.split('/').pop()).sort()).toEqual(['gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json', 'possibleTypes.ts']);
    for (const file of result) {
      expect(await readFile(file.filename, 'utf8'), file.filename).toBe(file.content);
    }
  });
});
