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

/** Where a WAV's samples are and what they are, from its chunks. */
export interface WavLayout {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Where the data chunk's bytes start. */
  dataOffset: number;
  /** Its length: as declared, or to the end of the file when a streamed writer left it unknown. */
  dataBytes: number;
}

/**
 * The fmt and data chunks of a RIFF/WAVE file, from `buf`: the whole file, or its first bytes of a
 * file `fileBytes` long (enough to reach the data chunk's header). Null when `buf` ends first.
 */
export function wavLayout(buf: Buffer, fileBytes = buf.length): WavLayout | null {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new PermanentMediaError('Not a RIFF/WAVE file');
  }
  let fmt: Omit<WavLayout, 'dataOffset' | 'dataBytes'> | undefined;
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const declared = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    // Streamed writers leave sizes at 0 or 0x7fffffff: the chunk then runs to the end of the file.
    const size = declared === 0 || body + declared > fileBytes ? fileBytes - body : declared;
    if (id === 'fmt ' && size >= 16 && body + 16 <= buf.length) {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new PermanentMediaError('WAVE data chunk before fmt chunk');
      return { ...fmt, dataOffset: body, dataBytes: size };
    }
    pos = body + size + (size % 2); // chunks are word-aligned
  }
  return null;
}

export function parseWav(buf: Buffer): Wav {
  const layout = wavLayout(buf);
  if (!layout) throw new PermanentMediaError('WAVE file has no data chunk');
  const { format, channels, sampleRate, bitsPerSample, dataOffset, dataBytes } = layout;
  if (format !== 1 || bitsPerSample !== 16 || channels < 1 || sampleRate < 1) {
    throw new PermanentMediaError(`Unsupported WAVE format ${format}, ${bitsPerSample} bit, ${channels} ch`);
  }
  const frameBytes = channels * 2;
  const data = buf.subarray(dataOffset, dataOffset + dataBytes - (dataBytes % frameBytes));
  const frames = data.length / frameBytes;
  return { sampleRate, channels, bitsPerSample, durationMs: Math.round((frames / sampleRate) * 1000), data };
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

/** A 16-bit PCM RIFF/WAVE file of `data` in the format of `like`. */
export function wavFile(like: Pick<Wav, 'sampleRate' | 'channels'>, data: Buffer): Buffer {
  const blockAlign = like.channels * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(like.channels, 22);
  header.writeUInt32LE(like.sampleRate, 24);
  header.writeUInt32LE(like.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Silence of `ms` in the format of `like`, as PCM bytes. */
export function silence(like: Pick<Wav, 'sampleRate' | 'channels'>, ms: number): Buffer {
  return Buffer.alloc(Math.round((like.sampleRate * ms) / 1000) * like.channels * 2);
}
