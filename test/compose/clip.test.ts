// Video clips as scene pictures, real ffmpeg: length, format, looping, dropped clip audio, rotation,
// subtitles, refusal of clips without video, and a mixed clip + still reel stitched by stream copy.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSegment, probe, segmentTiming, stitchSegments } from '../../src/render/compose/index.js';
import { PermanentMediaError, RESOLUTIONS } from '../../src/render/types.js';
import { concatParams, meanRegion, rotationOf, writeAudioOnly, writeRotatedClip, writeToneClip, writeZeroedMdat } from './clipMedia.js';
import {
  countDiffering,
  decodeAudio,
  decodedFrameHashes,
  frameCount,
  grayFrame,
  meanAbsDiff,
  packetHashes,
  rms,
  streamCount,
  writeAss,
  writeSine,
  writeTestImage,
} from './media.js';

const SIZE = RESOLUTIONS.P480;
const { width: W, height: H } = SIZE;
const FPS = 30;
let root: string;
/** Quotes, brackets, commas, a colon and '%d': the clip path goes through the same escaping. */
let odd: string;
const f: Record<string, string> = {};
const out = (name: string) => join(odd, name);
const common = { size: SIZE, fps: FPS, preset: 'ULTRAFAST', motionSeed: 'clip' } as const;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'reelforge-clip-'));
  odd = join(root, "it's [odd], a;b:c %d");
  await mkdir(odd);
  await Promise.all([
    writeTestImage((f.image = join(root, 'scene.png'))),
    writeAss((f.ass = join(odd, "sub's.ass")), 'Hello clip world'),
    writeSine((f.a12 = join(root, 'a12.wav')), 1.2),
    writeSine((f.a20 = join(root, 'a20.wav')), 2.0, 330),
    writeToneClip((f.land = join(odd, "land'scape.mp4")), { width: 320, height: 240, fps: 25, seconds: 1 }),
    writeRotatedClip((f.portrait = join(odd, 'portrait.mp4')), 4),
    writeAudioOnly((f.audioOnly = join(root, 'voice.m4a'))),
  ]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('encodeSegment with a video clip', () => {
  // Made in the first test, reused by the later ones (vitest runs a file's tests in order).
  let stillSeg: string;
  let loopSeg: string;
  let portraitSeg: string;

  it('a 1 s clip under 2 s of narration: looped to the still path’s exact length, output format, no clip audio', async () => {
    stillSeg = out('still.mp4');
    loopSeg = out('loop.mp4');
    const [rs, stillMs] = await timed(() => encodeSegment({ ...common, imagePath: f.image!, audioPath: f.a20!, outPath: stillSeg }));
    const [rc, clipMs] = await timed(() => encodeSegment({ ...common, videoPath: f.land!, audioPath: f.a20!, outPath: loopSeg }));
    console.info(`2.15 s segment: still ${stillMs.toFixed(0)} ms, looped 320x240 25 fps clip ${clipMs.toFixed(0)} ms`);

    expect(rc.durationMs).toBe(rs.durationMs);
    const [ps, pc] = await Promise.all([probe(stillSeg), probe(loopSeg)]);
    expect(pc.video).toMatchObject({ codec: 'h264', width: W, height: H, fps: FPS, pixFmt: 'yuv420p' });
    expect(pc.audio).toMatchObject({ codec: 'aac', sampleRate: 44_100, channels: 2 });
    expect(pc.durationMs).toBe(ps.durationMs);
    expect(pc.video!.durationMs).toBe(ps.video!.durationMs);
    expect(pc.audio!.durationMs).toBe(ps.audio!.durationMs);
    const frames = segmentTiming(2000, FPS).frames;
    expect(await frameCount(loopSeg)).toBe(frames);
    expect(await frameCount(stillSeg)).toBe(frames);

    // The clip's loud tone is gone: the audio track is the narration's, packet for packet.
    expect(await streamCount(loopSeg, 'audio')).toBe(1);
    expect(await packetHashes(loopSeg, 'a')).toEqual(await packetHashes(stillSeg, 'a'));
    const [clipAudio, segAudio] = await Promise.all([decodeAudio(f.land!), decodeAudio(loopSeg)]);
    console.info(`audio RMS: clip tone ${rms(clipAudio).toFixed(0)}, segment (narration) ${rms(segAudio).toFixed(0)}`);

    // Same codec parameters, SAR, pixel format, time base, colour tags and SPS/PPS as a still segment.
    expect(await concatParams(loopSeg)).toEqual(await concatParams(stillSeg));
  });

  it('loops: 1.2 s in shows the clip’s 0.2 s picture again, and the picture keeps moving', async () => {
    // Output frame 6 (0.2 s) and 36 (1.2 s) both take clip frame 5; frame 21 (0.7 s) is another one.
    const [a, b, c, end] = await Promise.all([6, 36, 21, 60].map((n) => grayFrame(loopSeg, n)));
    const same = meanAbsDiff(a!, b!);
    const other = meanAbsDiff(a!, c!);
    const later = meanAbsDiff(b!, end!);
    console.info(`loop: mean |Δluma| 0.2 s vs 1.2 s ${same.toFixed(2)}, vs 0.7 s ${other.toFixed(2)}, 1.2 s vs 2.0 s ${later.toFixed(2)}`);
    expect(same).toBeLessThan(1.5);
    expect(other).toBeGreaterThan(same * 3);
    expect(later).toBeGreaterThan(same * 3);
  });

  it('a rotated 4 s phone clip under 1.2 s of narration: upright, cover-cropped, cut to length', async () => {
    expect(Math.abs((await rotationOf(f.portrait!)) ?? 0)).toBe(90);
    portraitSeg = out('portrait-seg.mp4');
    const [r, ms] = await timed(() => encodeSegment({ ...common, videoPath: f.portrait!, audioPath: f.a12!, outPath: portraitSeg }));
    console.info(`1.35 s segment from a rotated 4 s clip: ${ms.toFixed(0)} ms`);
    const timing = segmentTiming(1200, FPS);
    expect(r.durationMs).toBe(timing.durationMs);
    expect(await frameCount(portraitSeg)).toBe(timing.frames);
    const p = await probe(portraitSeg);
    expect(p.video).toMatchObject({ width: W, height: H, fps: FPS, pixFmt: 'yuv420p' });
    expect(Math.abs(p.durationMs - timing.durationMs)).toBeLessThan(1);

    // Upright: the white and black halves are top and bottom (unrotated they would be side by side).
    const g = await grayFrame(portraitSeg, 10);
    const top = meanRegion(g, W, 0, 0, W, H / 2 - 20);
    const bottom = meanRegion(g, W, 0, H / 2 + 20, W, H);
    const left = meanRegion(g, W, 0, 0, W / 2, H);
    const right = meanRegion(g, W, W / 2, 0, W, H);
    console.info(`rotated clip luma: top ${top.toFixed(0)}, bottom ${bottom.toFixed(0)}, left ${left.toFixed(0)}, right ${right.toFixed(0)}`);
    expect(Math.abs(top - bottom)).toBeGreaterThan(150);
    expect(Math.abs(left - right)).toBeLessThan(10);
  });

  it('burns subtitles into a clip the same way', async () => {
    const withSubs = out('portrait-subs.mp4');
    await encodeSegment({ ...common, videoPath: f.portrait!, audioPath: f.a12!, assPath: f.ass!, outPath: withSubs });
    const [a, b] = await Promise.all([grayFrame(withSubs, 10), grayFrame(portraitSeg, 10)]);
    const changed = countDiffering(a, b, 40);
    console.info(`clip subtitles: ${changed} of ${a.length} luma pixels differ by > 40 at frame 10`);
    expect(changed).toBeGreaterThan(2000);
    expect(changed).toBeLessThan(a.length / 4);
  });

  it('a mixed reel of clip and still segments stitches by stream copy', async () => {
    const segs = [loopSeg, stillSeg, portraitSeg];
    const reel = out('mixed-reel.mp4');
    const [r, ms] = await timed(() => stitchSegments({ segmentPaths: segs, outPath: reel, workDir: odd }));
    console.info(`stitch of clip + still + clip: ${ms.toFixed(0)} ms`);
    const [parts, p] = await Promise.all([Promise.all(segs.map((s) => probe(s))), probe(reel)]);
    const videoSum = parts.reduce((s, x) => s + x.video!.durationMs!, 0);
    expect(Math.abs(p.video!.durationMs! - videoSum)).toBeLessThan(2);
    expect(Math.abs(r.durationMs - p.durationMs)).toBeLessThan(1);
    expect(p.video).toMatchObject({ codec: 'h264', width: W, height: H, fps: FPS, pixFmt: 'yuv420p' });
    // Every frame decodes to exactly the segment's own frame: copied, and decodable with the first
    // segment's SPS/PPS.
    const expected = (await Promise.all(segs.map((s) => decodedFrameHashes(s)))).flat();
    expect(await decodedFrameHashes(reel)).toEqual(expected);
  });

  it('a file without a video stream, unreadable, or undecodable is a PermanentMediaError naming the problem; no output left', async () => {
    const base = { ...common, audioPath: f.a12! };
    const o1 = join(root, 'audio-only.mp4');
    const e1 = await encodeSegment({ ...base, videoPath: f.audioOnly!, outPath: o1 }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(PermanentMediaError);
    expect((e1 as Error).message).toMatch(/no video stream in clip .*voice\.m4a/i);
    expect(existsSync(o1)).toBe(false);

    const junk = join(root, 'junk.mp4');
    await writeFile(junk, 'not a video at all');
    const o2 = join(root, 'junk-out.mp4');
    const e2 = await encodeSegment({ ...base, videoPath: junk, outPath: o2 }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(PermanentMediaError);
    expect((e2 as Error).message).toMatch(/unreadable video clip .*junk\.mp4/i);
    expect(existsSync(o2)).toBe(false);

    await expect(encodeSegment({ ...base, videoPath: join(root, 'missing.mp4'), outPath: o2 })).rejects.toBeInstanceOf(PermanentMediaError);

    // Probes as a video, decodes to nothing. ffmpeg fails three ways, each caught: no pixel format at
    // probe (all zeroed); exit 69, over -max_error_rate (half zeroed, short narration); exit 0 with
    // the narration alone (half zeroed, longer narration: more good audio frames in the error rate).
    for (const [fraction, audioPath] of [
      [1, f.a12!],
      [0.5, f.a12!],
      [0.5, f.a20!],
    ] as const) {
      const zeroed = join(root, `zeroed-${fraction}.mp4`);
      await writeZeroedMdat(f.land!, zeroed, fraction);
      const o3 = join(root, `zeroed-${fraction}-out.mp4`);
      const e3 = await encodeSegment({ ...base, audioPath, videoPath: zeroed, outPath: o3 }).catch((e: unknown) => e);
      expect(e3).toBeInstanceOf(PermanentMediaError);
      expect((e3 as Error).message).toMatch(/video clip .*zeroed-[\d.]+\.mp4 (has no decodable frames|does not decode)/i);
      expect(existsSync(o3)).toBe(false);
    }
  });

  it('needs exactly one of imagePath and videoPath', async () => {
    const base = { ...common, audioPath: f.a12!, outPath: join(root, 'x.mp4') };
    await expect(encodeSegment({ ...base, imagePath: f.image!, videoPath: f.land! })).rejects.toThrow(/exactly one of imagePath and videoPath \(got both\)/);
    await expect(encodeSegment(base)).rejects.toThrow(/exactly one of imagePath and videoPath \(got neither\)/);
  });

  it('an abort while the clip is being read rejects with AbortError and leaves no output', async () => {
    const o = join(root, 'aborted-clip.mp4');
    const ac = new AbortController();
    const running = encodeSegment({ ...common, videoPath: f.portrait!, audioPath: f.a20!, outPath: o, signal: ac.signal });
    ac.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(o)).toBe(false);
  });
});
