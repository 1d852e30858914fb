// Word timings for voices that report none: spread the measured speech over the words by how long
// each word takes to say. Good enough for karaoke highlighting; exact timings need the provider.
import type { WordTiming } from '../types.js';

/** Every word costs this much on top of its letters (onset, coarticulation, word gap). */
const WORD_BASE = 2;
/** Numbers are read out as several words ("1969" → "nineteen sixty-nine"). */
const DIGIT_WEIGHT = 4;
/** Short all-caps words are spelled out letter by letter ("BC" → "bee see"). */
const SPELLED_LETTER_WEIGHT = 2.5;
const SPELLED = /^\P{L}*\p{Lu}{2,4}\P{L}*$/u;
/** Pauses after punctuation, in the same letter units (≈ 60 ms each at 165 wpm). Calibrated
 * against espeak-ng 1.51: ~400 ms after a sentence, ~300 ms after a comma. */
const SENTENCE_PAUSE = 7;
const CLAUSE_PAUSE = 5;

const HAS_SPOKEN = /[\p{L}\p{N}]/u;
// Closing quotes/brackets may follow the punctuation mark: `"Stop!"`, `(see above).`
const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*$/u;
const CLAUSE_END = /[,;:—–،、，；：]["'”’»)\]]*$/u;

/**
 * Splits text into the words a subtitle shows, keeping their punctuation. Tokens with nothing
 * speakable (a lone dash, an ellipsis) join a neighbour so every word is actually heard.
 * Never empty for text that is not blank.
 */
export function splitWords(text: string): string[] {
  const tokens = text.split(/\s+/u).filter((t) => t.length > 0);
  const words: string[] = [];
  let pending = ''; // punctuation-only tokens seen before the first spoken word
  for (const t of tokens) {
    if (HAS_SPOKEN.test(t)) {
      words.push(pending ? `${pending} ${t}` : t);
      pending = '';
    } else if (words.length > 0) {
      words[words.length - 1] += ` ${t}`;
    } else {
      pending = pending ? `${pending} ${t}` : t;
    }
  }
  if (pending) words.push(pending); // text with no letters at all: still one "word"
  return words;
}

function spokenWeight(word: string): number {
  let w = WORD_BASE;
  const letter = SPELLED.test(word) ? SPELLED_LETTER_WEIGHT : 1;
  for (const ch of word) {
    if (/\p{N}/u.test(ch)) w += DIGIT_WEIGHT;
    else if (/\p{L}/u.test(ch)) w += letter;
  }
  return w;
}

function pauseAfter(word: string): number {
  if (SENTENCE_END.test(word)) return SENTENCE_PAUSE;
  if (CLAUSE_END.test(word)) return CLAUSE_PAUSE;
  return 0;
}

export interface SpeechSpan {
  /** Where audible speech begins and ends inside the audio (silence trimmed). */
  startMs: number;
  endMs: number;
}

/**
 * Estimates when each word of `text` is heard in audio of `durationMs`. Words are laid end to end
 * (with gaps for punctuation pauses) over `speech` — or the whole audio — in proportion to their
 * length. The result is ordered, non-overlapping, inside [0, durationMs], the first word starts
 * where speech starts and the last ends where it ends.
 */
export function estimateTimings(text: string, durationMs: number, speech?: SpeechSpan): WordTiming[] {
  const words = splitWords(text);
  if (words.length === 0) return [];
  const total = Math.max(0, Math.round(durationMs));
  let start = Math.min(Math.max(0, speech?.startMs ?? 0), total);
  let end = Math.min(Math.max(start, speech?.endMs ?? total), total);
  if (end <= start) {
    // Nothing measurable was detected: fall back to the whole audio.
    start = 0;
    end = total;
  }

  const spoken = words.map(spokenWeight);
  const pauses = words.map((w, i) => (i < words.length - 1 ? pauseAfter(w) : 0));
  const weight = spoken.reduce((a, b) => a + b, 0) + pauses.reduce((a, b) => a + b, 0);
  const msPerUnit = (end - start) / weight;

  // Round cumulative positions, not durations, so rounding never accumulates or reorders.
  const result: WordTiming[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i++) {
    const wordStart = start + Math.round(cursor * msPerUnit);
    cursor += spoken[i]!;
    const wordEnd = i === words.length - 1 ? end : start + Math.round(cursor * msPerUnit);
    cursor += pauses[i]!;
    result.push({ word: words[i]!, startMs: wordStart, endMs: wordEnd });
  }
  return result;
}
