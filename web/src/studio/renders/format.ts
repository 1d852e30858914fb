// How renders read in the studio: durations, options, stage names.

/** "850 ms", "4.2 s", "1 min 05 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export const PRESETS = [
  { value: 'ULTRAFAST', label: 'Ultrafast', hint: 'quickest encode, largest file' },
  { value: 'VERYFAST', label: 'Very fast', hint: 'a good balance' },
  { value: 'FAST', label: 'Fast', hint: 'slower encode, smaller file' },
] as const;
export const RESOLUTIONS = [
  { value: 'P480', label: '480p', hint: '480×854' },
  { value: 'P720', label: '720p', hint: '720×1280' },
] as const;
export const SUBTITLE_STYLES = [
  { value: 'KARAOKE', label: 'Karaoke', hint: 'each word lights up as it is spoken' },
  { value: 'WORD', label: 'Word', hint: 'one word at a time' },
  { value: 'PLAIN', label: 'Plain', hint: 'the whole line' },
] as const;
export const MUSIC_TRACKS = [
  { value: 'CALM', label: 'Calm', hint: 'a slow, soft chord pad' },
  { value: 'UPBEAT', label: 'Upbeat', hint: 'a brighter pad with a gentle pulse' },
] as const;

function labelOf(list: readonly { value: string; label: string }[], value: unknown): string | null {
  return list.find((o) => o.value === value)?.label ?? (typeof value === 'string' ? value : null);
}

interface StoredOptions {
  preset?: string;
  resolution?: string;
  fps?: number;
  voice?: string | null;
  subtitleStyle?: string;
  music?: { track: string; volume?: number } | null;
}

/** A render's options (as stored, defaults applied) in a few words each. */
export function optionsSummary(raw: unknown): string[] {
  const o = (raw && typeof raw === 'object' ? raw : {}) as StoredOptions;
  return [
    labelOf(RESOLUTIONS, o.resolution),
    o.fps ? `${o.fps} fps` : null,
    labelOf(PRESETS, o.preset),
    o.subtitleStyle ? `${labelOf(SUBTITLE_STYLES, o.subtitleStyle)} subtitles` : null,
    o.voice ? `voice ${o.voice}` : 'default voice',
    o.music ? `${labelOf(MUSIC_TRACKS, o.music.track)} music ${Math.round((o.music.volume ?? 0.15) * 100)}%` : 'no music',
  ].filter((s): s is string => Boolean(s));
}

const KIND_LABELS: Record<string, string> = {
  media: 'Picture',
  voice: 'Voice',
  segment: 'Segment',
  soundtrack: 'Soundtrack',
  stitch: 'Stitch',
  upload: 'Store',
};

/** A stage name ("voice:2", "stitch") as its kind, its scene's 0-based place and a label. */
export function parseStage(name: string): { kind: string; scene: number | null; label: string } {
  const [kind = name, pos] = name.split(':');
  return { kind, scene: pos === undefined ? null : Number(pos), label: KIND_LABELS[kind] ?? kind };
}

/** How a stage looks: its status, and SUCCEEDED split into made now and reused from an earlier render. */
export type StageLook = 'pending' | 'running' | 'done' | 'reused' | 'failed' | 'cancelled' | 'skipped';

export function lookOf(stage: { status: string; detail: unknown }, renderStatus?: string): StageLook {
  // A cancelled render's unfinished stages never run, whatever their row says yet.
  if (renderStatus === 'CANCELLED' && (stage.status === 'PENDING' || stage.status === 'RUNNING')) return 'cancelled';
  switch (stage.status) {
    case 'RUNNING':
      return 'running';
    case 'SUCCEEDED':
      return (stage.detail as { reused?: unknown } | null)?.reused === true ? 'reused' : 'done';
    case 'FAILED':
      return 'failed';
    case 'CANCELLED':
      return 'cancelled';
    case 'SKIPPED':
      return 'skipped';
    default:
      return 'pending';
  }
}

export const LOOK_LABELS: Record<StageLook, string> = {
  pending: 'waiting',
  running: 'running',
  done: 'done',
  reused: 'reused',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
};

/** The feed's id of a render's reel: the same row, named as a Reel (ids are base64 "Type:uuid"). */
export function reelIdOf(renderId: string): string {
  try {
    const raw = atob(renderId).split(':')[1];
    return raw ? btoa(`Reel:${raw}`) : renderId;
  } catch {
    return renderId;
  }
}

export const RENDER_STATUS_BADGE: Record<string, string> = {
  QUEUED: 'badge',
  RUNNING: 'badge badge-warn',
  SUCCEEDED: 'badge badge-ok',
  FAILED: 'badge badge-danger',
  CANCELLED: 'badge',
};
