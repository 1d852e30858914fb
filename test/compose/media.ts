// Test helpers for real media: generated inputs, decoded frames, MP4 atom order, process lookup.
import { execFile } from 'node:child_process';
import { open, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';

const execFileP = promisify(execFile);

/** A 1080×1920 still with detail everywhere, so motion and subtitles visibly change pixels. */
export async function writeTestImage(path: string): Promise<void> {
  const w = 1080;
  const h = 1920;
  const circles = Array.from(
    { length: 60 },
    (_, i) => `<circle cx="${(i * 97) % w}" cy="${(i * 211) % h}" r="${20 + (i % 12) * 9}" fill="#fff" opacity="0.45"/>`,
  ).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="#f80"/><stop offset="1" stop-color="#08f"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>${circles}</svg>`;
  await sharp(Buffer.from(svg)).png().toFile(path);
}

/** Mono 22.05 kHz WAV like a TTS engine writes. */
export async function writeSine(path: string, seconds: number, frequency = 440, sampleRate = 22_050): Promise<void> {
  await execFileP('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${frequency}:duration=${seconds}`,
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    path,
  ]);
}

export async function writeAss(path: string, text: string): Promise<void> {
  await writeFile(
    path,
    [
      '[Script Info]',
      'ScriptType: v4.00+',
      'PlayResX: 480',
      'PlayResY: 854',
      '',
      '[V4+ Styles]',
      'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
      'Style: Default,DejaVu Sans,52,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,1,0,0,0,100,100,0,0,1,3,0,2,20,20,120,1',
      '',
      '[Events]',
      'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
      `Dialogue: 0,0:00:00.00,0:00:10.00,Default,,0,0,0,,${text}`,
      '',
    ].join('\n'),
  );
}

/** One decoded frame as 8-bit luma. */
export async function grayFrame(path: string, index: number): Promise<Buffer> {
  const { stdout } = await execFileP(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${index})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
    { encoding: 'buffer', maxBuffer: 1 << 24 },
  );
  return stdout;
}

export function meanAbsDiff(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

export function countDiffering(a: Buffer, b: Buffer, threshold: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > threshold) n++;
  return n;
}

/** Per-packet MD5s of one stream, copied (not decoded): equal lists mean the bytes were copied. */
export async function packetHashes(path: string, stream: 'v' | 'a'): Promise<string[]> {
  const { stdout } = await execFileP('ffmpeg', ['-v', 'error', '-i', path, '-map', `0:${stream}:0`, '-c', 'copy', '-f', 'framemd5', '-'], {
    maxBuffer: 1 << 24,
  });
  return stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').pop()!.trim());
}

/** Per-frame MD5s of the decoded video. */
export async function decodedFrameHashes(path: string): Promise<string[]> {
  const { stdout } = await execFileP('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:v:0', '-f', 'framemd5', '-'], {
    maxBuffer: 1 << 24,
  });
  return stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').pop()!.trim());
}

/** Decoded audio as interleaved s16 stereo. */
export async function decodeAudio(path: string): Promise<Int16Array> {
  const { stdout } = await execFileP('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:a:0', '-f', 's16le', '-ac', '2', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 26,
  });
  return new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length / 2);
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

export async function frameCount(path: string): Promise<number> {
  const { stdout } = await execFileP('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames', '-of', 'csv=p=0', path]);
  return Number(stdout.trim());
}

export async function streamCount(path: string, type: 'audio' | 'video'): Promise<number> {
  const { stdout } = await execFileP('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', path]);
  return stdout.split('\n').filter((l) => l.trim() === type).length;
}

/** Top-level MP4 box types in file order, walking the box headers from the first byte. */
export async function topLevelAtoms(path: string): Promise<string[]> {
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const types: string[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= fileSize) {
      await fh.read(header, 0, 16, offset);
      let size = header.readUInt32BE(0);
      types.push(header.toString('latin1', 4, 8));
      if (size === 1) size = Number(header.readBigUInt64BE(8));
      else if (size === 0) size = fileSize - offset;
      if (size < 8) break;
      offset += size;
    }
    return types;
  } finally {
    await fh.close();
  }
}

/** PIDs of processes whose command line contains `text` (matched literally). */
export async function pgrep(text: string): Promise<number[]> {
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    const { stdout } = await execFileP('pgrep', ['-f', pattern]);
    return stdout.split('\n').filter(Boolean).map(Number);
  } catch (e) {
    if ((e as { code?: number }).code === 1) return []; // pgrep: nothing matched
    throw e;
  }
}
