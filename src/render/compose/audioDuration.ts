// How long a narration lasts, to the microsecond as ffprobe reports it. A WAV (espeak-ng's output) is
// measured from its header in this process: each ffprobe is a spawn, which costs a worker ~50 ms of
// its event loop and the machine ~60 ms of CPU (measured), and a render measured every narration
// twice (segment and soundtrack). Anything else goes through ffprobe.
import { open } from 'node:fs/promises';
import { PermanentMediaError } from '../types.js';
import { probe } from './probe.js';

/** Enough of a WAV to reach its data chunk's header in files written by espeak-ng, sox or ffmpeg. */
const HEADER_BYTES = 4096;

interface PcmLayout {
  sampleRate: number;
  /** Bytes per sample frame (all channels). */
  frameBytes: number;
  /** Bytes of sample data (declared, or up to the end of the file for a streamed writer's 0 or overflow). */
  dataBytes: number;
}

function pcmLayout(head: Buffer, fileBytes: number): PcmLayout | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return null;
  let fmt: { format: number; channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  let pos = 12;
  while (pos + 8 <= head.length) {
    const id = head.toString('ascii', pos, pos + 4);
    const declared = head.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ' && body + 16 <= head.length) {
      fmt = {
        format: head.readUInt16LE(body),
        channels: head.readUInt16LE(body + 2),
        sampleRate: head.readUInt32LE(body + 4),
        bitsPerSample: head.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      // Plain integer PCM only; anything else (float, extensible, compressed) is ffprobe's to read.
      const pcm = fmt?.format === 1 && fmt.channels >= 1 && fmt.sampleRate >= 1 && fmt.bitsPerSample >= 8 && fmt.bitsPerSample % 8 === 0;
      if (!fmt || !pcm) return null;
      const rest = fileBytes - body;
      const dataBytes = declared === 0 || declared > rest ? rest : declared;
      return { sampleRate: fmt.sampleRate, frameBytes: fmt.channels * (fmt.bitsPerSample / 8), dataBytes };
    }
    pos = body + declared + (declared % 2);
  }
  return null;
}

/** The audio's length in ms (µs precision); throws PermanentMediaError for a file with no audio. */
export async function audioDurationMs(path: string, signal?: AbortSignal): Promise<number> {
  signal?.throwIfAborted();
  let layout: PcmLayout | null = null;
  const file = await open(path).catch((e: NodeJS.ErrnoException) => {
    throw new PermanentMediaError(`Unreadable media ${path}: ${e.code ?? e.message}`);
  });
  try {
    const { size } = await file.stat();
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(Math.min(HEADER_BYTES, size)), position: 0 });
    layout = pcmLayout(buffer.subarray(0, bytesRead), size);
  } finally {
    await file.close();
  }
  if (layout) {
    const frames = Math.floor(layout.dataBytes / layout.frameBytes);
    if (frames > 0) return Math.round((frames / layout.sampleRate) * 1e6) / 1e3;
  }
  const info = await probe(path, signal);
  if (!info.audio) throw new PermanentMediaError(`No audio stream in ${path}`);
  const ms = info.audio.durationMs ?? info.durationMs;
  if (!(ms > 0)) throw new PermanentMediaError(`Audio ${path} has no duration`);
  return ms;
}
