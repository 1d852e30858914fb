// npm run bench:render — a 6-scene, ~30 s reel at 480p/30 fps/veryfast through the real pipeline
// (BullMQ flow, workers in this process, Postgres, Redis, local storage, espeak-ng, ffmpeg).
// Prints wall time, real-time factor, peak RSS (this process and its ffmpeg/espeak children), the
// ratio to a bare x264 encode of the same frame count and size run here, and a re-render after
// one scene edit as a ratio of the full render. Targets: ≤ 5 s, ratio ≤ 1.3, ≤ 400 MB, ≤ 0.25.
// Also CPU seconds (this process and the children it waited for, from /proc) of the render and of
// the x264 baseline, which a busy machine changes far less than wall time, and SQL statements per
// render (the stage bookkeeping).
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { deleteRedisKeys, dropSchema, isolate } from './isolation.js';

const { schema, scratch } = await isolate('render');

const { migrate } = await import('../src/migrate.js');
await migrate(process.env.DATABASE_URL!, schema);
const { prisma } = await import('../src/db.js');
const { startWorkers } = await import('../src/jobs/workers.js');
const { closeQueues } = await import('../src/jobs/queues.js');
const { closePubSub, getPubSub } = await import('../src/pubsub.js');
const { enqueueRender } = await import('../src/resolvers/renders.js');
const { bareEncode } = await import('../src/render/compose/bareEncode.js');
const { probe } = await import('../src/render/compose/probe.js');
const { FFMPEG, runTool } = await import('../src/render/compose/run.js');
const { x264Args } = await import('../src/render/compose/encoderArgs.js');
const { getStorage } = await import('../src/jobs/providers.js');
const { peakRss } = await import('./rss.js');
const { cpuSeconds } = await import('./cpu.js');
const { RENDER_OPTIONS, seedReelScript } = await import('./reelScript.js');
const { onQuery } = await import('../src/db.js');

/**
 * Until the render ends: woken by its own events (as a client would be), with a slow look at the
 * row in case an event was missed. Polling the row every few ms would add its own statements and
 * CPU to the figures.
 */
async function waitFor(id: string) {
  const events = getPubSub().subscribe('renderProgress', id)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const r = await prisma.render.findUniqueOrThrow({ where: { id } });
      if (r.status === 'SUCCEEDED') return r;
      if (r.status === 'FAILED' || r.status === 'CANCELLED') throw new Error(`render ${r.status}: ${r.errorStage} ${r.errorMessage}`);
      for (;;) {
        const next = await Promise.race([events.next(), new Promise<null>((res) => setTimeout(() => res(null), 1_000))]);
        if (next === null || next.done || next.value.kind === 'RENDER_STATUS') break;
      }
    }
  } finally {
    await events.return?.();
  }
}

const { viewer, script } = await seedReelScript(prisma, `${schema}@bench`, 'bench');
const options = RENDER_OPTIONS;
const workers = startWorkers(['media', 'voice', 'compose']);

try {
  let statements = 0;
  const counting = onQuery(() => statements++);
  const rss = peakRss();
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const full = await waitFor((await enqueueRender(viewer, script.id, options)).id);
  const fullMs = performance.now() - t0;
  const cpuAfter = cpuSeconds();
  const fullCpu = cpuAfter.total - cpu0.total;
  const fullOwnCpu = cpuAfter.own - cpu0.own;
  counting();
  const fullStatements = statements;
  const { peak, selfPeak } = await rss.stop();
  const output = await prisma.asset.findUniqueOrThrow({ where: { id: full.outputAssetId! } });
  const local = join(scratch, 'out.mp4');
  await getStorage().download(output.storageKey, local);
  const info = await probe(local);

  const t1 = performance.now();
  await bareEncode({ size: { width: 480, height: 854 }, fps: 30, durationMs: info.durationMs, preset: 'VERYFAST', outPath: join(scratch, 'bare.mp4') });
  const bareMs = performance.now() - t1;
  // A second, fairer baseline: x264 alone on this reel's own frames (decoded, no filters, no audio).
  // A flat colour is nearly free for x264; real pictures that move are not.
  const t1b = performance.now();
  const cpu1 = cpuSeconds();
  await runTool(FFMPEG, ['-v', 'error', '-y', '-i', local, '-an', ...x264Args('VERYFAST', 30), join(scratch, 'reencode.mp4')]);
  const reencodeMs = performance.now() - t1b;
  const reencodeCpu = cpuSeconds().total - cpu1.total;

  // Edit one scene and render again: only its media, voice and segment should be redone.
  await prisma.scene.update({
    where: { id: script.scenes[3]!.id },
    data: { narration: 'Some octopuses even carry shells along the sea floor as portable armour.' },
  });
  statements = 0;
  const countingAgain = onQuery(() => statements++);
  const t2 = performance.now();
  const again = await waitFor((await enqueueRender(viewer, script.id, options)).id);
  const editMs = performance.now() - t2;
  countingAgain();
  const editStatements = statements;
  const stages = await prisma.renderStage.findMany({ where: { renderId: again.id }, orderBy: { position: 'asc' } });
  const reused = stages.filter((s) => s.name.startsWith('segment:') && (s.detail as { reused?: boolean }).reused).length;

  const fullStages = await prisma.renderStage.findMany({ where: { renderId: full.id }, orderBy: { position: 'asc' } });
  const byKind = new Map<string, number>();
  for (const s of fullStages) {
    const kind = s.name.split(':')[0]!;
    byKind.set(kind, (byKind.get(kind) ?? 0) + (s.durationMs ?? 0));
  }
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `\nreelforge render benchmark (6 scenes, 480x854, 30 fps, veryfast, 2 cores; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  console.log(`video length            ${f(info.durationMs)}`);
  console.log(`full render wall time   ${f(fullMs)}            target ≤ 5 s`);
  console.log(`real-time factor        ${(fullMs / info.durationMs).toFixed(3)} (wall / video length)`);
  console.log(`bare encode, same frames ${f(bareMs)}`);
  console.log(`ratio to bare encode    ${(fullMs / bareMs).toFixed(2)}              target ≤ 1.3`);
  console.log(`x264 alone on the reel's own frames ${f(reencodeMs)}; ratio ${(fullMs / reencodeMs).toFixed(2)}`);
  console.log(
    `CPU time, render        ${fullCpu.toFixed(2)} s (this Node process ${fullOwnCpu.toFixed(2)} s); x264 alone on its frames ${reencodeCpu.toFixed(2)} s; ratio ${(fullCpu / reencodeCpu).toFixed(2)}`,
  );
  console.log(`SQL statements          ${fullStatements} per render, ${editStatements} per re-render after 1 edit`);
  console.log(
    `peak RSS (with children) ${(peak / 1024 / 1024).toFixed(0)} MB           target ≤ 400 MB  (this Node process alone: ${(selfPeak / 1024 / 1024).toFixed(0)} MB)`,
  );
  console.log(`re-render after 1 edit  ${f(editMs)}  ratio ${(editMs / fullMs).toFixed(2)} of full   target ≤ 0.25  (${reused}/6 segments reused)`);
  console.log(`stage time summed by kind (ms): ${[...byKind].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  // Where the wall time goes: each stage's start and end relative to the enqueue.
  const timeline = (title: string, origin: Date, rows: typeof fullStages) => {
    console.log(`${title} (ms after enqueue):`);
    for (const s of rows) {
      const at = (d: Date | null) => String(d ? d.getTime() - origin.getTime() : '-').padStart(6);
      const reusedMark = (s.detail as { reused?: boolean }).reused ? '  reused' : '';
      console.log(`  ${s.name.padEnd(10)} ${at(s.startedAt)} → ${at(s.finishedAt)}${reusedMark}`);
    }
  };
  timeline('timeline', full.createdAt, fullStages);
  timeline('re-render timeline', again.createdAt, stages);
} finally {
  await workers.close();
  await closeQueues();
  await closePubSub();
  await prisma.$disconnect();
  await dropSchema(schema);
  await deleteRedisKeys();
  await rm(scratch, { recursive: true, force: true });
}
