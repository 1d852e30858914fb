import type { Viewer } from './context.js';
import { prisma } from './db.js';
import { encodeId } from './ids.js';
import { getStorage, publicBaseUrl } from './jobs/providers.js';
import { logger } from './logger.js';
import { OWN_TEXT_WRITER, splitScript } from './render/script/splitScript.js';
import { enqueueRender, setRenderPublished } from './resolvers/renders.js';
import { SAMPLE_TEXT } from './seed.js';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/**
 * The run command's demo: renders the bundled sample script offline and prints the reel's URL and
 * each stage's timing. Resolves when the render ends (or after `timeoutMs`).
 */
export async function renderDemo(userId: string, timeoutMs = 300_000): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const project = await prisma.project.findFirstOrThrow({ where: { ownerId: userId }, orderBy: { createdAt: 'asc' } });
  const script = await prisma.script.create({
    data: {
      projectId: project.id,
      ownerId: userId,
      title: 'Demo reel: how honey is made',
      writerModel: OWN_TEXT_WRITER,
      status: 'APPROVED',
      approvedAt: new Date(),
      scenes: { create: splitScript(SAMPLE_TEXT).map((s, position) => ({ position, narration: s.narration })) },
    },
  });
  const viewer: Viewer = { id: user.id, email: user.email, name: user.name, apiKeyId: 'demo', sessionId: null, via: 'apiKey' };
  const started = Date.now();
  const render = await enqueueRender(viewer, script.id, { subtitleStyle: 'KARAOKE', music: { track: 'CALM', volume: 0.12 } });
  logger.info({ renderId: render.id }, 'demo render queued');
  let status = render.status as string;
  while (!TERMINAL.has(status) && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 500));
    status = (await prisma.render.findUniqueOrThrow({ where: { id: render.id }, select: { status: true } })).status;
  }
  const done = await prisma.render.findUniqueOrThrow({
    where: { id: render.id },
    include: { outputAsset: true, stages: { orderBy: { position: 'asc' } } },
  });
  const table = done.stages.map((s) => `  ${s.name.padEnd(12)} ${s.status.padEnd(10)} ${String(s.durationMs ?? '-').padStart(6)} ms`).join('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (done.status === 'SUCCEEDED') {
    // Published, so the web app's feed shows it; the previous start's demo reel leaves the feed.
    const earlier = await prisma.render.findMany({
      where: { ownerId: userId, published: true, title: script.title, id: { not: done.id } },
      select: { id: true },
    });
    for (const r of earlier) await setRenderPublished(viewer, r.id, false);
    await setRenderPublished(viewer, done.id, true);
    const published = await prisma.render.findUniqueOrThrow({ where: { id: done.id }, include: { outputAsset: true } });
    const url = published.outputAsset?.publicKey ? getStorage().publicUrl(published.outputAsset.publicKey) : null;
    logger.info({ renderId: done.id, seconds }, 'demo reel rendered');
    // For the person who ran `npm start`: plain text, not a log line.
    process.stdout.write(
      `\nDemo reel rendered offline in ${seconds} s and published:\n  in the web app: ${publicBaseUrl()}/reel/${encodeURIComponent(encodeId('Reel', done.id))}\n  the video: ${url}\nStage timings:\n${table}\n\n`,
    );
  } else {
    logger.warn({ renderId: done.id, status: done.status, stage: done.errorStage, error: done.errorMessage }, 'demo render did not succeed');
    process.stdout.write(`\nDemo render ended ${done.status}${done.errorStage ? ` at ${done.errorStage}: ${done.errorMessage}` : ''}\n${table}\n\n`);
  }
}
