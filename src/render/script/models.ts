// Which model writes a script: one table, in code, by use case and complexity. Keys decide only
// which rows can run, never which model a row names (no model names in the environment).
import type { ScriptMode } from './types.js';

export type Provider = 'gemini' | 'groq';

export interface WriterChoice {
  provider: Provider;
  model: string;
  /** Gemini + Google Search grounding (answers cite current web pages). */
  grounded: boolean;
}

export const GEMINI_FLASH = 'gemini-2.5-flash';
export const GEMINI_PRO = 'gemini-2.5-pro';
/** Llama 4 Maverick on Groq. Not Llama 3.3 70B: Maverick writes better narration at similar speed. */
export const GROQ_MAVERICK = 'meta-llama/llama-4-maverick-17b-128e-instruct';

const flashSearch: WriterChoice = { provider: 'gemini', model: GEMINI_FLASH, grounded: true };
const proSearch: WriterChoice = { provider: 'gemini', model: GEMINI_PRO, grounded: true };
const flash: WriterChoice = { provider: 'gemini', model: GEMINI_FLASH, grounded: false };
const pro: WriterChoice = { provider: 'gemini', model: GEMINI_PRO, grounded: false };
const maverick: WriterChoice = { provider: 'groq', model: GROQ_MAVERICK, grounded: false };

export type UseCase = 'current-facts' | 'story' | 'explainer';
export type Complexity = 'simple' | 'complex';

/**
 * The fallback chain for each use case and complexity, first choice first.
 *
 * - current facts (NEWS, or a prompt about recent events): grounded Gemini only. Groq cannot
 *   search, and an ungrounded model would invent "current" facts; with no Gemini key the caller
 *   falls back to the user's own text. Flash first (fast, search-grounded); Pro for long or many
 *   scenes. The other Gemini model is the fallback: its rate limits are counted separately.
 * - short STORY: Groq Maverick first. Stories need no facts, and Maverick is fast and cheap for
 *   narration. This is the one row where Groq leads: "prefer Gemini where either serves" breaks
 *   ties the table leaves open, and this row is not open. Gemini Flash is its fallback.
 * - short EXPLAINER: either serves, so Gemini Flash first (better at accurate explanations),
 *   Groq Maverick second.
 * - complex (more than 8 scenes, a long prompt, or an EXPLAINER of a long prompt): Gemini Pro,
 *   then Flash, then Maverick.
 */
export const MODEL_TABLE: Record<UseCase, Record<Complexity, readonly WriterChoice[]>> = {
  'current-facts': { simple: [flashSearch, proSearch], complex: [proSearch, flashSearch] },
  story: { simple: [maverick, flash], complex: [pro, flash, maverick] },
  explainer: { simple: [flash, maverick], complex: [pro, flash, maverick] },
};

/** More scenes than this is a long script. */
export const MANY_SCENES = 8;
/** A prompt longer than this (a pasted article, say) is complex for any mode. */
export const LONG_PROMPT_CHARS = 2_000;
/** Explaining needs more reasoning than telling: an EXPLAINER prompt this long is complex. */
export const LONG_EXPLAINER_PROMPT_CHARS = 400;

// English cues that a prompt asks about things newer than any model's training data.
const CURRENT_WORDS =
  /\b(latest|today|tonight|yesterday|this (week|month|year)|last (week|month)|recent(ly)?|currently|right now|breaking|news|upcoming|so far this)\b/i;

/** NEWS, or a prompt naming recent times or this or last year. */
export function needsCurrentFacts(mode: ScriptMode, prompt: string, now = new Date()): boolean {
  if (mode === 'NEWS') return true;
  if (CURRENT_WORDS.test(prompt)) return true;
  const recent = now.getUTCFullYear() - 1;
  return [...prompt.matchAll(/\b(20\d\d)\b/g)].some((m) => Number(m[1]) >= recent);
}

export function useCaseOf(mode: ScriptMode, prompt: string, now?: Date): UseCase {
  if (needsCurrentFacts(mode, prompt, now)) return 'current-facts';
  return mode === 'EXPLAINER' ? 'explainer' : 'story';
}

export function complexityOf(mode: ScriptMode, prompt: string, sceneCount: number): Complexity {
  const chars = prompt.trim().length;
  if (sceneCount > MANY_SCENES || chars > LONG_PROMPT_CHARS) return 'complex';
  if (mode === 'EXPLAINER' && chars > LONG_EXPLAINER_PROMPT_CHARS) return 'complex';
  return 'simple';
}

export interface ChooseWritersInput {
  mode: ScriptMode;
  prompt: string;
  sceneCount: number;
  /** Which providers have a key. */
  available: { gemini: boolean; groq: boolean };
  now?: Date;
}

/**
 * The chain to try, in order: the table's row for this request, without providers that have no
 * key. Empty when nothing suitable has a key; the caller then uses the offline writer.
 */
export function chooseWriters(input: ChooseWritersInput): WriterChoice[] {
  const row = MODEL_TABLE[useCaseOf(input.mode, input.prompt, input.now)][complexityOf(input.mode, input.prompt, input.sceneCount)];
  return row.filter((c) => input.available[c.provider]).map((c) => ({ ...c }));
}

/** How a choice is named in logs and errors, e.g. "gemini:gemini-2.5-flash+search". */
export function choiceLabel(choice: WriterChoice): string {
  return `${choice.provider}:${choice.model}${choice.grounded ? '+search' : ''}`;
}
