import { readFile } from 'node:fs/promises';
import { executeCodegen } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

describe('schema.graphql', () => {
  it('is what codegen emits from the current schema (run `npm run codegen` when this fails)', async () => {
    const { result } = await executeCodegen({ ...config, cwd: process.cwd() });
    const emitted = result.find((f) => f.filename.endsWith('schema.graphql'));
    expect(emitted, 'codegen emitted schema.graphql').toBeDefined();
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(emitted!.content);
  });
});
