// Narration lengths read from WAV headers must be what ffprobe says, to the microsecond: segments and
// the soundtrack cut scenes from them, and a segment made from ffprobe's figure is reused later.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioDurationMs } from '../../src/render/compose/audioDuration.js';
import { probe } from '../../src/render/compose/probe.js';
import { FFMPEG, runTool } from '../../src/render/compose/run.js';
import { espeakVoice } from '../../src/render/voice/espeak.js';
import { PermanentMediaError } from '../../src/render/types.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'audio-duration-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function ffmpegAudio(name: string, args: string[]): Promise<string> {
  const out = join(root, name);
  await runTool(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2.345678', ...args, out]);
  return out;
}

async function probedMs(path: string): Promise<number> {
  const info = await probe(path);
  return info.audio?.durationMs ?? info.durationMs;
}

describe('audioDurationMs', () => {
  it('matches ffprobe for espeak-ng narration and for WAVs of other rates, widths and channels', async () => {
    const spoken = await espeakVoice.synthesize('Octopuses have three hearts and blue blood.', { language: 'en', outDir: root });
    const files = [
      spoken.audioPath,
      await ffmpegAudio('stereo48k24.wav', ['-ar', '48000', '-ac', '2', '-c:a', 'pcm_s24le']),
      await ffmpegAudio('mono8k.wav', ['-ar', '8000', '-c:a', 'pcm_s16le']),
      // With metadata (a LIST chunk before the data).
      await ffmpegAudio('tagged.wav', ['-metadata', 'title=narration', '-c:a', 'pcm_s16le']),
    ];
    for (const f of files) {
      expect(await audioDurationMs(f), f).toBe(await probedMs(f));
    }
  });

  it('measures a WAV whose writer streamed it (sizes left at 0 or 0xFFFFFFFF) like ffprobe', async () => {
    const whole = await readFile(await ffmpegAudio('whole.wav', ['-c:a', 'pcm_s16le', '-bitexact']));
    const dataAt = whole.indexOf('data');
    for (const [name, size] of [
      ['streamed-0.wav', 0],
      ['streamed-max.wav', 0xffffffff],
    ] as const) {
      const streamed = Buffer.from(whole);
      streamed.writeUInt32LE(size, 4);
      streamed.writeUInt32LE(size, dataAt + 4);
      const path = join(root, name);
      await writeFile(path, streamed);
      const ms = await audioDurationMs(path);
      expect(ms).toBeCloseTo(2345.678, 0);
      expect(ms, name).toBe(await probedMs(path));
    }
  });

  it('leaves float WAV, MP3 and M4A to ffprobe, with the same answer', async () => {
    for (const f of [
      await ffmpegAudio('float.wav', ['-c:a', 'pcm_f32le']),
      await ffmpegAudio('voice.mp3', ['-c:a', 'libmp3lame']),
      await ffmpegAudio('voice.m4a', ['-c:a', 'aac']),
    ]) {
      expect(await audioDurationMs(f), f).toBe(await probedMs(f));
    }
  });

  it('names the file when it is missing, not audio, or a WAV with no samples', async () => {
    await expect(audioDurationMs(join(root, 'missing.wav'))).rejects.toThrow(/missing\.wav.*ENOENT/);
    const junk = join(root, 'junk.wav');
    await writeFile(junk, 'RIFF....WAVEnot really');
    await expect(audioDurationMs(junk)).rejects.toBeInstanceOf(PermanentMediaError);
    await expect(audioDurationMs(junk)).rejects.toThrow(/junk\.wav/);
    const image = join(root, 'picture.png');
    await runTool(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1', image]);
    await expect(audioDurationMs(image)).rejects.toThrow(/No audio stream in .*picture\.png/);
  });
});
