// Real ffmpeg, no mocks: segments, stitching, thumbnails and the Ken Burns cost, on short clips.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareEncode, encodeSegment, makeThumbnail, probe, stitchSegments, TAIL_PAD_MS, ToolError } from '../../src/render/compose/index.js';
import { escapeFilterValue } from '../../src/render/compose/filterEscape.js';
import { mixSoundtrack } from '../../src/render/compose/soundtrack.js';
import { FFMPEG, runTool } from '../../src/render/compose/run.js';
import { motionFromSeed, OVERSIZE } from '../../src/render/compose/kenBurns.js';
import { PermanentMediaError, RESOLUTIONS } from '../../src/render/types.js';
import {
  countDiffering,
  decodeAudio,
  frameCount,
  grayFrame,
  meanAbsDiff,
  decodedFrameHashes,
  packetHashes,
  pgrep,
  rms,
  streamCount,
  topLevelAtoms,
  writeAss,
  writeSine,
  writeTestImage,
} from './media.js';

const SIZE = RESOLUTIONS.P480;
let root: string;
/** Quotes, brackets, commas, a colon and '%d' in a path: filter-graph, concat-list and image2 escaping. */
let odd: string;
let image: string;
let ass: string;
const audio: Record<string, string> = {};

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'reelforge-compose-'));
  odd = join(root, "it's [odd], a;b:c %d");
  await mkdir(odd);
  image = join(odd, 'scene.png');
  ass = join(odd, "sub's.ass");
  await Promise.all([
    writeTestImage(image),
    writeAss(ass, 'Hello reel world'),
    writeSine((audio.a12 = join(root, 'a12.wav')), 1.2),
    writeSine((audio.a16 = join(root, 'a16.wav')), 1.6, 523),
    writeSine((audio.a20 = join(root, 'a20.wav')), 2.0, 330),
    writeSine((audio.a6 = join(root, 'a6.wav')), 6),
    writeSine((audio.a7 = join(root, 'a7.wav')), 6.85),
    writeSine((audio.music = join(root, 'music.wav')), 1.0, 220, 48_000),
  ]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('probe', () => {
  it('reads a WAV and rejects a non-media file as permanent', async () => {
    const p = await probe(audio.a12!);
    expect(p.durationMs).toBeCloseTo(1200, -1);
    expect(p.video).toBeUndefined();
    expect(p.audio).toMatchObject({ codec: 'pcm_s16le', sampleRate: 22_050, channels: 1 });

    const junk = join(root, 'junk.wav');
    await writeFile(junk, 'not audio at all');
    await expect(probe(junk)).rejects.toBeInstanceOf(PermanentMediaError);
  });
});

describe('encodeSegment', () => {
  const seg = (name: string) => join(odd, name);

  it.each([24, 30] as const)('encodes h264 480x854 at %i fps, yuv420p, AAC stereo 44.1 kHz, audio + pad long', async (fps) => {
    const out = seg(`fps${fps}.mp4`);
    const r = await encodeSegment({
      imagePath: image,
      audioPath: audio.a16!,
      assPath: ass,
      size: SIZE,
      fps,
      preset: 'VERYFAST',
      outPath: out,
      motionSeed: 'fps',
    });
    const p = await probe(out);
    expect(p.video).toMatchObject({ codec: 'h264', width: 480, height: 854, fps, pixFmt: 'yuv420p' });
    expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 44_100, channels: 2 });
    expect(Math.abs(p.durationMs - (1600 + TAIL_PAD_MS))).toBeLessThan(50);
    expect(Math.abs(p.durationMs - r.durationMs)).toBeLessThan(1);
    // Audio and video end together (the audio at most one AAC frame later).
    const gap = p.audio!.durationMs! - p.video!.durationMs!;
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(1024 / 44.1);
    expect(existsSync(`${out}.still.png`)).toBe(false);
  });

  it('burns the subtitles in: same frame differs with and without the ASS file', async () => {
    const common = { imagePath: image, audioPath: audio.a12!, size: SIZE, fps: 30, preset: 'ULTRAFAST', motionSeed: 'subs' } as const;
    await encodeSegment({ ...common, assPath: ass, outPath: seg('subs.mp4') });
    await encodeSegment({ ...common, assPath: null, outPath: seg('nosubs.mp4') });
    const [a, b] = await Promise.all([grayFrame(seg('subs.mp4'), 10), grayFrame(seg('nosubs.mp4'), 10)]);
    expect(a.length).toBe(480 * 854);
    expect(b.length).toBe(480 * 854);
    const changed = countDiffering(a, b, 40);
    console.info(`subtitles: ${changed} of ${a.length} luma pixels differ by > 40 at frame 10`);
    expect(changed).toBeGreaterThan(2000);
    // …and only in part of the frame: the picture underneath is the same motion.
    expect(changed).toBeLessThan(a.length / 4);
  });

  it('Ken Burns: the first and last frames differ', async () => {
    const out = seg('fps30.mp4');
    const n = await frameCount(out);
    const [first, last] = await Promise.all([grayFrame(out, 0), grayFrame(out, n - 1)]);
    expect(last.length).toBe(480 * 854);
    const diff = meanAbsDiff(first, last);
    console.info(`Ken Burns: mean |Δluma| first→last frame (${n} frames) = ${diff.toFixed(2)}`);
    expect(diff).toBeGreaterThan(3);
  });

  it('same inputs twice → the same duration and the same picture', async () => {
    const o = { imagePath: image, audioPath: audio.a12!, assPath: ass, size: SIZE, fps: 30, preset: 'ULTRAFAST', motionSeed: 'subs' } as const;
    const r = await encodeSegment({ ...o, outPath: seg('again.mp4') });
    const [p1, p2] = await Promise.all([probe(seg('subs.mp4')), probe(seg('again.mp4'))]);
    expect(Math.abs(p1.durationMs - p2.durationMs)).toBeLessThan(1);
    expect(Math.abs(r.durationMs - p2.durationMs)).toBeLessThan(1);
    const [f1, f2] = await Promise.all([grayFrame(seg('subs.mp4'), 20), grayFrame(seg('again.mp4'), 20)]);
    expect(meanAbsDiff(f1, f2)).toBeLessThan(0.5);
  });

  it('motion is chosen deterministically from the seed and never upscales', () => {
    expect(motionFromSeed('scene-1')).toEqual(motionFromSeed('scene-1'));
    const motions = Array.from({ length: 200 }, (_, i) => motionFromSeed(`seed-${i}`));
    const zoomIns = motions.filter((m) => m.zoomTo > m.zoomFrom).length;
    expect(zoomIns).toBeGreaterThan(50);
    expect(zoomIns).toBeLessThan(150);
    for (const m of motions) {
      for (const z of [m.zoomFrom, m.zoomTo]) expect(z).toBeGreaterThanOrEqual(1);
      for (const z of [m.zoomFrom, m.zoomTo]) expect(z).toBeLessThanOrEqual(OVERSIZE);
      for (const f of [m.xFrom, m.xTo, m.yFrom, m.yTo]) expect(f >= 0 && f <= 1).toBe(true);
    }
  });

  it('escapes filter values on both levels', () => {
    expect(escapeFilterValue("/a b/it's [x], y;z:w")).toBe("/a b/it\\\\\\'s \\[x\\]\\, y\\;z\\\\:w");
  });

  it('an unreadable image or audio file is a PermanentMediaError and leaves no output', async () => {
    const badImage = join(root, 'bad.png');
    await writeFile(badImage, Buffer.from('\x89PNG\r\n\x1a\n this is not really a png'));
    const base = { audioPath: audio.a12!, size: SIZE, fps: 30, preset: 'ULTRAFAST', motionSeed: 'x' } as const;
    const out1 = join(root, 'bad-image.mp4');
    await expect(encodeSegment({ ...base, imagePath: badImage, outPath: out1 })).rejects.toBeInstanceOf(PermanentMediaError);
    expect(existsSync(out1)).toBe(false);
    const out2 = join(root, 'bad-audio.mp4');
    await expect(encodeSegment({ ...base, imagePath: image, audioPath: join(root, 'missing.wav'), outPath: out2 })).rejects.toBeInstanceOf(PermanentMediaError);
    expect(existsSync(out2)).toBe(false);
    expect(existsSync(`${out2}.still.png`)).toBe(false);
  });

  it("an ffmpeg failure rejects with ffmpeg's last stderr lines, not as permanent", async () => {
    const out = join(root, 'no-ass.mp4');
    const err = await encodeSegment({
      imagePath: image,
      audioPath: audio.a12!,
      assPath: join(root, 'missing.ass'),
      size: SIZE,
      fps: 30,
      preset: 'ULTRAFAST',
      outPath: out,
      motionSeed: 'x',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect(err).not.toBeInstanceOf(PermanentMediaError);
    expect((err as ToolError).message).toMatch(/ffmpeg exited with code \d+:\n.*(ass|libass|track)/is);
    expect(existsSync(out)).toBe(false);
  });

  it('abort mid-encode kills ffmpeg and rejects quickly', async () => {
    const out = join(root, 'aborted.mp4');
    const ac = new AbortController();
    const running = encodeSegment({
      imagePath: image,
      audioPath: audio.a6!,
      size: SIZE,
      fps: 30,
      preset: 'FAST',
      outPath: out,
      motionSeed: 'abort',
      signal: ac.signal,
    });
    running.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
    // Wait until ffmpeg itself is running, so the abort really lands mid-encode.
    const deadline = Date.now() + 10_000;
    while ((await pgrep(out)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await pgrep(out)).length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 150));
    const t = performance.now();
    ac.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    const ms = performance.now() - t;
    console.info(`abort: rejected ${ms.toFixed(0)} ms after abort()`);
    expect(ms).toBeLessThan(1000);
    expect(await pgrep(out)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('stitchSegments', () => {
  const segs: string[] = [];
  let encodeMs = 0;
  let plainOut: string;

  beforeAll(async () => {
    // Different lengths and seeds; same fps and preset, as in one job.
    for (const [i, a] of [audio.a12!, audio.a16!, audio.a20!].entries()) {
      const outPath = join(odd, `part'${i}.mp4`);
      const [, ms] = await timed(() =>
        encodeSegment({ imagePath: image, audioPath: a, assPath: ass, size: SIZE, fps: 30, preset: 'VERYFAST', outPath, motionSeed: `part-${i}` }),
      );
      encodeMs += ms;
      segs.push(outPath);
    }
  }, 60_000);

  it('joins video by stream copy at a constant frame rate, audio aligned to it', async () => {
    plainOut = join(odd, 'reel.mp4');
    const [r, ms] = await timed(() => stitchSegments({ segmentPaths: segs, outPath: plainOut, workDir: odd }));
    console.info(`stitch (copy) of 3 segments: ${ms.toFixed(0)} ms; encoding them took ${encodeMs.toFixed(0)} ms (${(encodeMs / 3).toFixed(0)} ms each)`);
    // Stream copy, proven by content rather than by time: the reel's video packets are the segments'
    // packets, byte for byte, in order — all but keyframes (one per GOP at most), which the
    // concat demuxer rewrites with the stream's parameter sets. A re-encode would change them all.
    const packets = async (file: string) =>
      (await runTool(FFMPEG, ['-v', 'error', '-i', file, '-map', '0:v', '-c', 'copy', '-f', 'framemd5', '-'])).stdout
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split(',').at(-1)!.trim());
    const segmentPackets = (await Promise.all(segs.map(packets))).flat();
    expect(segmentPackets.length).toBeGreaterThan(30);
    const joined = await packets(plainOut);
    expect(joined).toHaveLength(segmentPackets.length);
    const differing = joined.filter((h, i) => h !== segmentPackets[i]).length;
    expect(differing).toBeLessThanOrEqual(Math.ceil(joined.length / 20));

    const parts = await Promise.all(segs.map((s) => probe(s)));
    const sum = parts.reduce((s, p) => s + p.durationMs, 0);
    const p = await probe(plainOut);
    expect(Math.abs(p.durationMs - sum) / sum).toBeLessThan(0.02);
    expect(Math.abs(r.durationMs - p.durationMs)).toBeLessThan(1);
    expect(p.video).toMatchObject({ codec: 'h264', width: 480, height: 854, pixFmt: 'yuv420p' });

    // Video by stream copy, placed end to end: every decoded frame is the segments' own (a lossy
    // re-encode would not reproduce them), and the frame rate stays constant across the joins.
    const expectedFrames = (await Promise.all(segs.map((s) => decodedFrameHashes(s)))).flat();
    expect(await decodedFrameHashes(plainOut)).toEqual(expectedFrames);
    const videoSum = parts.reduce((s, p) => s + p.video!.durationMs!, 0);
    expect(Math.abs(p.video!.durationMs! - videoSum)).toBeLessThan(2);
    expect(p.video!.fps).toBe(30);
    // Audio is re-aligned in one pass: as long as the video, sample for sample.
    expect(Math.abs(p.audio!.durationMs! - p.video!.durationMs!)).toBeLessThan(1);
    // Decoded, within one AAC frame (the encoder's priming samples).
    const decoded = await decodeAudio(plainOut);
    expect(Math.abs(decoded.length / 2 / 44.1 - p.video!.durationMs!)).toBeLessThan(1024 / 44.1);
    expect(existsSync(join(odd, 'reel.mp4'))).toBe(true);
  });

  it('writes moov before mdat (faststart); plain segments have it after', async () => {
    const atoms = await topLevelAtoms(plainOut);
    expect(atoms[0]).toBe('ftyp');
    expect(atoms).toContain('mdat');
    expect(atoms.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(atoms.indexOf('moov')).toBeLessThan(atoms.indexOf('mdat'));
    const segAtoms = await topLevelAtoms(segs[0]!);
    expect(segAtoms.indexOf('moov')).toBeGreaterThan(segAtoms.indexOf('mdat'));
  });

  it('mixes looped music in one audio pass: one audio stream, same length, ducked under the voice', async () => {
    const out = join(odd, 'reel-music.mp4');
    const flat = join(odd, 'reel-music-flat.mp4');
    const [r, ms] = await timed(() => stitchSegments({ segmentPaths: segs, outPath: out, workDir: odd, music: { path: audio.music!, volume: 0.5 } }));
    await stitchSegments({ segmentPaths: segs, outPath: flat, workDir: odd, music: { path: audio.music!, volume: 0.5, duck: false } });
    console.info(`stitch with music (video copy + one audio pass): ${ms.toFixed(0)} ms`);
    const [plain, mixed] = await Promise.all([probe(plainOut), probe(out)]);
    expect(await streamCount(out, 'audio')).toBe(1);
    expect(await streamCount(out, 'video')).toBe(1);
    expect(Math.abs(mixed.durationMs - plain.durationMs)).toBeLessThan(5);
    expect(Math.abs(mixed.audio!.durationMs! - plain.audio!.durationMs!)).toBeLessThan(5);
    expect(Math.abs(r.durationMs - mixed.durationMs)).toBeLessThan(1);
    expect(mixed.audio).toMatchObject({ codec: 'aac', sampleRate: 44_100, channels: 2 });
    // Video untouched, audio changed; ducking leaves less music energy than a flat mix.
    expect(await packetHashes(out, 'v')).toEqual(await packetHashes(plainOut, 'v'));
    const [a, ducked, flatMix] = await Promise.all([decodeAudio(plainOut), decodeAudio(out), decodeAudio(flat)]);
    const [ra, rd, rf] = [rms(a), rms(ducked), rms(flatMix)];
    console.info(`audio RMS: narration ${ra.toFixed(0)}, + ducked music ${rd.toFixed(0)}, + flat music ${rf.toFixed(0)}`);
    expect(rf / ra).toBeGreaterThan(1.05);
    expect(rd / ra).toBeGreaterThan(1.005);
    expect(rd).toBeLessThan(rf);
  });

  it('with a soundtrack, joins video-only segments at the lengths it is told exactly as when it probes them', async () => {
    const narrations = [audio.a12!, audio.a16!, audio.a20!];
    const videoOnly = narrations.map((_, i) => join(odd, `video-only-${i}.mp4`));
    const made = await Promise.all(
      narrations.map((a, i) =>
        encodeSegment({
          imagePath: image,
          audioPath: a,
          size: SIZE,
          fps: 30,
          preset: 'ULTRAFAST',
          outPath: videoOnly[i]!,
          motionSeed: `vo-${i}`,
          withAudio: false,
        }),
      ),
    );
    for (const [i, m] of made.entries()) {
      const p = await probe(videoOnly[i]!);
      expect(p.audio).toBeUndefined();
      expect(p.video!.durationMs).toBe(Math.round(m.videoMs * 1000) / 1000);
    }
    const soundtrackPath = join(odd, 'narration.m4a');
    const { scenes } = await mixSoundtrack({ narrations, fps: 30, outPath: soundtrackPath });
    // The pipeline recovers each segment's whole frames from the soundtrack's timeline.
    expect(scenes.map((s) => Math.round((s.durationMs * 30) / 1000))).toEqual(made.map((m) => Math.round((m.videoMs * 30) / 1000)));

    const probed = join(odd, 'probed.mp4');
    const told = join(odd, 'told.mp4');
    await stitchSegments({ segmentPaths: videoOnly, outPath: probed, workDir: odd, soundtrackPath });
    await stitchSegments({ segmentPaths: videoOnly, outPath: told, workDir: odd, soundtrackPath, videoDurationsMs: made.map((m) => m.videoMs) });
    const [a, b] = await Promise.all([probe(probed), probe(told)]);
    expect(b.audio).toMatchObject({ codec: 'aac', channels: 2 });
    expect(Math.abs(a.durationMs - b.durationMs)).toBeLessThan(1);
    expect(await packetHashes(told, 'v')).toEqual(await packetHashes(probed, 'v'));
    await expect(stitchSegments({ segmentPaths: videoOnly, outPath: told, workDir: odd, soundtrackPath, videoDurationsMs: [1000] })).rejects.toThrow(
      /1 durations for 3 segments/,
    );
  });

  it('refuses segments whose streams differ, leaving no output', async () => {
    const silent = join(root, 'no-audio.mp4');
    await bareEncode({ size: SIZE, fps: 30, durationMs: 300, preset: 'ULTRAFAST', outPath: silent });
    const out = join(root, 'mixed.mp4');
    await expect(stitchSegments({ segmentPaths: [segs[0]!, silent], outPath: out, workDir: root })).rejects.toThrow(/differs/);
    expect(existsSync(out)).toBe(false);
  });

  it('unreadable music is a PermanentMediaError', async () => {
    const junk = join(root, 'junk-music.mp3');
    await writeFile(junk, 'nope');
    await expect(
      stitchSegments({ segmentPaths: segs, outPath: join(root, 'x.mp4'), workDir: root, music: { path: junk, volume: 0.3 } }),
    ).rejects.toBeInstanceOf(PermanentMediaError);
  });
});

describe('makeThumbnail', () => {
  it('writes a JPEG at the output size; garbage input is permanent', async () => {
    const out = join(root, 'thumb.jpg');
    await makeThumbnail(image, SIZE, out);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 480, height: 854 });
    const junk = join(root, 'junk.jpg');
    await writeFile(junk, 'not a jpeg');
    await expect(makeThumbnail(junk, SIZE, join(root, 'thumb2.jpg'))).rejects.toBeInstanceOf(PermanentMediaError);
  });
});

describe('Ken Burns cost', () => {
  it('7 s 480x854 30 fps veryfast segment vs a bare encode of the same frames', async () => {
    const segOut = join(root, 'seven.mp4');
    const bareOut = join(root, 'bare.mp4');
    const [r, segMs] = await timed(() =>
      encodeSegment({ imagePath: image, audioPath: audio.a7!, assPath: ass, size: SIZE, fps: 30, preset: 'VERYFAST', outPath: segOut, motionSeed: 'seven' }),
    );
    const frames = await frameCount(segOut);
    const [, bareMs] = await timed(() => bareEncode({ size: SIZE, fps: 30, durationMs: (frames * 1000) / 30, preset: 'VERYFAST', outPath: bareOut }));
    console.info(
      `7 s segment (${frames} frames, ${r.durationMs.toFixed(0)} ms): ${segMs.toFixed(0)} ms; ` +
        `bare encode: ${bareMs.toFixed(0)} ms; ratio ${(segMs / bareMs).toFixed(2)}`,
    );
    expect(frames).toBe(210);
    expect(await frameCount(bareOut)).toBe(frames);
    expect((await probe(bareOut)).video).toMatchObject({ codec: 'h264', width: 480, height: 854, fps: 30 });
  }, 60_000);
});
