// npm run bench:api — read throughput of the public API against a PostGraphile 4 baseline.
//
// Seeds an isolated Postgres schema with published reels (6 scenes each, 1–2 image candidates per
// scene), starts our API (Yoga + Pothos + Prisma, via startServer) twice — with the response cache
// (Redis) and without it — and PostGraphile 4 over the same schema, each on a free loopback port in
// this process, and drives each with autocannon running in a child process (so the load generator
// does not share the server's event loop). Operations:
//   feed — reels(first: 20) with video, thumbnail and the scenes as rendered (first: 10), with the
//     owner's API key (uncached and cached) and anonymous (cached);
//   node — one reel by id (node(id:) for us, renderById for PostGraphile) with the same selection;
//   the web app's own operations, sent by persisted hash as the app sends them: the explore page's
//     ExploreFeed (anonymous) and the studio's script view (ScriptHeader, and a script with its
//     scenes, their pictures and candidates, as the owner).
// Our requests carry the owner's API key (as the owner's own feed view would) unless anonymous;
// feed and node load and return the same rows from both servers (checked before the load).
// For each: req/s, p50/p99 latency, non-2xx count (must be 0), a sample body checked for `errors`,
// both servers' answers checked for the same data, SQL statements per request (uncached, and on a
// cache hit), and our throughput as a ratio of PostGraphile's (goals: feed and node ≥ 1.0,
// anonymous feed from the cache ≥ 10). The load average is printed with every figure: the machine
// is shared. Everything (servers, pools, schema, Redis keys, child processes, scratch files) is
// removed at the end, also on failure; every step is bounded.
//
//   BENCH_DURATION=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=10 BENCH_REELS=24 BENCH_ONLY=feed,anon npm run bench:api
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg } from 'node:os';
import Module, { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import pg from 'pg';
import { deleteRedisKeys, dropSchema, isolate } from './isolation.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const REELS = Number(process.env.BENCH_REELS ?? 24);
const SCENES = 6;
const POOL_SIZE = 10;
/** Run only these operations (names as printed), e.g. BENCH_ONLY=feed,anon. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;

process.env.LOG_LEVEL = 'warn';
const { schema, scratch } = await isolate('api');
process.env.GRAPHIQL = 'false';
process.env.DATABASE_POOL_SIZE = String(POOL_SIZE);
process.env.STORAGE_DRIVER = 'local';
// Throughput, not the request limiter, is measured: lift the per-IP / per-key budgets (the limiter
// still counts every request in Redis, as in production).
process.env.RATE_LIMIT = 'none';
process.env.RATE_LIMIT_ANONYMOUS = 'none';

let schemaCreated = false;
const children = new Set<ChildProcess>();
const cleanups: Array<[string, () => Promise<unknown>]> = [];

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

// ---- operations -------------------------------------------------------------------------------

const OUR_REEL = `id title publishedAt durationMs video { url } thumbnail { url }
  scenes(first: 10) { edges { node { position narration startMs durationMs } } }`;
const OUR_FEED = `query Feed { reels(first: 20) { edges { node { ${OUR_REEL} } } } }`;
const OUR_NODE = `query Reel($id: ID!) { node(id: $id) { ... on Reel { ${OUR_REEL} } } }`;
// The studio's script view: the header (the app's persisted ScriptHeader) and the script's scenes
// with their chosen picture and candidates.
const OUR_SCRIPT = `query ScriptScenes($id: ID!) { node(id: $id) { ... on Script { id title status
  scenes(first: 50) { totalCount edges { node { id position narration imageQuery aiImagePrompt version
    selectedAsset { id url mime } assets(first: 10) { totalCount edges { node { id kind url mime width height provider } } } } } } } } }`;

// Our URLs are made per request (public copies of published reels); PostGraphile gives the stored keys.
const PG_RENDER = `id title publishedAt assetByOutputAssetId { publicKey durationMs } assetByThumbnailAssetId { publicKey }
  renderedScenesByRenderId(first: 10, orderBy: [POSITION_ASC]) { nodes { position narration startMs durationMs } }`;
const PG_FEED = `query Feed {
  allRenders(first: 20, condition: { status: SUCCEEDED, published: true }, orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { nodes { ${PG_RENDER} } } }`;
const PG_NODE = `query Reel($id: UUID!) { renderById(id: $id) { ${PG_RENDER} } }`;

/** One reel as plain data, the same shape from either server, to check both answer alike. */
interface Flat {
  title: string;
  video: string | null;
  thumbnail: string | null;
  scenes: { position: number; narration: string; startMs: number | null; durationMs: number | null }[];
}
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const flatScene = (s: Any) => ({ position: s.position, narration: s.narration, startMs: s.startMs, durationMs: s.durationMs });
/** The storage key a (local storage) URL points at. */
const keyOfUrl = (url: string | undefined): string | null => (url ? decodeURIComponent(new URL(url).pathname.replace(/^\/files\//, '')) : null);
const flatOurs = (n: Any): Flat => ({
  title: n.title,
  video: keyOfUrl(n.video?.url),
  thumbnail: keyOfUrl(n.thumbnail?.url),
  scenes: n.scenes.edges.map((e: Any) => flatScene(e.node)),
});
const flatPg = (n: Any): Flat => ({
  title: n.title,
  video: n.assetByOutputAssetId?.publicKey ?? null,
  thumbnail: n.assetByThumbnailAssetId?.publicKey ?? null,
  scenes: n.renderedScenesByRenderId.nodes.map(flatScene),
});

// ---- load generator: autocannon in a child process ----------------------------------------------

interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const LOAD_CHILD = `
import autocannon from 'autocannon';
const o = JSON.parse(process.env.BENCH_LOAD);
const r = await autocannon({ url: o.url, method: 'POST', headers: o.headers, body: o.body,
  connections: o.connections, duration: o.duration, warmup: { connections: o.connections, duration: o.warmup } });
process.stdout.write(JSON.stringify({ rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p90: r.latency.p90,
  p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts }));
`;

function runLoad(url: string, body: string, headers: Record<string, string>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOAD_CHILD], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        BENCH_LOAD: JSON.stringify({ url, body, headers, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), (DURATION + WARMUP + 30) * 1000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0) return reject(new Error(`autocannon exited ${code ?? signal}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch {
        reject(new Error(`autocannon output unreadable: ${out.slice(0, 500)} ${err.slice(-500)}`));
      }
    });
  });
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const json = (await res.json()) as { data?: Any; errors?: unknown[] };
  if (res.status !== 200 || json.errors) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json).slice(0, 1500)}`);
  return json.data;
}

/**
 * npm's layout gives the PostGraphile tree more than one `graphql` (postgraphile and
 * graphile-build-pg each nest a 15.x; graphql-parse-resolve-info takes our 16.x from the root), and
 * its schema then fails at run time ("Cannot use GraphQLList from another module or realm"). Make
 * every CommonJS module of that tree load postgraphile's own copy; nothing of ours is affected.
 */
function sharePostGraphileGraphql(): void {
  const require = createRequire(import.meta.url);
  const pgRoot = dirname(require.resolve('postgraphile/package.json'));
  const graphqlDir = dirname(require.resolve('graphql/package.json', { paths: [pgRoot] }));
  const tree = [pgRoot, ...['graphile-build-pg', 'graphql-parse-resolve-info'].map((m) => dirname(require.resolve(`${m}/package.json`, { paths: [pgRoot] })))];
  const M = Module as unknown as { _resolveFilename: (req: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (request, parent, ...rest) {
    if ((request === 'graphql' || request.startsWith('graphql/')) && parent?.filename && tree.some((d) => parent.filename!.startsWith(d + sep))) {
      return original.call(this, graphqlDir + request.slice('graphql'.length), parent, ...rest);
    }
    return original.call(this, request, parent, ...rest);
  };
}

// ---- main ------------------------------------------------------------------------------------

async function main() {
  // src/config.ts parses the environment once, at its first import: everything above comes first.
  const { migrate } = await import('../src/migrate.js');
  schemaCreated = true;
  await migrate(process.env.DATABASE_URL!, schema);
  const { prisma, onQuery } = await import('../src/db.js');
  const { startServer } = await import('../src/server.js');
  const { encodeId } = await import('../src/schema/globalId.js');
  const { closeQueues } = await import('../src/jobs/queues.js');
  const { closePubSub } = await import('../src/pubsub.js');
  const { seedFeed } = await import('./apiSeed.js');
  cleanups.push(['prisma', () => prisma.$disconnect()]);
  cleanups.push(['pubsub', () => closePubSub()]);
  cleanups.push(['queues', () => closeQueues()]);
  cleanups.push([
    'rate limits',
    async () => ((await import('../src/protection/rateLimits.js').catch(() => null)) as { closeRateLimits?: () => void } | null)?.closeRateLimits?.(),
  ]);

  const seeded = await seedFeed(prisma, { schema, reels: REELS, scenes: SCENES });
  const renderId = seeded.renderIds[3]!;

  const ours = await startServer(0, '127.0.0.1');
  cleanups.unshift(['api', () => ours.close()]);
  const uncached = await startServer(0, '127.0.0.1', { responseCacheTtlMs: 0 });
  cleanups.unshift(['api (uncached)', () => uncached.close()]);
  const scriptId = (await prisma.script.findFirstOrThrow({ where: { ownerId: seeded.ownerId }, orderBy: { id: 'asc' }, select: { id: true } })).id;
  const { loadPersistedDocuments } = await import('../src/persistedOperations.js');
  const persisted = loadPersistedDocuments();
  /** A request body as the web app sends it: the document's hash, never its text. */
  const byHash = (name: string, variables: Record<string, unknown>) => {
    const hash = Object.keys(persisted).find((h) => new RegExp(`(^|\\s)(query|mutation) ${name}\\b`).test(persisted[h]!));
    if (!hash) throw new Error(`the web app has no persisted operation ${name}: run codegen`);
    return JSON.stringify({ operationName: name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  };

  // PostGraphile 4 over the same schema, with its own pool of the same size.
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  cleanups.push(['pg pool', () => pool.end()]);
  let pgCounting: string[] | null = null;
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (pgCounting) {
        const q = args[0] as string | { text?: string };
        pgCounting.push(typeof q === 'string' ? q : (q?.text ?? String(q)));
      }
      return original(...args);
    };
  });
  sharePostGraphileGraphql();
  const pgMod = (await import('postgraphile')) as typeof import('postgraphile') & { default?: typeof import('postgraphile') };
  const postgraphile = pgMod.postgraphile ?? pgMod.default!.postgraphile;
  const middleware = postgraphile(pool, schema, {
    graphqlRoute: '/graphql',
    disableDefaultMutations: true,
    ignoreRBAC: false,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    // Its per-query console log would otherwise run (and print) on every request; ours logs at warn.
    disableQueryLog: true,
  });
  const pgServer: Server = createServer(middleware);
  await new Promise<void>((resolve, reject) => {
    pgServer.once('error', reject);
    pgServer.listen(0, '127.0.0.1', () => resolve());
  });
  cleanups.unshift([
    'postgraphile',
    async () => {
      pgServer.closeAllConnections();
      await new Promise<void>((r) => pgServer.close(() => r()));
      await middleware.release();
    },
  ]);
  const pgAddr = pgServer.address();
  const pgUrl = `http://127.0.0.1:${typeof pgAddr === 'object' && pgAddr ? pgAddr.port : 0}/graphql`;

  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  // A scene's candidate assets are its owner's only (a public reel's viewers see none), so our
  // requests carry the owner's API key to load the same rows as PostGraphile (which has no such rule).
  const ownerHeaders = { ...headers, authorization: `Bearer ${seeded.ownerKey}` };
  const feedBody = JSON.stringify({ query: OUR_FEED });
  const nodeBody = JSON.stringify({ query: OUR_NODE, variables: { id: encodeId('Reel', renderId) } });
  const flatFeed = (d: Any) => d.reels.edges.map((e: Any) => flatOurs(e.node));
  const flatNode = (d: Any) => [flatOurs(d.node)];
  /** One of our operations on one of our servers; `pg` names the PostGraphile run it is compared with. */
  interface Op {
    name: string;
    url: string;
    body: string;
    headers: Record<string, string>;
    pg?: 'feed' | 'node';
    goal?: number;
    flat?: (d: Any) => Flat[];
    note: string;
  }
  const all: Op[] = [
    { name: 'feed', url: uncached.url, body: feedBody, headers: ownerHeaders, pg: 'feed', goal: 1, flat: flatFeed, note: 'owner, no response cache' },
    { name: 'feed-cached', url: ours.url, body: feedBody, headers: ownerHeaders, pg: 'feed', goal: 1, flat: flatFeed, note: 'owner, response cache' },
    { name: 'anon', url: ours.url, body: feedBody, headers, pg: 'feed', goal: 10, flat: flatFeed, note: 'anonymous, response cache' },
    { name: 'node', url: uncached.url, body: nodeBody, headers: ownerHeaders, pg: 'node', goal: 1, flat: flatNode, note: 'owner, no response cache' },
    { name: 'node-cached', url: ours.url, body: nodeBody, headers: ownerHeaders, pg: 'node', goal: 1, flat: flatNode, note: 'owner, response cache' },
    {
      name: 'explore',
      url: uncached.url,
      body: byHash('ExploreFeed', { first: 20 }),
      headers,
      pg: 'feed',
      note: 'web app ExploreFeed by hash, anonymous, no cache',
    },
    { name: 'explore-cached', url: ours.url, body: byHash('ExploreFeed', { first: 20 }), headers, pg: 'feed', note: 'the same, response cache' },
    {
      name: 'script-header',
      url: uncached.url,
      body: byHash('ScriptHeader', { id: encodeId('Script', scriptId) }),
      headers: ownerHeaders,
      note: 'web app ScriptHeader by hash, owner, no cache',
    },
    {
      name: 'script',
      url: uncached.url,
      body: JSON.stringify({ query: OUR_SCRIPT, variables: { id: encodeId('Script', scriptId) } }),
      headers: ownerHeaders,
      note: 'studio script view: scenes, pictures, candidates; owner, no cache',
    },
    {
      name: 'script-cached',
      url: ours.url,
      body: JSON.stringify({ query: OUR_SCRIPT, variables: { id: encodeId('Script', scriptId) } }),
      headers: ownerHeaders,
      note: 'the same, response cache',
    },
  ];
  const ops = all.filter((o) => !ONLY || ONLY.has(o.name));
  const pgOps = {
    feed: { body: JSON.stringify({ query: PG_FEED }), flat: (d: Any) => d.allRenders.nodes.map(flatPg) as Flat[] },
    node: { body: JSON.stringify({ query: PG_NODE, variables: { id: renderId } }), flat: (d: Any) => [flatPg(d.renderById)] as Flat[] },
  };

  console.log(
    `\nreelforge API read benchmark — ${cpus().length} cores, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per run, pool ${POOL_SIZE} each`,
  );
  console.log(`seeded ${seeded.counts.reels} public reels, ${seeded.counts.scenes} scenes, ${seeded.counts.sceneAssets} scene assets (schema ${schema})`);
  console.log(`ours ${ours.url}   postgraphile ${pgUrl}   load average ${load()}`);

  const countSql = async (run: () => Promise<unknown>) => {
    const sql: string[] = [];
    const off = onQuery((q) => sql.push(q));
    try {
      return { result: await run(), sql };
    } finally {
      off();
    }
  };
  // PostGraphile: the same data as ours, no errors, its SQL statements for one request.
  const pgChecked: Record<string, Any> = {};
  for (const name of ['feed', 'node'] as const) {
    if (!ops.some((o) => o.pg === name)) continue;
    await post(pgUrl, pgOps[name].body); // warm: introspection, query compilation
    pgCounting = [];
    pgChecked[name] = await post(pgUrl, pgOps[name].body);
    console.log(
      `\n[postgraphile ${name}] SQL statements per request: ${pgCounting.length}; response bytes ${JSON.stringify({ data: pgChecked[name] }).length}`,
    );
    for (const q of pgCounting) console.log(`    pg:   ${q.replace(/\s+/g, ' ').slice(0, 150)}`);
    pgCounting = null;
  }
  for (const op of ops) {
    // First request (a miss: it fills the cache), then one more: a hit when the cache is on.
    const first = await countSql(() => post(op.url, op.body, op.headers));
    const second = await countSql(() => post(op.url, op.body, op.headers));
    if (op.flat && op.pg) {
      const a = JSON.stringify(op.flat(second.result));
      const b = JSON.stringify(pgOps[op.pg].flat(pgChecked[op.pg]));
      if (a !== b) throw new Error(`${op.name}: the two servers answer different data:\n ours ${a.slice(0, 600)}\n pg   ${b.slice(0, 600)}`);
    }
    console.log(
      `\n[${op.name}] ${op.note}; ${op.flat && op.pg ? 'same data as postgraphile: yes; ' : ''}response bytes ${JSON.stringify({ data: second.result }).length}`,
    );
    console.log(`  SQL statements per request: first ${first.sql.length}, again ${second.sql.length}`);
    for (const q of first.sql) console.log(`    ours: ${q.replace(/\s+/g, ' ').slice(0, 150)}`);
  }

  const rows: { op: string; r: LoadResult }[] = [];
  const runOne = async (name: string, url: string, body: string, h: Record<string, string>) => {
    const before = load();
    const r = await runLoad(url, body, h);
    const after = load();
    rows.push({ op: name, r });
    // A sample body after the load too: still no errors.
    await post(url, body, h);
    console.log(
      `  ${name.padEnd(15)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p90 ${String(r.p90).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ` +
        `non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}  (${r.total} req; load ${before} → ${after})`,
    );
    if (r.non2xx !== 0 || r.errors !== 0) throw new Error(`${name}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
    return r;
  };
  console.log('');
  const pgRuns: Partial<Record<'feed' | 'node', LoadResult>> = {};
  for (const name of ['feed', 'node'] as const) {
    if (pgChecked[name]) pgRuns[name] = await runOne(`pg-${name}`, pgUrl, pgOps[name].body, headers);
  }
  for (const op of ops) await runOne(op.name, op.url, op.body, op.headers);

  console.log('\nsummary (ours / postgraphile)');
  for (const op of ops) {
    const a = rows.find((x) => x.op === op.name)!.r;
    const b = op.pg ? pgRuns[op.pg] : undefined;
    const ratio = b ? `ratio ${(a.rps / b.rps).toFixed(2)}${op.goal ? ` (goal ≥ ${op.goal})` : ` (vs pg ${op.pg}, not the same selection)`}` : 'no baseline';
    console.log(
      `  ${op.name.padEnd(15)} ${a.rps.toFixed(0).padStart(6)} req/s  ${ratio}${b ? `  vs ${b.rps.toFixed(0)} req/s  p50 ${a.p50} vs ${b.p50} ms  p99 ${a.p99} vs ${b.p99} ms` : `  p50 ${a.p50} ms  p99 ${a.p99} ms`}`,
    );
  }
  console.log(`load average at the end ${load()}`);
}

async function cleanup() {
  for (const child of children) child.kill('SIGKILL');
  for (const [name, fn] of cleanups) {
    await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out')), 10_000).unref())]).catch((err) =>
      console.error(`cleanup ${name}: ${(err as Error).message}`),
    );
  }
  if (schemaCreated) await dropSchema(schema);
  await deleteRedisKeys();
  await rm(scratch, { recursive: true, force: true });
}

try {
  await main();
} catch (err) {
  console.error('bench:api failed:', err);
  process.exitCode = 1;
} finally {
  await cleanup();
  // Anything still holding the event loop (a client a later change forgets to close) must not
  // keep the bench alive.
  setTimeout(() => {
    console.error('bench:api: handles still open after cleanup; exiting');
    process.exit(process.exitCode ?? 0);
  }, 3000).unref();
}
