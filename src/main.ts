// The run command: finds or starts Postgres and Redis, migrates, seeds the demo user (development),
// and serves the API with GraphiQL. Modules that need the database are imported only after the URL
// is settled, because db.ts builds its client from `env` at import time.
import { env } from './config.js';
import { resolveInfra } from './infra.js';
import { logger } from './logger.js';
import { migrate } from './migrate.js';

async function main() {
  const dev = env.NODE_ENV !== 'production';
  const infra = await resolveInfra({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dataDir: env.DATA_DIR,
    allowEmbedded: dev,
    log: logger,
  });
  env.DATABASE_URL = infra.databaseUrl;
  if (infra.embeddedDatabase) env.DATABASE_POOL_SIZE = 1; // PGlite has one session
  if (infra.redisUrl) env.REDIS_URL = infra.redisUrl;

  const result = await migrate(infra.databaseUrl, env.DATABASE_SCHEMA);
  if (result.applied.length > 0) logger.info({ applied: result.applied }, 'applied migrations');

  // The web app, served at `/`: built now if web/ changed since the last build.
  const { ensureWebBuilt } = await import('./web.js');
  const web = await ensureWebBuilt();
  if (web.built) logger.info({ ms: web.ms }, 'built the web app');

  const { prisma } = await import('./db.js');
  const { startServer } = await import('./server.js');
  let demoUserId: string | null = null;
  if (dev) {
    const { seedDemo } = await import('./seed.js');
    demoUserId = (await seedDemo(prisma, env.DEMO_API_KEY)).userId;
    // The demo user publishes to the built-in YouTube sandbox, offline.
    if (env.YOUTUBE_SANDBOX) await (await import('./publish/sandbox/channel.js')).ensureSandboxChannel(demoUserId);
  }
  const running = await startServer(env.PORT, env.HOST, { demoApiKey: dev ? env.DEMO_API_KEY : undefined });
  logger.info(`reelforge web app at ${running.url.replace(/\/graphql$/, '/')}, API and GraphiQL at ${running.url}`);
  if (dev) logger.info(`demo API key (development only): ${env.DEMO_API_KEY}  ->  Authorization: Bearer ${env.DEMO_API_KEY}`);
  const { demoSignInEnabled } = await import('./auth/users.js');
  if (demoSignInEnabled())
    logger.info(`sign in as the demo user in a browser: ${running.url.replace(/\/graphql$/, '/auth/demo')} (or the signInAsDemo mutation)`);

  if (infra.redisUrl) await (await import('./redis.js')).warnUnlessNoEviction();
  // Title cards (sharp) and subtitles (ffmpeg) use our fonts: the system's plus the bundled emoji font.
  await (await import('./render/fonts/fontconfig.js')).useOurFonts();
  // Subtitles and title cards in a script no installed font covers would show boxes: say so now.
  await (await import('./render/fonts/coverage.js')).warnMissingFonts(logger);
  // Which ffmpeg, ffprobe and espeak-ng renders use (installed or the npm builds), and what is missing.
  await (await import('./toolReport.js'))
    .reportTools(logger, { npmBuilds: env.MEDIA_TOOLS === 'auto' })
    .catch((err: unknown) => logger.error({ err }, 'checking the media tools failed'));
  // API and workers together: one command renders reels on one machine (`npm run worker` scales out).
  let workers: { close(): Promise<void> } | null = null;
  let reconciler: { stop(): Promise<void> } | null = null;
  if (infra.redisUrl && env.WORKER_QUEUES !== 'none') {
    const { startWorkers } = await import('./jobs/workers.js');
    const { startReconciler } = await import('./jobs/reconciler.js');
    workers = startWorkers();
    // Re-creates the jobs of work the database has in flight but the queue lost (now, then on a timer).
    reconciler = startReconciler();
    if (dev && env.DEMO_RENDER && demoUserId) {
      const { renderDemo } = await import('./demo.js');
      renderDemo(demoUserId).catch((err: unknown) => logger.error({ err }, 'the demo render failed'));
    }
  } else if (!infra.redisUrl) {
    logger.warn('renders are off: they need Redis (see above)');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await running.close().catch((err: unknown) => logger.error({ err }, 'closing the server failed'));
    await reconciler?.stop();
    await workers?.close();
    const { closeQueues } = await import('./jobs/queues.js');
    const { closePubSub } = await import('./pubsub.js');
    const { closeConnectStore } = await import('./publish/connect.js');
    await closeQueues();
    await closePubSub();
    await closeConnectStore();
    await (await import('./auth/signInState.js')).closeSignInState();
    await prisma.$disconnect().catch(() => {});
    await infra.stop();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'start-up failed');
  process.exit(1);
});
