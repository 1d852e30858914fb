// Deletes an account (deleteAccount): stops its work in flight, removes every stored object it owns
// (project and render folders, its segment cache, public copies), then its rows (the user row
// cascades to everything else), and records what was removed. Every step can run again, so a retry
// after a crash finishes the job; the AccountDeletion row outlives the user and says when it is done.
import type { Job } from 'bullmq';
import { revokeChannel } from '../../publish/connect.js';
import { sandboxFilesOf } from '../../publish/sandbox/routes.js';
import { bumpGenerations } from '../../cache/generations.js';
import { prisma } from '../../db.js';
import { logger } from '../../logger.js';
import { accountJobData } from '../accountJob.js';
import { getStorage } from '../providers.js';
import { removeRenderFlow } from '../renderFlow.js';
import { scriptJobId } from '../scriptJob.js';
import { getQueue } from '../queues.js';
import { markRenderCancelled } from '../stages.js';

/** The folders of everything the user owns in storage. */
async function foldersOf(userId: string): Promise<string[]> {
  const [projects, renders] = await Promise.all([
    prisma.project.findMany({ where: { ownerId: userId }, select: { id: true } }),
    prisma.render.findMany({ where: { OR: [{ ownerId: userId }, { script: { project: { ownerId: userId } } }] }, select: { id: true } }),
  ]);
  return [...projects.map((p) => `projects/${p.id}/`), ...renders.map((r) => `renders/${r.id}/`), `segments/${userId}/`];
}

async function stopWorkInFlight(userId: string): Promise<void> {
  const renders = await prisma.render.findMany({ where: { ownerId: userId, status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true, attempt: true } });
  for (const r of renders) {
    await markRenderCancelled(r.id);
    await removeRenderFlow(r.id, r.attempt).catch((err: unknown) => logger.warn({ err, renderId: r.id }, 'could not remove a render flow'));
  }
  const scripts = await prisma.script.findMany({ where: { ownerId: userId, status: 'GENERATING' }, select: { id: true, attempt: true } });
  for (const s of scripts)
    await getQueue('script')
      .remove(scriptJobId(s.id, s.attempt))
      .catch(() => 0);
}

export async function processAccountDeletion(job: Job): Promise<void> {
  const { deletionId } = accountJobData.parse(job.data);
  const deletion = await prisma.accountDeletion.findUnique({ where: { id: deletionId } });
  if (!deletion || deletion.status === 'DONE') return;
  const log = logger.child({ jobId: job.id, deletionId, userId: deletion.userId });
  await prisma.accountDeletion.update({ where: { id: deletionId }, data: { status: 'RUNNING' } });
  const userId = deletion.userId;
  try {
    const storage = getStorage();
    let objects = (deletion.removed as { objects?: number }).objects ?? 0;
    let rows: Record<string, number> = (deletion.removed as { rows?: Record<string, number> }).rows ?? {};
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (user) {
      await stopWorkInFlight(userId);
      // Grants at Google end first: if Google cannot be reached the job fails and is tried again,
      // so no refresh token outlives the account.
      for (const channel of await prisma.youTubeChannel.findMany({ where: { userId } })) await revokeChannel(channel);
      const owned = { project: { ownerId: userId } };
      const [publicCopies, folders] = await Promise.all([
        prisma.asset.findMany({ where: { ...owned, publicKey: { not: null } }, select: { publicKey: true } }),
        foldersOf(userId),
      ]);
      // Files first: while the rows exist a retry still knows where every file is.
      for (const a of publicCopies) await storage.delete(a.publicKey!);
      objects += publicCopies.length;
      // What the YouTube sandbox stored for the user's publications (their uploads and videos).
      for (const p of await prisma.publication.findMany({ where: { ownerId: userId }, select: { uploadUri: true, videoId: true } })) {
        const { keys, prefixes } = sandboxFilesOf(p);
        for (const key of keys) await storage.delete(key);
        for (const prefix of prefixes) objects += await storage.deletePrefix(prefix);
        objects += keys.length;
      }
      for (const folder of folders) objects += await storage.deletePrefix(folder);
      const [projects, scripts, scenes, assets, renders, apiKeys, sessions, identities] = await Promise.all([
        prisma.project.count({ where: { ownerId: userId } }),
        prisma.script.count({ where: owned }),
        prisma.scene.count({ where: { script: owned } }),
        prisma.asset.count({ where: owned }),
        prisma.render.count({ where: { script: owned } }),
        prisma.apiKey.count({ where: { userId } }),
        prisma.session.count({ where: { userId } }),
        prisma.identity.count({ where: { userId } }),
      ]);
      rows = { users: 1, projects, scripts, scenes, assets, renders, apiKeys, sessions, identities };
      // The user row cascades to everything it owns, except that a rendered scene's picture and
      // narration refer to their assets without a cascade (NO ACTION): those rows go first.
      await prisma.$transaction([prisma.renderedScene.deleteMany({ where: { render: { script: owned } } }), prisma.user.deleteMany({ where: { id: userId } })]);
      // Its reels are gone from the feed: cached feeds that held them go too.
      await bumpGenerations([userId], true);
      // A stage that was finishing when its render was cancelled may have written one more file.
      for (const folder of folders) objects += await storage.deletePrefix(folder);
    }
    await prisma.accountDeletion.update({
      where: { id: deletionId },
      data: { status: 'DONE', finishedAt: new Date(), removed: { rows, objects }, error: null },
    });
    log.info({ rows, objects }, 'account deleted');
  } catch (err) {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    log.error({ err, last }, 'account deletion failed');
    await prisma.accountDeletion.update({
      where: { id: deletionId },
      data: last
        ? {
            status: 'FAILED',
            finishedAt: new Date(),
            error:
              'The deletion stopped before it finished (storage or database unavailable). Nothing can sign in to the account; what is left is removed when the deletion job runs again.',
          }
        : { status: 'QUEUED' },
    });
    throw err;
  }
}
