// The shape a model must answer with, and the parser that turns its text into that shape.
import { z } from 'zod';
import { pauseProblems } from '../voice/pauses.js';

export const MAX_TITLE_CHARS = 200;
export const MAX_NARRATION_CHARS = 2_000;
export const MAX_SCRIPT_SCENES = 30;

// Models often write null or "" for a field they mean to leave out; both count as absent.
const optionalText = (max: number) =>
  z.preprocess((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), z.string().trim().max(max).optional());

export const sceneSchema = z.object({
  // A writer's bad pause mark is a wrong shape like any other: the repair request names it.
  narration: z
    .string()
    .trim()
    .min(1)
    .max(MAX_NARRATION_CHARS)
    .superRefine((text, ctx) => {
      for (const message of pauseProblems(text)) ctx.addIssue({ code: 'custom', message });
    }),
  /** Search words for a real photo of a specific subject. */
  imageQuery: optionalText(300),
  /** Prompt for a generated illustration, ending with the script's shared style. */
  aiImagePrompt: optionalText(2_000),
});

export const scriptSchema = z.object({
  title: z.string().trim().min(1).max(MAX_TITLE_CHARS),
  scenes: z.array(sceneSchema).min(1).max(MAX_SCRIPT_SCENES),
  /** The one illustration style every aiImagePrompt carries. */
  style: optionalText(500),
});

export type Script = z.infer<typeof scriptSchema>;
export type ScriptScene = z.infer<typeof sceneSchema>;

export type ParseResult = { ok: true; script: Script } | { ok: false; error: string };

/** The JSON text inside an answer: a ```json fence, the whole answer, or its outermost braces. */
function jsonCandidate(text: string): string | undefined {
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  if (fenced?.[1]?.trim()) return fenced[1].trim();
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  // Grounded answers cannot use JSON mode and sometimes wrap the object in prose.
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  return start >= 0 && end > start ? trimmed.slice(start, end + 1) : undefined;
}

function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 8).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  const more = error.issues.length > 8 ? `; and ${error.issues.length - 8} more` : '';
  return issues.join('; ') + more;
}

/** Extracts and validates a script; the error names what was wrong, for logs and repair requests. */
export function parseScript(text: string | undefined | null): ParseResult {
  if (!text?.trim()) return { ok: false, error: 'the answer was empty' };
  const candidate = jsonCandidate(text);
  if (candidate === undefined) return { ok: false, error: 'no JSON object found in the answer' };
  let value: unknown;
  try {
    value = JSON.parse(candidate);
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
  const result = scriptSchema.safeParse(value);
  if (!result.success) return { ok: false, error: `wrong shape: ${describeIssues(result.error)}` };
  return { ok: true, script: result.data };
}
