import { FFMPEG, runTool } from './run.js';

// Built-in background music, synthesised by ffmpeg so renders need no bundled audio files and no
// network: soft chord pads. One seamless loop is written as PCM (AAC would add a gap at every loop
// point); the mix loops it to the reel's length. Users' own tracks come with uploads.

export type MusicTrack = 'CALM' | 'UPBEAT';

interface Track {
  /** Loop length in seconds; every frequency × loop is a whole number, so the loop is seamless. */
  loopS: number;
  notes: number[];
  pulseHz: number;
  depth: number;
}

const TRACKS: Record<MusicTrack, Track> = {
  // A minor, one slow swell per loop.
  CALM: { loopS: 8, notes: [110, 220, 261.625, 329.625], pulseHz: 0.125, depth: 0.35 },
  // C major, a gentle pulse at 120 bpm.
  UPBEAT: { loopS: 4, notes: [130.75, 261.75, 329.75, 392], pulseHz: 2, depth: 0.5 },
};

function expression(track: Track, detuneHz: number): string {
  const voices = track.notes.map((f) => `sin(2*PI*${f + detuneHz}*t)`).join('+');
  const gain = (0.5 / track.notes.length).toFixed(4);
  return `${gain}*(${voices})*(${(1 - track.depth).toFixed(2)}+${track.depth}*(0.5+0.5*sin(2*PI*${track.pulseHz}*t)))`;
}

/** Writes one loop of the track as a stereo WAV (right channel a loop-safe detune for width). */
export async function generateMusicLoop(o: { track: MusicTrack; outPath: string; signal?: AbortSignal }): Promise<void> {
  const track = TRACKS[o.track];
  const source = `aevalsrc=exprs='${expression(track, 0)}|${expression(track, 1 / track.loopS)}':s=44100:d=${track.loopS}`;
  await runTool(
    FFMPEG,
    ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-af', 'lowpass=f=2500', '-c:a', 'pcm_s16le', o.outPath],
    o.signal,
  );
}
