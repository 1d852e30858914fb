// Shared shapes of the media pipeline. Nothing here knows of GraphQL, BullMQ or the database.

export interface Size {
  width: number;
  height: number;
}

export const RESOLUTIONS = {
  P480: { width: 480, height: 854 },
  P720: { width: 720, height: 1280 },
} as const satisfies Record<string, Size>;
export type ResolutionName = keyof typeof RESOLUTIONS;

export type Preset = 'ULTRAFAST' | 'VERYFAST' | 'FAST';
export type SubtitleStyleName = 'KARAOKE' | 'WORD' | 'PLAIN';

/** One spoken word and when it is heard, relative to the start of its scene's audio. */
export interface WordTiming {
  word: string;
  startMs: number;
  endMs: number;
}

export interface VoiceResult {
  /** Audio file written into the caller's directory. */
  audioPath: string;
  mime: string;
  durationMs: number;
  /** Never empty for non-empty text: estimated when the provider gives no timings. */
  words: WordTiming[];
  /** 'provider' (from the service) or 'estimated'. */
  timingSource: 'provider' | 'estimated';
  provider: string;
  /** The provider's voice that spoke, when it chose one itself. */
  voice?: string;
  /** Why that voice is not the script's language's own (none installed, or it cannot read the text). */
  voiceFallback?: string;
}

export interface VoiceOptions {
  language: string;
  voice?: string | null;
  /** Directory the audio is written into (the job's temp dir). */
  outDir: string;
}

export interface VoiceProvider {
  readonly name: string;
  synthesize(text: string, options: VoiceOptions): Promise<VoiceResult>;
}

export interface ImageFile {
  path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

/** Thrown for failures that retrying cannot fix (bad input, unreadable media). */
export class PermanentMediaError extends Error {
  override name = 'PermanentMediaError';
}
