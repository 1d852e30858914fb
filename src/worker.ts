// `npm run worker`: runs the render queues (WORKER_QUEUES) in this process, nothing else. Any number
// of these on any number of machines share the work through Redis, Postgres and object storage.
import { env } from './config.js';
import { logger } from './logger.js';

async function main() {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set (workers need the shared database)');
  if (!env.REDIS_URL) throw new Error('REDIS_URL is not set (workers take jobs from Redis)');
  const { startWorkers } = await import('./jobs/workers.js');
  const { prisma } = await import('./db.js');
  const { closePubSub } = await import('./pubsub.js');
  const running = startWorkers();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: finishing or handing back running jobs');
    const hard = setTimeout(() => process.exit(1), 30_000).unref();
    await running.close();
    await closePubSub();
    await prisma.$disconnect();
    clearTimeout(hard);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker start-up failed');
  process.exit(1);
});
