// A machine with Node and nothing else on PATH: renders use the ffmpeg, ffprobe and espeak-ng builds
// from npm, and start-up says so; with MEDIA_TOOLS=system the same machine names what is missing and
// the render fails at once (no retries). Workers run as a separate `node --import tsx src/worker.ts`
// whose PATH holds only a link to node.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assFilter, ffmpegFeatures } from '../src/render/compose/features.js';
import { probe } from '../src/render/compose/probe.js';
import { mixGraph } from '../src/render/compose/stitch.js';
import { getStorage } from '../src/jobs/providers.js';
import { resolveTools } from '../src/render/tools/tools.js';
import { childEnv } from './childEnv.js';
import { createUser, prisma, rawId } from './helpers.js';
import { approvedScript, closeRenderInfra, enqueue, waitForRender } from './renderHelpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FAST = { fps: 30, resolution: 'P480', preset: 'ULTRAFAST', subtitleStyle: 'KARAOKE', music: { track: 'CALM', volume: 0.12 } };

let onlyNode: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  onlyNode = await mkdtemp(join(tmpdir(), 'reelforge-only-node-'));
  await symlink(process.execPath, join(onlyNode, 'node'));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await closeRenderInfra();
  await rm(onlyNode, { recursive: true, force: true });
});

/** A worker process with PATH = a folder holding only `node`; resolves once its workers run. */
async function spawnWorker(extra: Record<string, string> = {}) {
  // Only `node` on PATH; the signing secret is passed too (the worker signs what the test reads).
  const secret = process.env.FILE_SIGNING_SECRET;
  const env = childEnv({ PATH: onlyNode, ...(secret ? { FILE_SIGNING_SECRET: secret } : {}), ...extra });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!out.includes('workers started')) {
    if (child.exitCode !== null) throw new Error(`worker exited during start-up:\n${out}`);
    if (Date.now() - started > 30_000) throw new Error(`worker did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; tool?: string; tools?: Record<string, string> });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  };
  return { lines, output: () => out, stop };
}

describe('tool resolution', () => {
  it('falls back to the npm builds when PATH has none, and names the install when those are off too', () => {
    const npm = resolveTools({ path: onlyNode });
    expect(Object.fromEntries(Object.values(npm).map((t) => [t.name, t.source === 'missing' ? 'missing' : `${t.source} ${t.from}`]))).toEqual({
      ffmpeg: expect.stringMatching(/^npm @ffmpeg-installer\/linux-x64@/),
      ffprobe: expect.stringMatching(/^npm @ffprobe-installer\/linux-x64@/),
      'espeak-ng': expect.stringMatching(/^npm espeak-ng@/),
    });
    // WebAssembly espeak-ng runs as its own Node process, never inside ours.
    expect(npm['espeak-ng']).toMatchObject({ command: process.execPath, prefixArgs: [expect.stringMatching(/espeak-ng-wasm\.mjs$/)] });

    const none = resolveTools({ path: onlyNode, npm: false });
    for (const t of Object.values(none)) {
      expect(t.source).toBe('missing');
      expect(t.source === 'missing' && t.install).toMatch(/^apt-get install (ffmpeg|espeak-ng)/);
    }
  });
});

describe('commands follow what the resolved ffmpeg supports', () => {
  it("Debian's ffmpeg (this process's PATH) has every feature: shaped subtitles, exact timescales, amix normalize", async () => {
    const f = await ffmpegFeatures();
    expect(f).toEqual({ movieTimescale: true, amixNormalize: true, libass: true, harfbuzz: true, assShaping: true });
    expect(assFilter('/w/s.ass', f)).toBe('ass=filename=/w/s.ass:shaping=complex');
  });

  it('without HarfBuzz or amix normalize (the npm build) the filters ask only for what it has', () => {
    const npm = { movieTimescale: false, amixNormalize: false, libass: true, harfbuzz: false, assShaping: true };
    expect(assFilter('/w/s.ass', npm)).toBe('ass=filename=/w/s.ass');
    // Old amix halves both inputs: doubled back to the level normalize=0 gives (measured equal).
    expect(mixGraph('[0:a]', '[1:a]', 10, 0.1, false, npm)).toContain('amix=inputs=2:duration=first:dropout_transition=0,volume=2,');
    expect(mixGraph('[0:a]', '[1:a]', 10, 0.1, false, { amixNormalize: true })).toContain(':normalize=0,');
    expect(() => assFilter('/w/s.ass', { ...npm, libass: false })).toThrow(/no ass filter/);
  });
});

describe('a machine with only Node on PATH', () => {
  it('renders through a worker using the npm builds, and its start-up says which and what they lack', async () => {
    const worker = await spawnWorker();
    const report = worker.lines();
    const tools = report.find((l) => l.msg.startsWith('media tools:'))?.tools;
    expect(tools).toEqual({
      ffmpeg: expect.stringMatching(/^npm @ffmpeg-installer\/linux-x64@4\./),
      ffprobe: expect.stringMatching(/^npm @ffprobe-installer\/linux-x64@/),
      'espeak-ng': expect.stringMatching(/^npm espeak-ng@/),
    });
    const ffmpegWarning = report.find((l) => l.level === 40 && l.tool === 'ffmpeg')?.msg;
    expect(ffmpegWarning).toMatch(/without HarfBuzz: Arabic, Devanagari .* not shaped/);
    expect(ffmpegWarning).toMatch(/apt-get install ffmpeg/);
    expect(report.find((l) => l.level === 40 && l.tool === 'espeak-ng')?.msg).toMatch(/WebAssembly.*apt-get install espeak-ng/);
    expect(report.filter((l) => l.level >= 50)).toEqual([]);

    const user = await createUser('fresh');
    const { scriptId } = await approvedScript(user, [
      'Bees dance to tell each other where the flowers are.',
      'A hive keeps warm in winter by shivering together.',
    ]);
    const started = Date.now();
    const render = { id: rawId((await enqueue(user, scriptId, FAST)).id) };
    // Generous: on a new machine the npm ffmpeg's own fontconfig first scans every installed font (~18 s with Noto CJK).
    const done = await waitForRender(render.id, 100_000);
    const ms = Date.now() - started;
    const stages = await prisma.renderStage.findMany({ where: { renderId: render.id }, orderBy: { position: 'asc' } });
    expect({ status: done.status, error: done.errorMessage }, worker.output().slice(-3000)).toEqual({ status: 'SUCCEEDED', error: null });
    expect(stages.map((s) => [s.name, s.status, s.attempts])).toEqual(stages.map((s) => [s.name, 'SUCCEEDED', 1]));
    const voice = stages.find((s) => s.name === 'voice:0')!;
    expect(voice.detail).toMatchObject({ provider: 'espeak-ng' });

    // The reel plays: H.264 and AAC, as long as its scenes.
    const video = await prisma.asset.findUniqueOrThrow({ where: { id: done.outputAssetId! } });
    const local = join(tmpdir(), `firstrun-${render.id}.mp4`);
    await getStorage().download(video.storageKey, local);
    const info = await probe(local);
    await rm(local, { force: true });
    expect(info.video).toMatchObject({ codec: 'h264', width: 480, height: 854 });
    expect(info.audio).toMatchObject({ codec: 'aac', channels: 2 });
    expect(info.durationMs).toBeGreaterThan(3_000);
    console.log(`two-scene render with the npm builds: ${ms} ms`);
    await worker.stop();
  }, 150_000);

  it('with MEDIA_TOOLS=system, start-up names each missing tool and a render fails at once, not after retries', async () => {
    const worker = await spawnWorker({ MEDIA_TOOLS: 'system' });
    const errors = worker.lines().filter((l) => l.level === 50);
    expect(errors.map((l) => l.tool).sort()).toEqual(['espeak-ng', 'ffmpeg', 'ffprobe']);
    expect(errors.find((l) => l.tool === 'espeak-ng')?.msg).toMatch(/espeak-ng is not installed.*voice.*apt-get install espeak-ng/);

    const user = await createUser('bare');
    const { scriptId } = await approvedScript(user, ['Ants carry twenty times their own weight.']);
    const render = { id: rawId((await enqueue(user, scriptId, FAST)).id) };
    const done = await waitForRender(render.id, 30_000);
    expect(done.status).toBe('FAILED');
    expect(done.errorMessage).toMatch(/(espeak-ng|ffmpeg|ffprobe) is not installed: apt-get install/);
    const failed = await prisma.renderStage.findFirstOrThrow({ where: { renderId: render.id, name: done.errorStage! } });
    expect(failed.attempts).toBe(1);
    await worker.stop();
  }, 60_000);
});
