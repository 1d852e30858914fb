// How long a narration lasts, to the microsecond as ffprobe reports it. A WAV (espeak-ng's output) is
// measured from its header in this process: each ffprobe is a spawn, which costs a worker ~50 ms of
// its event loop and the machine ~60 ms of CPU (measured), and a render measured every narration
// twice (segment and soundtrack). Anything else goes through ffprobe.
import { open } from 'node:fs/promises';
import { PermanentMediaError } from '../types.js';
import { probe } from './probe.js';
import { type WavLayout, wavLayout } from '../voice/wav.js';

/** Enough of a WAV to reach its data chunk's header in files written by espeak-ng, sox or ffmpeg. */
const HEADER_BYTES = 4096;

/** Plain integer PCM, whose length follows from its byte count; anything else (float, extensible, compressed) is ffprobe's to read. */
function isIntegerPcm(w: WavLayout): boolean {
  return w.format === 1 && w.channels >= 1 && w.sampleRate >= 1 && w.bitsPerSample >= 8 && w.bitsPerSample % 8 === 0;
}

/** The audio's length in ms (µs precision); throws PermanentMediaError for a file with no audio. */
export async function audioDurationMs(path: string, signal?: AbortSignal): Promise<number> {
  signal?.throwIfAborted();
  let layout: WavLayout | null = null;
  const file = await open(path).catch((e: NodeJS.ErrnoException) => {
    throw new PermanentMediaError(`Unreadable media ${path}: ${e.code ?? e.message}`);
  });
  try {
    const { size } = await file.stat();
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(Math.min(HEADER_BYTES, size)), position: 0 });
    // Not a WAV (or a broken one): ffprobe reads it, or says what is wrong with it.
    try {
      layout = wavLayout(buffer.subarray(0, bytesRead), size);
    } catch {
      layout = null;
    }
  } finally {
    await file.close();
  }
  if (layout && isIntegerPcm(layout)) {
    const frames = Math.floor(layout.dataBytes / (layout.channels * (layout.bitsPerSample / 8)));
    if (frames > 0) return Math.round((frames / layout.sampleRate) * 1e6) / 1e3;
  }
  const info = await probe(path, signal);
  if (!info.audio) throw new PermanentMediaError(`No audio stream in ${path}`);
  const ms = info.audio.durationMs ?? info.durationMs;
  if (!(ms > 0)) throw new PermanentMediaError(`Audio ${path} has no duration`);
  return ms;
}
