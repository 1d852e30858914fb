// Word timings from per-character alignments: exact when the alignment spells the text, sensible when not.
import { describe, expect, it } from 'vitest';
import { alignmentProblem, type CharacterAlignment, withoutBreakTags, wordsFromAlignment, wordSpans } from '../../src/render/voice/alignment.js';
import { splitWords } from '../../src/render/voice/estimateTimings.js';

/** Character i at [i·100, i·100 + 80] ms. */
function aligned(text: string): CharacterAlignment {
  const characters = [...text];
  return {
    characters,
    startTimesSeconds: characters.map((_, i) => i * 0.1),
    endTimesSeconds: characters.map((_, i) => i * 0.1 + 0.08),
  };
}

describe('wordsFromAlignment', () => {
  it('gives the same words as splitWords, punctuation-only tokens joined to a neighbour', () => {
    for (const text of ['Wait — what?', '— Go now', 'Hello ... world', '«Bonjour», dit-il.', '...']) {
      const spans = wordSpans(text);
      expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(splitWords(text));
      expect(wordsFromAlignment(text, aligned(text)).map((w) => w.word)).toEqual(splitWords(text));
    }
  });

  it('spans each word from its first to its last character, punctuation included', () => {
    // W0 a1 i2 t3 _4 —5 _6 w7 h8 a9 t10 ?11
    expect(wordsFromAlignment('Wait — what?', aligned('Wait — what?'))).toEqual([
      { word: 'Wait —', startMs: 0, endMs: 580 },
      { word: 'what?', startMs: 700, endMs: 1180 },
    ]);
  });

  it('counts characters outside the Basic Multilingual Plane as one alignment entry', () => {
    const text = 'Go 🚀 now';
    // 8 characters as the service counts them (the rocket is one), 9 UTF-16 code units.
    const words = wordsFromAlignment(text, aligned(text));
    expect(words).toEqual([
      { word: 'Go 🚀', startMs: 0, endMs: 380 },
      { word: 'now', startMs: 500, endMs: 780 },
    ]);
  });

  it('ignores whitespace differences between the text and the alignment', () => {
    const words = wordsFromAlignment('one two', aligned('one  two\n'));
    expect(words).toEqual([
      { word: 'one', startMs: 0, endMs: 280 },
      { word: 'two', startMs: 500, endMs: 780 },
    ]);
  });

  it('matches case-insensitively and spreads unmatched words between their neighbours', () => {
    const words = wordsFromAlignment('In 1969 MEN landed', aligned('in nineteen sixty nine men landed'));
    expect(words.map((w) => w.word)).toEqual(['In', '1969', 'MEN', 'landed']);
    expect(words[0]).toEqual({ word: 'In', startMs: 0, endMs: 180 });
    expect(words[3]!.endMs).toBe(3280);
    for (let i = 1; i < words.length; i++) {
      expect(words[i]!.startMs).toBeGreaterThanOrEqual(words[i - 1]!.endMs);
      expect(words[i]!.endMs).toBeGreaterThanOrEqual(words[i]!.startMs);
    }
  });

  it('never returns nothing for non-blank text, even when no character matches', () => {
    const words = wordsFromAlignment('Привет мир', aligned('hello world'));
    expect(words.map((w) => w.word)).toEqual(['Привет', 'мир']);
    expect(words[0]!.startMs).toBe(0);
    expect(words[1]!.endMs).toBe(1080);
    expect(words[0]!.endMs).toBe(words[1]!.startMs);
  });

  it('caps times at the audio duration', () => {
    const words = wordsFromAlignment('ab cd', aligned('ab cd'), 250);
    expect(words).toEqual([
      { word: 'ab', startMs: 0, endMs: 180 },
      { word: 'cd', startMs: 250, endMs: 250 },
    ]);
  });

  it('is empty only for blank text', () => {
    expect(wordsFromAlignment('   ', aligned('x'))).toEqual([]);
  });
});

describe('alignmentProblem', () => {
  it('accepts a well-formed alignment and names what is wrong otherwise', () => {
    expect(alignmentProblem(aligned('ok'))).toBeNull();
    expect(alignmentProblem({ characters: [], startTimesSeconds: [], endTimesSeconds: [] })).toMatch(/no characters/);
    expect(alignmentProblem({ characters: ['a'], startTimesSeconds: [0, 1], endTimesSeconds: [1] })).toMatch(/1 characters but 2 start/);
    expect(alignmentProblem({ characters: ['a'], startTimesSeconds: [Number.NaN], endTimesSeconds: [1] })).toMatch(/invalid time/);
    expect(alignmentProblem({ characters: ['a'], startTimesSeconds: [-1], endTimesSeconds: [1] })).toMatch(/invalid time/);
  });
});

describe('withoutBreakTags', () => {
  const align = (chars: string[], starts: number[]) => ({ characters: chars, startTimesSeconds: starts, endTimesSeconds: starts.map((s) => s + 0.05) });

  it('drops the characters of break tags, however the service splits them', () => {
    const text = 'ab <break time="1s" /> c';
    const a = align(
      [...text],
      [...text].map((_, i) => i / 10),
    );
    const b = withoutBreakTags(a);
    expect(b.characters.join('')).toBe('ab  c');
    expect(b.startTimesSeconds).toEqual([0, 0.1, 0.2, 2.2, 2.3]);
    // Multi-character entries: a tag in one entry goes whole.
    expect(withoutBreakTags(align(['a', '<break time="1s" />', 'b'], [0, 0.1, 1.1])).characters).toEqual(['a', 'b']);
  });

  it('times words the same whether the alignment has the tag or not', () => {
    const withTag = align(['H', 'i', ' ', '<break time="1s" />', ' ', 'y', 'o'], [0, 0.1, 0.2, 0.2, 1.2, 1.2, 1.3]);
    const without = align(['H', 'i', ' ', 'y', 'o'], [0, 0.1, 0.2, 1.2, 1.3]);
    expect(wordsFromAlignment('Hi yo', withTag)).toEqual(wordsFromAlignment('Hi yo', without));
    expect(wordsFromAlignment('Hi yo', withTag)).toEqual([
      { word: 'Hi', startMs: 0, endMs: 150 },
      { word: 'yo', startMs: 1200, endMs: 1350 },
    ]);
  });
});
