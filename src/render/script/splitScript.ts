// Offline script writer: the user's own text, split into scenes by sentence groups.

export interface SplitScene {
  narration: string;
}

/** Recorded as the writer of scripts split from the user's own text. */
export const OWN_TEXT_WRITER = 'own-text/sentence-split';

export const MIN_SCENES = 4;
export const MAX_SCENES = 10;
/** About how many words one scene should narrate (≈ 8–10 s of speech). */
const WORDS_PER_SCENE = 25;

function sentences(text: string, language: string): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  // Whitespace is collapsed first: ICU ends a sentence at every line break, which would cut a
  // hard-wrapped sentence in two ("paragraphs never matter, only sentences").
  return [...segmenter.segment(text.replace(/\s+/g, ' '))].map((s) => s.segment.trim()).filter((s) => s.length > 0);
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * Splits text into 4–10 scenes of whole sentences with balanced length. Fewer sentences than four
 * give one scene each; paragraphs never matter, only sentences.
 */
export function splitScript(text: string, language = 'en'): SplitScene[] {
  const parts = sentences(text, language);
  if (parts.length === 0) return [];
  const words = parts.map(wordCount);
  const total = words.reduce((a, b) => a + b, 0);
  const wanted = Math.min(parts.length, Math.max(MIN_SCENES, Math.min(MAX_SCENES, Math.round(total / WORDS_PER_SCENE))));
  // Greedy contiguous grouping: close a group once it reaches its share of the remaining words,
  // while leaving at least one sentence for every group still to come.
  const scenes: SplitScene[] = [];
  let i = 0;
  let remainingWords = total;
  for (let g = 0; g < wanted; g++) {
    const groupsLeft = wanted - g;
    const target = remainingWords / groupsLeft;
    const group: string[] = [];
    let groupWords = 0;
    while (i < parts.length) {
      const sentencesLeftAfter = parts.length - (i + 1);
      const mustLeave = groupsLeft - 1;
      if (group.length > 0 && (sentencesLeftAfter < mustLeave || groupWords + words[i]! / 2 > target)) break;
      group.push(parts[i]!);
      groupWords += words[i]!;
      i++;
      if (groupsLeft === 1) continue;
      if (parts.length - i <= mustLeave) break;
    }
    remainingWords -= groupWords;
    scenes.push({ narration: group.join(' ') });
  }
  return scenes;
}
