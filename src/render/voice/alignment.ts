// Word timings from a per-character alignment (as returned by voice services such as ElevenLabs):
// every word of the text spans the start of its first character to the end of its last.
import type { WordTiming } from '../types.js';

export interface CharacterAlignment {
  characters: readonly string[];
  /** Seconds from the start of the audio, one per character. */
  startTimesSeconds: readonly number[];
  endTimesSeconds: readonly number[];
}

interface Span {
  start: number; // code-unit offsets into the text, end exclusive
  end: number;
}

const HAS_SPOKEN = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s/u;
/** Above this many DP cells (text × alignment) the character match is greedy instead of exact LCS. */
const MAX_LCS_CELLS = 4_000_000;
/** How far ahead the greedy match looks for a character. */
const GREEDY_WINDOW = 24;

/**
 * The words of `text` with their positions: whitespace-separated tokens, punctuation-only tokens joined
 * to a neighbour (as splitWords does), so the words equal splitWords(text) for single-spaced text.
 */
export function wordSpans(text: string): Span[] {
  const tokens: Span[] = [];
  for (const m of text.matchAll(/\S+/gu)) tokens.push({ start: m.index, end: m.index + m[0].length });
  const words: Span[] = [];
  let pending: Span | null = null; // punctuation-only tokens before the first spoken word
  for (const t of tokens) {
    const spoken = HAS_SPOKEN.test(text.slice(t.start, t.end));
    if (spoken) {
      words.push({ start: pending ? pending.start : t.start, end: t.end });
      pending = null;
    } else if (words.length > 0) {
      words[words.length - 1]!.end = t.end;
    } else {
      pending = pending ? { start: pending.start, end: t.end } : { ...t };
    }
  }
  if (pending) words.push(pending);
  return words;
}

/** Problems that make an alignment unusable; null when it is well formed. */
export function alignmentProblem(a: CharacterAlignment): string | null {
  const n = a.characters.length;
  if (n === 0) return 'the alignment has no characters';
  if (a.startTimesSeconds.length !== n || a.endTimesSeconds.length !== n) {
    return `the alignment has ${n} characters but ${a.startTimesSeconds.length} start and ${a.endTimesSeconds.length} end times`;
  }
  for (let i = 0; i < n; i++) {
    const s = a.startTimesSeconds[i]!;
    const e = a.endTimesSeconds[i]!;
    if (typeof a.characters[i] !== 'string') return `alignment character ${i} is not a string`;
    if (!Number.isFinite(s) || !Number.isFinite(e) || s < 0 || e < 0) return `alignment character ${i} has an invalid time`;
  }
  return null;
}

const fold = (c: string) => c.toLowerCase();

/**
 * For each code unit of `text`, the index of the alignment character it corresponds to, or -1.
 * Whitespace never matches. Exact when the alignment spells the text (the usual case); otherwise the
 * longest common subsequence of their characters, so normalised text ("42" → "forty-two") still maps
 * every word it shares.
 */
function mapCharacters(text: string, characters: readonly string[]): Int32Array {
  const map = new Int32Array(text.length).fill(-1);
  // The alignment as code units, each remembering its character.
  const units: string[] = [];
  const owner: number[] = [];
  characters.forEach((c, i) => {
    for (let k = 0; k < c.length; k++) {
      units.push(c[k]!);
      owner.push(i);
    }
  });

  const a: number[] = []; // non-whitespace positions in text
  for (let i = 0; i < text.length; i++) if (!WHITESPACE.test(text[i]!)) a.push(i);
  const b: number[] = []; // non-whitespace positions in units
  for (let j = 0; j < units.length; j++) if (!WHITESPACE.test(units[j]!)) b.push(j);

  const same = a.length === b.length && a.every((i, k) => text[i] === units[b[k]!]);
  if (same) {
    a.forEach((i, k) => {
      map[i] = owner[b[k]!]!;
    });
    return map;
  }

  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return map;
  const ta = a.map((i) => fold(text[i]!));
  const tb = b.map((j) => fold(units[j]!));

  if ((n + 1) * (m + 1) <= MAX_LCS_CELLS) {
    // lcs[i][j]: LCS length of ta[i..] and tb[j..]
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = ta[i] === tb[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (ta[i] === tb[j]) {
        map[a[i]!] = owner[b[j]!]!;
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
    return map;
  }

  // Very long text: match each character to the next equal one a little ahead.
  let j = 0;
  for (let i = 0; i < n && j < m; i++) {
    for (let k = j; k < Math.min(m, j + GREEDY_WINDOW); k++) {
      if (ta[i] === tb[k]) {
        map[a[i]!] = owner[b[k]!]!;
        j = k + 1;
        break;
      }
    }
  }
  return map;
}

const BREAK_TAG = /<break\b[^>]*>/giu;

/**
 * The alignment without the characters of SSML break tags (`<break time="1s" />`), which are sent
 * to the voice for pauses and are not words of the text, whether the service aligns them or not.
 */
export function withoutBreakTags(a: CharacterAlignment): CharacterAlignment {
  const joined = a.characters.join('');
  if (!joined.includes('<')) return a;
  // Code-unit offset where each character starts.
  const starts: number[] = [];
  let at = 0;
  for (const c of a.characters) {
    starts.push(at);
    at += c.length;
  }
  const drop = new Uint8Array(a.characters.length);
  for (const m of joined.matchAll(BREAK_TAG)) {
    const end = m.index + m[0].length;
    for (let i = 0; i < starts.length; i++) if (starts[i]! >= m.index && starts[i]! < end) drop[i] = 1;
  }
  const keep = (_: unknown, i: number) => drop[i] === 0;
  return {
    characters: a.characters.filter(keep),
    startTimesSeconds: a.startTimesSeconds.filter(keep),
    endTimesSeconds: a.endTimesSeconds.filter(keep),
  };
}

/**
 * Word timings for `text` from a character alignment of its audio (break tags in it are ignored). Never empty for text that is not
 * blank. Words whose characters do not appear in the alignment share the time between their
 * neighbours. Times are whole milliseconds, ordered and non-overlapping; `maxMs` caps them.
 */
export function wordsFromAlignment(text: string, alignment: CharacterAlignment, maxMs = Infinity): WordTiming[] {
  const spans = wordSpans(text);
  if (spans.length === 0) return [];
  const aligned = withoutBreakTags(alignment);
  const map = mapCharacters(text, aligned.characters);
  const toMs = (s: number) => Math.round(s * 1000);

  const times = spans.map(({ start, end }) => {
    let from = Infinity;
    let to = -Infinity;
    for (let i = start; i < end; i++) {
      const c = map[i]!;
      if (c < 0) continue;
      from = Math.min(from, toMs(aligned.startTimesSeconds[c]!));
      to = Math.max(to, toMs(aligned.endTimesSeconds[c]!));
    }
    return Number.isFinite(from) ? { from, to: Math.max(from, to) } : null;
  });

  const lastEnd = Math.min(maxMs, toMs(aligned.endTimesSeconds.reduce((x, y) => Math.max(x, y), 0)));
  const firstStart = Math.min(lastEnd, toMs(aligned.startTimesSeconds.reduce((x, y) => Math.min(x, y), Infinity)));
  const words: WordTiming[] = [];
  let prevEnd = 0;
  for (let k = 0; k < spans.length; k++) {
    const word = text.slice(spans[k]!.start, spans[k]!.end);
    const t = times[k];
    if (t) {
      const startMs = Math.min(maxMs, Math.max(prevEnd, t.from));
      const endMs = Math.min(maxMs, Math.max(startMs, t.to));
      words.push({ word, startMs, endMs });
      prevEnd = endMs;
      continue;
    }
    // A run of unmatched words: spread it between the neighbours that matched.
    let r = k;
    while (r < spans.length && !times[r]) r++;
    const from = k === 0 ? firstStart : prevEnd;
    const next = r < spans.length ? times[r]!.from : lastEnd;
    const to = Math.max(from, Math.min(maxMs, next));
    const count = r - k;
    for (let q = 0; q < count; q++) {
      const startMs = from + Math.round(((to - from) * q) / count);
      const endMs = from + Math.round(((to - from) * (q + 1)) / count);
      words.push({ word: text.slice(spans[k + q]!.start, spans[k + q]!.end), startMs, endMs });
    }
    prevEnd = to;
    k = r - 1;
  }
  return words;
}
