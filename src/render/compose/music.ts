import { FFMPEG, runTool } from './run.js';

// Built-in background music, synthesised by ffmpeg so renders need no bundled audio files and no
// network: soft chord pads. Users' own tracks come with uploads.

export type MusicTrack = 'CALM' | 'UPBEAT';

const TRACKS: Record<MusicTrack, { notes: number[]; pulseHz: number; depth: number }> = {
  // A minor, a slow swell.
  CALM: { notes: [110, 220, 261.63, 329.63], pulseHz: 0.125, depth: 0.35 },
  // C major, a gentle pulse at 120 bpm.
  UPBEAT: { notes: [130.81, 261.63, 329.63, 392], pulseHz: 2, depth: 0.5 },
};

function expression(track: MusicTrack, detune: number): string {
  const { notes, pulseHz, depth } = TRACKS[track];
  const voices = notes.map((f) => `sin(2*PI*${(f * detune).toFixed(3)}*t)`).join('+');
  const gain = (0.5 / notes.length).toFixed(4);
  return `${gain}*(${voices})*(${(1 - depth).toFixed(2)}+${depth}*(0.5+0.5*sin(2*PI*${pulseHz}*t)))`;
}

/** Writes `durationMs` of the track as stereo AAC (left and right slightly detuned for width). */
export async function generateMusic(o: { track: MusicTrack; durationMs: number; outPath: string; signal?: AbortSignal }): Promise<void> {
  const seconds = Math.max(0.5, o.durationMs / 1000).toFixed(3);
  const source = `aevalsrc=exprs='${expression(o.track, 1)}|${expression(o.track, 1.003)}':s=44100:d=${seconds}`;
  await runTool(
    FFMPEG,
    ['-hide_banner', '-nostdin', '-y', '-f', 'lavfi', '-i', source, '-af', 'lowpass=f=2500', '-c:a', 'aac', '-b:a', '96k', o.outPath],
    o.signal,
  );
}
