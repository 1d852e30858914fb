// The narration field as the API accepts it: its length, and pause marks it can speak.
import { z } from 'zod';
import { pauseProblems } from '../../render/voice/pauses.js';
import { LIMITS } from '../../resolvers/limits.js';

export const NARRATION_DESCRIPTION =
  'What the voice says. `[pause 0.5s]` or `[pause 500ms]` (0.1–5 s) is a pause of that length: ' +
  'silence for every voice, never shown in the subtitles or the title card.';

/** Each bad pause mark is an issue of its own, naming the mark and where it is. */
export function checkPauses(text: string, ctx: z.RefinementCtx): void {
  for (const message of pauseProblems(text)) ctx.addIssue({ code: 'custom', message });
}

export const narration = z.string().max(LIMITS.narration, `must be at most ${LIMITS.narration} characters`).superRefine(checkPauses);
