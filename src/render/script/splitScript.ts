// Offline script writer: the user's own text, split into scenes by sentence groups.
import { MAX_NARRATION_CHARS, MAX_SCRIPT_SCENES } from './schema.js';

export interface SplitScene {
  narration: string;
}

/** Recorded as the writer of scripts split from the user's own text. */
export const OWN_TEXT_WRITER = 'own-text/sentence-split';

/** Scene counts asked of the writers, and what the splitter aims for in a text of ordinary length. */
export const MIN_SCENES = 4;
export const MAX_SCENES = 10;
/** About how many words one scene should narrate (≈ 8–10 s of speech). */
const WORDS_PER_SCENE = 25;
/**
 * Past ten scenes, a longer text gets more scenes of about this many characters (≈ 40 s of speech),
 * and a sentence longer than this is cut (at word boundaries) into scenes of its own.
 */
const LONG_SCENE_CHARS = 700;

export interface SplitLimits {
  /** Most scenes a script holds. */
  maxScenes: number;
  /** Most characters (UTF-16 code units, as the API counts them) a scene narrates. */
  maxChars: number;
}

const DEFAULT_LIMITS: SplitLimits = { maxScenes: MAX_SCRIPT_SCENES, maxChars: MAX_NARRATION_CHARS };

function segmenter(language: string, granularity: 'sentence' | 'word' | 'grapheme'): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language, { granularity });
  } catch {
    return new Intl.Segmenter('en', { granularity });
  }
}

/** A sentence (or a piece of one) and the space that followed it in the text ('' between CJK sentences). */
interface Part {
  text: string;
  space: string;
}

/**
 * ICU's sentences (UAX #29 with the language's rules): they end at . ! ? … and at । ॥ ؟ ۔ 。 ！ ？, and
 * never inside a grapheme. Whitespace is collapsed first: ICU ends a sentence at every line break,
 * which would cut a hard-wrapped sentence in two ("paragraphs never matter, only sentences").
 */
function sentences(text: string, language: string): Part[] {
  return [...segmenter(language, 'sentence').segment(text.replace(/\s+/g, ' ').trim())].map(({ segment }) => {
    const trimmed = segment.trimEnd();
    return { text: trimmed, space: segment.slice(trimmed.length) };
  });
}

/**
 * A sentence longer than `maxChars` cut into as few, as even, pieces as fit: at word boundaries (ICU's
 * dictionaries find them in Chinese, Japanese and Thai too), or between graphemes inside a single
 * over-long word, so no emoji sequence or letter with its marks is ever split. Cut points are looked
 * up (`containing`), not every segment walked: V8 takes ~50 µs per grapheme of a long string.
 */
function chunks(sentence: Part, language: string, maxChars: number): Part[] {
  const text = sentence.text;
  if (text.length <= maxChars) return [sentence];
  const words = segmenter(language, 'word').segment(text);
  const graphemes = segmenter(language, 'grapheme').segment(text);
  const target = Math.ceil(text.length / Math.ceil(text.length / maxChars));
  const out: Part[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const desired = start + target;
    let cut = words.containing(desired)!.index;
    if (cut <= start) {
      const g = graphemes.containing(desired)!;
      cut = g.index > start ? g.index : g.index + g.segment.length;
    }
    const piece = text.slice(start, cut).trimEnd();
    const next = cut + (text[cut] === ' ' ? 1 : 0);
    out.push({ text: piece, space: text.slice(start + piece.length, next) });
    start = next;
  }
  out.push({ text: text.slice(start), space: sentence.space });
  return out.filter((p) => p.text.length > 0);
}

function wordCount(s: string, words: Intl.Segmenter): number {
  let n = 0;
  for (const w of words.segment(s)) if (w.isWordLike) n++;
  return Math.max(1, n);
}

/** Consecutive groups whose words stay under `cap` (and characters under maxChars): how they fall. */
function pack(parts: Part[], weights: number[], cap: number, maxChars: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let words = 0;
  let chars = 0; // of the group's parts with the space after each
  weights.forEach((w, i) => {
    const len = parts[i]!.text.length;
    if (group.length > 0 && (words + w > cap || chars + len > maxChars)) {
      groups.push(group);
      group = [];
      words = 0;
      chars = 0;
    }
    chars += len + parts[i]!.space.length;
    group.push(i);
    words += w;
  });
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Evens out neighbouring groups (a min-max packing leaves its remainder in the last one): moves a
 * boundary sentence to the lighter neighbour while that narrows their difference and keeps both
 * within the caps.
 */
function smooth(groups: number[][], weights: number[], parts: Part[], cap: number, maxChars: number): void {
  const words = (g: number[]) => g.reduce((a, i) => a + weights[i]!, 0);
  const chars = (g: number[]) => g.reduce((a, i) => a + parts[i]!.text.length + parts[i]!.space.length, 0);
  const fits = (g: number[]) => words(g) <= cap && chars(g) <= maxChars + 1;
  for (let pass = 0, moved = true; moved && pass < 4 * groups.length; pass++) {
    moved = false;
    for (let k = 0; k + 1 < groups.length; k++) {
      const [a, b] = [groups[k]!, groups[k + 1]!];
      const gap = words(a) - words(b);
      const candidate = gap > 0 ? a.at(-1)! : b[0]!;
      const [from, to] = gap > 0 ? [a, b] : [b, a];
      if (from.length < 2 || Math.abs(gap) <= weights[candidate]!) continue;
      const next = gap > 0 ? [candidate, ...to] : [...to, candidate];
      if (!fits(next)) continue;
      if (gap > 0) {
        a.pop();
        b.unshift(candidate);
      } else {
        b.shift();
        a.push(candidate);
      }
      moved = true;
    }
  }
}

/**
 * Splits text into scenes of whole sentences with balanced length: about one scene per 25 words,
 * 4–10 scenes for a text of ordinary length; a longer one gets more scenes of about 700 characters,
 * up to `maxScenes` (a 20,000-character text: about 29). A text of fewer than four sentences gets one
 * scene per sentence (a one-sentence text is one scene). Only a sentence longer than `maxChars` is cut,
 * at word boundaries. Paragraphs never matter, only sentences. Returns [] for blank text, and more
 * than `maxScenes` only when the text cannot fit them (over maxScenes × maxChars / 2 characters).
 */
export function splitScript(text: string, language = 'en', limits: SplitLimits = DEFAULT_LIMITS): SplitScene[] {
  const pieceChars = Math.min(LONG_SCENE_CHARS, limits.maxChars);
  const parts = sentences(text, language).flatMap((s) => chunks(s, language, pieceChars));
  if (parts.length === 0) return [];
  const words = segmenter(language, 'word');
  const weights = parts.map((p) => wordCount(p.text, words));
  const totalWords = weights.reduce((a, b) => a + b, 0);
  const totalChars = parts.reduce((a, p) => a + p.text.length + p.space.length, 0);
  const ordinary = Math.max(MIN_SCENES, Math.min(MAX_SCENES, Math.round(totalWords / WORDS_PER_SCENE)));
  const wanted = Math.min(parts.length, limits.maxScenes, Math.max(ordinary, Math.ceil(totalChars / LONG_SCENE_CHARS)));

  // The smallest word cap that packs into `wanted` groups or fewer: the most even grouping.
  let low = Math.max(...weights);
  let high = totalWords;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (pack(parts, weights, mid, limits.maxChars).length <= wanted) high = mid;
    else low = mid + 1;
  }
  const groups = pack(parts, weights, low, limits.maxChars);
  // Packing under a cap may leave fewer groups than wanted (5 even sentences → 2+2+1): split the
  // heaviest group that has more than one sentence at its most even point until there are enough.
  const weightOf = (g: number[]) => g.reduce((a, i) => a + weights[i]!, 0);
  while (groups.length < wanted) {
    let heaviest = -1;
    for (const [k, g] of groups.entries()) if (g.length > 1 && (heaviest < 0 || weightOf(g) > weightOf(groups[heaviest]!))) heaviest = k;
    if (heaviest < 0) break;
    const g = groups[heaviest]!;
    const total = weightOf(g);
    let best = 1;
    let acc = 0;
    for (let cut = 1; cut < g.length; cut++) {
      acc += weights[g[cut - 1]!]!;
      if (Math.abs(total - 2 * acc) < Math.abs(total - 2 * weightOf(g.slice(0, best)))) best = cut;
    }
    groups.splice(heaviest, 1, g.slice(0, best), g.slice(best));
  }
  smooth(groups, weights, parts, low, limits.maxChars);
  // Sentences keep the space (or none, as between Chinese sentences) that separated them.
  return groups.map((g) => ({
    narration: g
      .map((i) => parts[i]!.text + parts[i]!.space)
      .join('')
      .trimEnd(),
  }));
}

/**
 * A title from the text: its first sentence (by the language's rules, so 。 and । end it too), cut
 * with an ellipsis at a grapheme boundary when longer than `max` code units.
 */
export function firstSentenceTitle(text: string, language = 'en', max = 80): string {
  const first = sentences(text, language)[0]?.text ?? '';
  if (first.length <= max) return first;
  let out = '';
  for (const { segment } of segmenter(language, 'grapheme').segment(first)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}
