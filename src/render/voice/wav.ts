// Minimal RIFF/WAVE reader for 16-bit PCM: enough to measure duration and find where speech is,
// without spawning ffprobe for every scene.
import { readFile } from 'node:fs/promises';
import { PermanentMediaError } from '../types.js';
import type { SpeechSpan } from './estimateTimings.js';

export interface Wav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  durationMs: number;
  /** The PCM bytes of the data chunk. */
  data: Buffer;
}

export function parseWav(buf: Buffer): Wav {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new PermanentMediaError('Not a RIFF/WAVE file');
  }
  let fmt: { format: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const declared = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    // Streamed writers leave sizes at 0 or 0x7fffffff: the chunk then runs to the end of the file.
    const size = declared === 0 || body + declared > buf.length ? buf.length - body : declared;
    if (id === 'fmt ' && size >= 16) {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new PermanentMediaError('WAVE data chunk before fmt chunk');
      if (fmt.format !== 1 || fmt.bitsPerSample !== 16 || fmt.channels < 1 || fmt.sampleRate < 1) {
        throw new PermanentMediaError(`Unsupported WAVE format ${fmt.format}, ${fmt.bitsPerSample} bit, ${fmt.channels} ch`);
      }
      const frameBytes = fmt.channels * 2;
      const data = buf.subarray(body, body + size - (size % frameBytes));
      const frames = data.length / frameBytes;
      return { ...fmt, durationMs: Math.round((frames / fmt.sampleRate) * 1000), data };
    }
    pos = body + size + (size % 2); // chunks are word-aligned
  }
  throw new PermanentMediaError('WAVE file has no data chunk');
}

export async function readWav(path: string): Promise<Wav> {
  return parseWav(await readFile(path));
}

/** A 10 ms window counts as speech when its peak passes this (1.5 % of full scale). */
const SPEECH_PEAK = 500;
const WINDOW_MS = 10;

/** Where audible sound starts and ends, or null when the audio is silent throughout. */
export function speechSpan(wav: Wav): SpeechSpan | null {
  const frameBytes = wav.channels * 2;
  const frames = wav.data.length / frameBytes;
  const windowFrames = Math.max(1, Math.round((wav.sampleRate * WINDOW_MS) / 1000));
  const loud = (w: number): boolean => {
    const end = Math.min(frames, (w + 1) * windowFrames);
    for (let f = w * windowFrames; f < end; f++) {
      for (let c = 0; c < wav.channels; c++) {
        if (Math.abs(wav.data.readInt16LE(f * frameBytes + c * 2)) >= SPEECH_PEAK) return true;
      }
    }
    return false;
  };
  const windows = Math.ceil(frames / windowFrames);
  let first = 0;
  while (first < windows && !loud(first)) first++;
  if (first === windows) return null;
  let last = windows - 1;
  while (last > first && !loud(last)) last--;
  const toMs = (frame: number) => Math.round((Math.min(frame, frames) / wav.sampleRate) * 1000);
  return { startMs: toMs(first * windowFrames), endMs: toMs((last + 1) * windowFrames) };
}
