import { PrismaPg } from '@prisma/adapter-pg';
import { env } from './config.js';
import { PrismaClient } from './generated/prisma/client.js';

export type Db = ReturnType<typeof createPrisma>;

/** Listeners told of every SQL statement Prisma sends (tests count them; off in production). */
const queryListeners = new Set<(sql: string) => void>();

export function onQuery(listener: (sql: string) => void): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

export function createPrisma(url: string, schema: string, poolSize: number) {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize }, { schema });
  const client = new PrismaClient({
    adapter,
    // Interactive transactions wait for a pooled connection, then for row locks (scene edits of one
    // script take turns). Prisma's defaults (2 s to start, 5 s to finish) turned a burst of edits on
    // a busy machine into "Unexpected error" answers; these still end a stuck transaction.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    log: env.NODE_ENV === 'production' ? [] : [{ emit: 'event', level: 'query' }],
  });
  if (env.NODE_ENV !== 'production') {
    client.$on('query' as never, (e: { query: string }) => {
      for (const l of queryListeners) l(e.query);
    });
  }
  // Pothos hands resolvers `{ select: {} }` when a client selects no field of the returned object
  // (only __typename); Prisma refuses an empty select, so drop it here, once, for every query.
  return client.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const a = args as { select?: Record<string, unknown> } | undefined;
          if (a?.select && Object.keys(a.select).length === 0) delete a.select;
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

function requireUrl(): string {
  if (!env.DATABASE_URL) {
    // main.ts fills this in (embedded Postgres) before anything imports db.ts.
    throw new Error('DATABASE_URL is not set');
  }
  return env.DATABASE_URL;
}

export const prisma = createPrisma(requireUrl(), env.DATABASE_SCHEMA, env.DATABASE_POOL_SIZE);
