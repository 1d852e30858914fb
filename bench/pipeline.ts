// npm run bench:pipeline — a 6-scene reel from a topic through the real pipeline (generateScript →
// script job → approve → render flow: media + voice per scene, segments, soundtrack, stitch, upload),
// with every paid provider replaced by a local fake that answers after a fixed delay (bench/fakes.ts).
// Prints the end-to-end time as a ratio to the critical path:
//   D_SCRIPT + max over scenes of max(media chain, voice chain) + compose
// where compose is measured: the same script rendered again with another subtitle style, so images
// and voice come from cache and only segments / soundtrack / stitch / upload run. Target ≤ 1.2.
//
// Compose is CPU-bound and other processes on the machine move it by ±30 % from one run to the
// next, so the bench does PIPELINE_ROUNDS rounds (default 3), each a new script (other words, so
// nothing is reused across rounds) with its own baseline, and reports the median ratio.
//
// Worker settings come from the environment as the app reads them, e.g.
//   VOICE_CONCURRENCY=4 npm run bench:pipeline
// (printed with the results). Every poll is bounded; the schema, Redis keys, scratch files and fake
// servers are removed at the end, also on failure.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { deleteRedisKeys, dropSchema, isolate } from './isolation.js';
import { DELAYS, startFakes, TOWNS, type Call, type Fakes } from './fakes.js';

// Polls read one narrow row; 25 ms keeps their own load on the shared event loop and DB small.
const POLL_MS = 25;
const POLL_TIMEOUT_MS = 120_000;
const ROUNDS = Number(process.env.PIPELINE_ROUNDS ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > TOWNS.length) throw new Error(`PIPELINE_ROUNDS must be 1–${TOWNS.length}`);

const { schema, scratch } = await isolate('pipeline');
// The app picks its real providers by keys: nothing from the caller's shell may point elsewhere.
for (const k of ['GROQ_API_KEY', 'SERPAPI_API_KEY', 'BRAVE_API_KEY', 'STORAGE_DRIVER']) delete process.env[k];
/** App settings the caller set in the shell (printed, since they change what is measured). */
const fromShell = new Set(
  [
    'SCRIPT_CONCURRENCY',
    'MEDIA_CONCURRENCY',
    'VOICE_CONCURRENCY',
    'COMPOSE_CONCURRENCY',
    'SCRIPT_RATE_LIMIT',
    'MEDIA_RATE_LIMIT',
    'VOICE_RATE_LIMIT',
    'DATABASE_POOL_SIZE',
  ].filter((k) => process.env[k] !== undefined),
);

let fakes: Fakes | null = null;
let schemaCreated = false;
const cleanups: Array<[string, () => Promise<unknown>]> = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU time (ms) used so far by this process (all threads: event loop, libuv pool, sharp) and by its
 * finished children (ffmpeg, ffprobe), from /proc (Linux; null elsewhere). Unlike wall time it
 * barely moves when other processes compete for the CPUs, so it shows the local work itself.
 */
function cpuNow(): { self: number; children: number } | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    const tick = 10; // USER_HZ = 100 on Linux
    return { self: (Number(fields[11]) + Number(fields[12])) * tick, children: (Number(fields[13]) + Number(fields[14])) * tick };
  } catch {
    return null;
  }
}
const cpuSamples: Array<{ at: number; self: number; children: number }> = [];
/** CPU used up to wall time `at` (the last sample at or before it). */
function cpuAt(at: number) {
  let best = cpuSamples[0];
  for (const s of cpuSamples) if (s.at <= at) best = s;
  return best;
}
function cpuBetween(a: number, b: number): string {
  const x = cpuAt(a);
  const y = cpuAt(b);
  if (!x || !y) return '?';
  return `${((y.self - x.self) / 1000).toFixed(1)}+${((y.children - x.children) / 1000).toFixed(1)}`;
}
const pad = (s: string | number, n: number) => String(s).padStart(n);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  fakes = await startFakes(scratch);
  Object.assign(process.env, fakes.env);

  // src/config.ts parses the environment once, at its first import: everything above comes first.
  const { migrate } = await import('../src/migrate.js');
  schemaCreated = true;
  await migrate(process.env.DATABASE_URL!, schema);
  const { env } = await import('../src/config.js');
  const { prisma } = await import('../src/db.js');
  const { startWorkers } = await import('../src/jobs/workers.js');
  const { closeQueues, getQueue } = await import('../src/jobs/queues.js');
  const { flowJobId } = await import('../src/jobs/renderFlow.js');
  const { Job } = await import('bullmq');
  const { limitFor } = await import('../src/jobs/rateLimits.js');
  const { closePubSub } = await import('../src/pubsub.js');
  const { generateScript } = await import('../src/resolvers/scriptGeneration.js');
  const { approveScript } = await import('../src/resolvers/scripts.js');
  const { enqueueRender } = await import('../src/resolvers/renders.js');
  cleanups.push(['prisma', () => prisma.$disconnect()]);
  cleanups.push(['pubsub', () => closePubSub()]);
  cleanups.push(['queues', () => closeQueues()]);

  const user = await prisma.user.create({ data: { email: `${schema}@bench`, name: 'bench' } });
  const viewer = { id: user.id, email: user.email, name: user.name, apiKeyId: 'bench', sessionId: null, via: 'apiKey' as const };
  const project = await prisma.project.create({ data: { ownerId: user.id, title: 'bench pipeline' } });

  const workers = startWorkers(['script', 'media', 'voice', 'compose']);
  cleanups.unshift(['workers', () => workers.close()]);
  await Promise.all(workers.workers.map((w) => w.waitUntilReady()));

  async function pollScript(id: string) {
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const s = await prisma.script.findUniqueOrThrow({ where: { id }, select: { status: true, failureReason: true } });
      if (s.status === 'DRAFT') return { seenAt: Date.now(), script: await prisma.script.findUniqueOrThrow({ where: { id } }) };
      if (s.status === 'FAILED') throw new Error(`script generation FAILED: ${s.failureReason}`);
      await sleep(POLL_MS);
    }
    throw new Error(`script ${id} still generating after ${POLL_TIMEOUT_MS} ms`);
  }
  async function pollRender(id: string) {
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const r = await prisma.render.findUniqueOrThrow({ where: { id }, select: { status: true, errorStage: true, errorMessage: true } });
      if (r.status === 'SUCCEEDED') return { seenAt: Date.now(), render: await prisma.render.findUniqueOrThrow({ where: { id } }) };
      if (r.status === 'FAILED' || r.status === 'CANCELLED') throw new Error(`render ${r.status}: ${r.errorStage} ${r.errorMessage}`);
      await sleep(POLL_MS);
    }
    throw new Error(`render ${id} not finished after ${POLL_TIMEOUT_MS} ms`);
  }
  const options = { preset: 'VERYFAST', resolution: 'P480', fps: 30, subtitleStyle: 'KARAOKE' };
  const mediaChain = (s: { imageQuery: string | null; aiImagePrompt: string | null }) =>
    s.imageQuery ? DELAYS.D_SEARCH + DELAYS.D_DOWNLOAD : s.aiImagePrompt ? DELAYS.D_IMAGE : 0;

  async function round(n: number) {
    const loadBefore = loadavg()[0]!;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    const callsBefore = fakes!.calls.length;

    // ---- End to end: topic → DRAFT → approve → render SUCCEEDED ---------------------------------
    lag.enable();
    const t0 = Date.now();
    const generated = await generateScript(viewer, {
      projectId: project.id,
      prompt: "What happened at this year's Harbour Lights Festival?",
      mode: 'NEWS',
      sceneCount: 6,
    });
    const tQueued = Date.now();
    const { script: draft, seenAt: tDraft } = await pollScript(generated.id);
    await approveScript(viewer, draft.id);
    const tApproved = Date.now();
    const render = await enqueueRender(viewer, draft.id, options);
    const tEnqueued = Date.now();
    const { render: full, seenAt: tDone } = await pollRender(render.id);
    lag.disable();
    const lagFull = { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };
    lag.reset();
    const calls = fakes!.calls.slice(callsBefore);

    const scenes = await prisma.scene.findMany({ where: { scriptId: draft.id }, orderBy: { position: 'asc' } });
    const searchScenes = scenes.filter((s) => s.imageQuery).length;
    const aiScenes = scenes.filter((s) => !s.imageQuery && s.aiImagePrompt).length;
    if (scenes.length !== 6 || searchScenes !== 3 || aiScenes !== 3)
      throw new Error(`expected 6 scenes (3 search, 3 AI), got ${scenes.length} (${searchScenes}, ${aiScenes})`);
    const fullStages = await prisma.renderStage.findMany({ where: { renderId: full.id }, orderBy: { position: 'asc' } });

    // ---- Compose baseline: same script, another subtitle style; images and voice from cache ------
    lag.enable();
    const b0 = Date.now();
    const again = await enqueueRender(viewer, draft.id, { ...options, subtitleStyle: 'WORD' });
    const { render: base, seenAt: baseDone } = await pollRender(again.id);
    const composeMs = baseDone - b0;
    lag.disable();
    const lagBase = { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };
    const baseStages = await prisma.renderStage.findMany({ where: { renderId: base.id }, orderBy: { position: 'asc' } });
    const notReused = baseStages.filter((s) => /^(media|voice):/.test(s.name) && !(s.detail as { reused?: boolean } | null)?.reused).map((s) => s.name);
    const baselineCalls = fakes!.calls.length - callsBefore - calls.length;

    // The soundtrack job waits for every voice stage by re-queueing itself; each pick-up is a job
    // moved to active, which BullMQ's limiter counts against the voice queue's budget.
    const activations = async (renderId: string, attempt: number) =>
      (await Job.fromId(getQueue('voice'), flowJobId(renderId, attempt, 'soundtrack')))?.attemptsStarted ?? null;
    const soundtrackPickups = { full: await activations(full.id, full.attempt), base: await activations(base.id, base.attempt) };

    const sceneMs = Math.max(...scenes.map((s) => Math.max(mediaChain(s), DELAYS.D_VOICE)));
    const criticalMs = DELAYS.D_SCRIPT + sceneMs + composeMs;
    const e2eMs = tDone - t0;
    const sceneStagesEnd = Math.max(...fullStages.filter((s) => /^(media|voice):/.test(s.name)).map((s) => s.finishedAt!.getTime()));
    return {
      n,
      loadBefore,
      loadAfter: loadavg()[0]!,
      lagFull,
      lagBase,
      t0,
      tQueued,
      tDraft,
      tApproved,
      tEnqueued,
      tDone,
      e2eMs,
      composeMs,
      sceneMs,
      criticalMs,
      sceneStagesEnd,
      baseDone,
      ratio: e2eMs / criticalMs,
      // Phases of the full render against what the fakes alone would take.
      scriptPhaseMs: tDraft - t0,
      scenePhaseMs: sceneStagesEnd - tApproved,
      composePhaseMs: tDone - sceneStagesEnd,
      generation: draft.generation as { durationMs?: number; attempts?: number } | null,
      scenes,
      fullStages,
      baseStages,
      notReused,
      baselineCalls,
      calls,
      firstStageAt: full.startedAt?.getTime() ?? null,
      soundtrackPickups,
      b0,
    };
  }

  const sampler = setInterval(() => {
    const c = cpuNow();
    if (c) cpuSamples.push({ at: Date.now(), ...c });
  }, 20);
  cleanups.unshift(['cpu sampler', async () => clearInterval(sampler)]);
  const results = [];
  for (let n = 0; n < ROUNDS; n++) results.push(await round(n));
  clearInterval(sampler);

  // ---- Report --------------------------------------------------------------------------------------
  const limit = (q: 'script' | 'media' | 'voice') => {
    const l = limitFor(q);
    return l ? `${l.max}/${l.duration}ms` : 'none';
  };
  const mark = (k: string) => (fromShell.has(k) ? ' (set in the shell)' : '');
  console.log('\nreelforge pipeline benchmark (6 scenes from a topic: 3 searched photos, 3 AI images; 480p, 30 fps, veryfast, karaoke)');
  console.log(
    `fake provider delays (ms): script ${DELAYS.D_SCRIPT}, image search ${DELAYS.D_SEARCH}, each download ${DELAYS.D_DOWNLOAD}, image generation ${DELAYS.D_IMAGE}, voice per call ${DELAYS.D_VOICE}`,
  );
  console.log(
    `worker concurrency: script ${env.SCRIPT_CONCURRENCY}${mark('SCRIPT_CONCURRENCY')}, media ${env.MEDIA_CONCURRENCY}${mark('MEDIA_CONCURRENCY')}, ` +
      `voice ${env.VOICE_CONCURRENCY}${mark('VOICE_CONCURRENCY')}, compose ${env.COMPOSE_CONCURRENCY}${mark('COMPOSE_CONCURRENCY')}; ` +
      `rate limits: script ${limit('script')}, media ${limit('media')}, voice ${limit('voice')}; DB pool ${env.DATABASE_POOL_SIZE}${mark('DATABASE_POOL_SIZE')}`,
  );
  console.log(`machine: ${cpus().length} CPUs shared with whatever else runs here (1-min load average per round below)`);
  const critParts = `script ${DELAYS.D_SCRIPT} + slowest scene max(search ${DELAYS.D_SEARCH}+${DELAYS.D_DOWNLOAD}, AI ${DELAYS.D_IMAGE}, voice ${DELAYS.D_VOICE}) = ${results[0]!.sceneMs} + compose baseline`;
  console.log(`critical path = ${critParts}`);
  console.log('');
  console.log(
    'round  end-to-end  critical = script + scene + compose   ratio   script phase (ideal 800)  scene phase (ideal 700)  compose phase vs baseline   load  loop lag p99/max',
  );
  for (const r of results) {
    console.log(
      `${pad(r.n + 1, 5)}  ${pad(r.e2eMs, 7)} ms  ${pad(r.criticalMs, 8)} = ${DELAYS.D_SCRIPT} + ${r.sceneMs} + ${pad(r.composeMs, 5)} ms  ${pad(r.ratio.toFixed(2), 6)}` +
        `   ${pad(r.scriptPhaseMs, 6)} ms (+${r.scriptPhaseMs - DELAYS.D_SCRIPT})       ${pad(r.scenePhaseMs, 6)} ms (+${r.scenePhaseMs - r.sceneMs})      ${pad(r.composePhaseMs, 6)} vs ${pad(r.composeMs, 5)} ms` +
        `   ${pad(r.loadBefore.toFixed(1), 4)}  ${r.lagFull.p99.toFixed(0)}/${r.lagFull.max.toFixed(0)} ms`,
    );
  }
  const ratios = results.map((r) => r.ratio);
  const med = median(ratios);
  console.log(
    `\nratio end to end / critical path: median ${med.toFixed(2)} over ${results.length} round${results.length > 1 ? 's' : ''} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})   target ≤ 1.2  ${med <= 1.2 ? 'OK' : 'OVER'}`,
  );
  console.log('  script phase = generateScript → DRAFT seen; scene phase = approve → last media/voice stage done; compose phase = that → SUCCEEDED seen');
  if (cpuSamples.length > 0) {
    console.log(`\nCPU seconds used locally (this process + its ffmpeg/ffprobe children; Postgres and Redis not counted), ${cpus().length} CPUs:`);
    console.log('round  script phase  scene phase  compose phase  | compose baseline');
    for (const r of results) {
      console.log(
        `${pad(r.n + 1, 5)}  ${pad(cpuBetween(r.t0, r.tDraft), 12)}  ${pad(cpuBetween(r.tApproved, r.sceneStagesEnd), 11)}  ${pad(cpuBetween(r.sceneStagesEnd, r.tDone), 13)}  | ${pad(cpuBetween(r.b0, r.baseDone), 16)}`,
      );
    }
  }

  // Details of the median round.
  const r = [...results].sort((a, b) => a.ratio - b.ratio)[Math.floor((results.length - 1) / 2)]!;
  console.log(`\ndetails of round ${r.n + 1} (the median)`);
  console.log(`  generateScript returned   ${pad(r.tQueued - r.t0, 6)} ms after the call`);
  console.log(
    `  script DRAFT seen         ${pad(r.tDraft - r.t0, 6)} ms   script job duration (generation JSON): ${r.generation?.durationMs ?? '?'} ms, attempts ${r.generation?.attempts ?? '?'}`,
  );
  console.log(`  approved                  ${pad(r.tApproved - r.t0, 6)} ms`);
  console.log(`  render enqueued           ${pad(r.tEnqueued - r.t0, 6)} ms   first stage started ${r.firstStageAt === null ? '?' : r.firstStageAt - r.t0} ms`);
  console.log(`  render SUCCEEDED seen     ${pad(r.tDone - r.t0, 6)} ms   (render alone ${r.tDone - r.tApproved} ms)`);
  console.log(
    `  compose baseline: subtitleStyle WORD, ${r.composeMs} ms; media/voice reused: ${r.notReused.length === 0 ? 'all 12' : `NOT ${r.notReused.join(', ')}`}; provider calls during it: ${r.baselineCalls}; loop lag p99/max ${r.lagBase.p99.toFixed(0)}/${r.lagBase.max.toFixed(0)} ms`,
  );

  console.log(
    `  soundtrack job pick-ups (each one a voice rate-limit token): full render ${r.soundtrackPickups.full ?? '?'}, baseline ${r.soundtrackPickups.base ?? '?'}; ` +
      `voice-queue jobs per round ≈ ${12 + (r.soundtrackPickups.full ?? 0) + (r.soundtrackPickups.base ?? 0)} of the ${limit('voice')} budget`,
  );

  // Each scene's media and voice stage against the provider time it waited on: the rest is local work
  // (stage bookkeeping in the DB, storage copies, fitting, probing) and waiting for CPU. Then how long
  // the scene's segment waited after both were done (flow bookkeeping, queue pick-up, a free slot).
  console.log('\n  scene chains in the full render (stage duration = provider delay + other; segment start after its inputs)');
  const at = (name: string) => r.fullStages.find((x) => x.name === name);
  for (const s of r.scenes) {
    const media = at(`media:${s.position}`);
    const voice = at(`voice:${s.position}`);
    const segment = at(`segment:${s.position}`);
    const m = mediaChain(s);
    const ready = Math.max(media?.finishedAt?.getTime() ?? 0, voice?.finishedAt?.getTime() ?? 0);
    console.log(
      `    scene ${s.position} ${s.imageQuery ? 'search' : 'AI    '}  media ${pad(media?.durationMs ?? 0, 5)} = ${m} + ${pad((media?.durationMs ?? 0) - m, 5)}` +
        `   voice ${pad(voice?.durationMs ?? 0, 5)} = ${DELAYS.D_VOICE} + ${pad((voice?.durationMs ?? 0) - DELAYS.D_VOICE, 5)}` +
        `   segment started ${pad((segment?.startedAt?.getTime() ?? ready) - ready, 5)} ms after`,
    );
  }

  const printStages = (title: string, stages: typeof r.fullStages, origin: number) => {
    console.log(`\n  ${title} (ms after the enqueue call: start → end, duration, detail)`);
    for (const s of stages) {
      if (!s.startedAt || !s.finishedAt) {
        console.log(`    ${s.name.padEnd(11)} ${s.status}`);
        continue;
      }
      const d = (s.detail ?? {}) as Record<string, unknown>;
      const bits = [
        d.reused === true ? 'reused' : d.reused === false ? 'new' : null,
        typeof d.provider === 'string' ? d.provider : null,
        typeof d.encodeMs === 'number' ? `encode ${d.encodeMs}` : null,
      ].filter(Boolean);
      console.log(
        `    ${s.name.padEnd(11)} ${pad(s.startedAt.getTime() - origin, 6)} → ${pad(s.finishedAt.getTime() - origin, 6)}  ${pad(s.durationMs ?? 0, 5)}  ${bits.join(', ')}`,
      );
    }
  };
  printStages('full render stages', r.fullStages, r.tApproved);
  printStages('compose baseline stages', r.baseStages, r.b0);

  const showCalls = (calls: Call[], origin: number) => {
    console.log(`\n  provider calls (ms after generateScript: arrived → answered)`);
    for (const kind of ['script', 'search', 'download', 'image', 'voice'] as const) {
      const of = calls.filter((c) => c.kind === kind).sort((a, b) => a.at - b.at);
      if (of.length === 0) continue;
      console.log(`    ${kind.padEnd(9)} ${of.map((c) => `${c.at - origin}→${c.answeredAt - origin}`).join('  ')}`);
    }
  };
  showCalls(r.calls, r.t0);
}

async function cleanup() {
  for (const [name, fn] of cleanups) {
    await fn().catch((err) => console.error(`cleanup ${name}: ${(err as Error).message}`));
  }
  if (schemaCreated) await dropSchema(schema);
  await deleteRedisKeys();
  await fakes?.close().catch(() => {});
  await rm(scratch, { recursive: true, force: true });
}

// Clean up also when interrupted, and keep going when stdout is a pipe that closed early (| head).
let cleaning: Promise<void> | null = null;
const cleanupOnce = () => (cleaning ??= cleanup());
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`bench:pipeline: ${signal}, cleaning up`);
    void cleanupOnce().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (err) {
  console.error('bench:pipeline failed:', err);
  process.exitCode = 1;
} finally {
  await cleanupOnce();
}
