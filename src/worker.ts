// `npm run worker`: runs the render queues (WORKER_QUEUES) in this process, nothing else. Any number
// of these on any number of machines share the work through Redis, Postgres and object storage.
import { env } from './config.js';
import { logger } from './logger.js';

// Until the workers exist there is nothing to hand back: a signal during start-up just exits.
let stopHandler: ((signal: string) => Promise<void>) | null = null;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void (stopHandler ? stopHandler(signal) : process.exit(0)));
}

async function main() {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set (workers need the shared database)');
  if (!env.REDIS_URL) throw new Error('REDIS_URL is not set (workers take jobs from Redis)');
  const { startWorkers } = await import('./jobs/workers.js');
  const { startReconciler } = await import('./jobs/reconciler.js');
  const { closeQueues } = await import('./jobs/queues.js');
  const { warnUnlessNoEviction } = await import('./redis.js');
  const { prisma } = await import('./db.js');
  const { closePubSub } = await import('./pubsub.js');
  await warnUnlessNoEviction();
  // Title cards (sharp) and subtitles (ffmpeg) use our fonts: the system's plus the bundled emoji font.
  await (await import('./render/fonts/fontconfig.js')).useOurFonts();
  // Subtitles and title cards in a script no installed font covers would show boxes: say so now.
  await (await import('./render/fonts/coverage.js')).warnMissingFonts(logger);
  // Which ffmpeg, ffprobe and espeak-ng renders use (installed or the npm builds), and what is missing.
  await (await import('./toolReport.js'))
    .reportTools(logger, { npmBuilds: env.MEDIA_TOOLS === 'auto' })
    .catch((err: unknown) => logger.error({ err }, 'checking the media tools failed'));
  const running = startWorkers();
  // Re-creates the jobs of work the database has in flight but the queue lost (now, then on a timer).
  const reconciler = startReconciler();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing or handing back running jobs');
    const hard = setTimeout(() => process.exit(1), 30_000).unref();
    await reconciler.stop();
    await running.close();
    await closeQueues();
    await closePubSub();
    await prisma.$disconnect();
    clearTimeout(hard);
    process.exit(0);
  };
  stopHandler = stop;
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker start-up failed');
  process.exit(1);
});
