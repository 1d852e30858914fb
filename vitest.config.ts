import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql@16 ships CJS (main) and ESM (module) builds. Node loads the CJS one for every package;
    // make our transformed sources use the same copy, or `instanceof GraphQLError` fails across them.
    alias: { graphql: createRequire(import.meta.url).resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Each file gets its own Postgres schema (test/setup.ts), so files run in parallel safely.
    pool: 'forks',
    // Vitest's default on 2 cores is one file at a time; most files mostly wait (for workers,
    // ffmpeg, chromium, Postgres), so three at a time take a third of the wall time (measured).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
