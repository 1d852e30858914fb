// Shapes shared by the script writers. Nothing here knows of GraphQL, BullMQ or the database.
import type { Script } from './schema.js';

/** Same values as the ScriptMode enum of the data model, repeated so src/render stays standalone. */
export type ScriptMode = 'STORY' | 'NEWS' | 'EXPLAINER';

export interface Source {
  title: string;
  url: string;
}

export interface WriteRequest {
  /** The user's topic or text. */
  prompt: string;
  mode: ScriptMode;
  /** BCP 47 tag of the narration, e.g. "en", "de-AT". */
  language: string;
  /** Target number of scenes (clamped to 4–10 by the prompt builder). */
  sceneCount: number;
  /** Model to call; absent → the writer's default. Writers bound by buildWriterChain set it. */
  model?: string;
  /** Gemini only: ground on Google Search. Absent → grounded for NEWS. */
  grounded?: boolean;
}

export interface WrittenScript {
  script: Script;
  /** The model that wrote it, as the provider names it. */
  model: string;
  /** Web pages the answer was grounded on (Gemini + Google Search); empty otherwise. */
  sources: Source[];
}

export interface ScriptWriter {
  readonly name: string;
  write(request: WriteRequest): Promise<WrittenScript>;
}
