// What the models are told. One builder for every provider, so scripts look alike whoever writes them.
import { MAX_SCENES, MIN_SCENES } from './splitScript.js';
import type { Script } from './schema.js';
import type { ScriptMode } from './types.js';

export const DEFAULT_SCENE_COUNT = 6;

/**
 * One illustration style per mode. Every aiImagePrompt of a script carries the same text, so
 * generated images look like one film rather than a slideshow of unrelated pictures.
 */
export const STYLES: Record<ScriptMode, string> = {
  STORY: 'storybook watercolor illustration, soft warm light, muted earthy palette, gentle paper texture, vertical 9:16 composition',
  NEWS: 'clean editorial illustration, flat shapes, restrained blue and grey palette, subtle grain, vertical 9:16 composition',
  EXPLAINER: 'bright flat vector illustration, simple geometric shapes, bold outlines, limited pastel palette, vertical 9:16 composition',
};

export function targetSceneCount(requested?: number): number {
  if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_SCENE_COUNT;
  return Math.min(MAX_SCENES, Math.max(MIN_SCENES, Math.round(requested)));
}

function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

const MODE_RULES: Record<ScriptMode, string> = {
  STORY: [
    'This is a STORY. Tell it as narration by one narrator, in flowing prose: never dialogue, never',
    'speaker labels ("Anna: ..."), never a screenplay. Report what characters say instead of quoting it.',
  ].join(' '),
  NEWS: [
    'This is NEWS. Use only facts you can support from current search results; name dates, places and',
    'people precisely; no speculation and no opinions. If sources disagree, say so.',
  ].join(' '),
  EXPLAINER: [
    'This is an EXPLAINER. One idea per scene, in an order that builds understanding; use concrete',
    'examples and numbers; no jargon without a plain explanation.',
  ].join(' '),
};

export interface PromptInput {
  prompt: string;
  mode: ScriptMode;
  language: string;
  sceneCount?: number;
  /** Overrides the mode's illustration style. */
  style?: string;
}

export interface ScriptPrompt {
  system: string;
  user: string;
  /** The shared illustration style the model was told to use. */
  style: string;
  sceneCount: number;
}

export function buildPrompt(input: PromptInput): ScriptPrompt {
  const sceneCount = targetSceneCount(input.sceneCount);
  const style = input.style?.trim() || STYLES[input.mode];
  const language = languageName(input.language);
  const system = [
    'You write scripts for short vertical videos (30 to 90 seconds) read aloud by a voice-over.',
    'Answer with one JSON object only, no other text, in exactly this shape:',
    '{"title": string, "style": string, "scenes": [{"narration": string, "imageQuery"?: string, "aiImagePrompt"?: string}]}',
    '',
    `Write exactly ${sceneCount} scenes. Each narration is 1 to 3 spoken sentences (at most 40 words):`,
    'only words to be read aloud, no stage directions, no emojis, no hashtags, no markdown.',
    MODE_RULES[input.mode],
    `Write the title and every narration in ${language}.`,
    '',
    'Pictures: every scene gets an imageQuery, an aiImagePrompt, or both.',
    '- When a scene shows a real person, place, event, organisation or product, set imageQuery to the',
    '  words you would type into a photo search to find THAT specific subject, in English: full names,',
    '  place, year and what happens. For example "Malala Yousafzai receiving Nobel Peace Prize 2014",',
    '  not "award ceremony"; "Eiffel Tower at night", not "city at night".',
    '- When a scene needs an illustration (fiction, abstract ideas, anything no photo shows), set',
    '  aiImagePrompt to a description in English of what the picture shows, ending with exactly this',
    `  shared style so every scene looks alike: "${style}".`,
    `Set "style" to that same style text: "${style}".`,
  ].join('\n');
  const user = [`Mode: ${input.mode}`, `Scenes: ${sceneCount}`, `Language: ${language}`, '', 'Topic:', input.prompt.trim()].join('\n');
  return { system, user, style, sceneCount };
}

/** The follow-up message asking a model to fix an answer that failed validation. */
export function repairMessage(error: string): string {
  return [`Your answer was not a valid script: ${error}.`, 'Reply with the corrected JSON object only, in the shape you were given, with no other text.'].join(
    '\n',
  );
}

/**
 * Makes the shared style hold even when a model forgot it: records the style on the script and
 * appends it to any aiImagePrompt that does not already carry it.
 */
export function applySharedStyle(script: Script, style: string): Script {
  const shared = style.trim();
  const needle = shared.toLowerCase();
  return {
    ...script,
    style: shared,
    scenes: script.scenes.map((scene) =>
      scene.aiImagePrompt && !scene.aiImagePrompt.toLowerCase().includes(needle)
        ? { ...scene, aiImagePrompt: `${scene.aiImagePrompt.replace(/[\s.,;]+$/, '')}, ${shared}` }
        : scene,
    ),
  };
}
