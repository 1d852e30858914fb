import { describe, expect, it } from 'vitest';
import { estimateTimings, splitWords } from '../../src/render/voice/estimateTimings.js';

function expectContiguousOrder(ws: { startMs: number; endMs: number }[]) {
  for (let i = 0; i < ws.length; i++) {
    expect(ws[i]!.endMs).toBeGreaterThan(ws[i]!.startMs);
    if (i > 0) expect(ws[i]!.startMs).toBeGreaterThanOrEqual(ws[i - 1]!.endMs);
  }
}

describe('estimateTimings', () => {
  it('spreads the whole duration over the words, longer words longer', () => {
    const ws = estimateTimings('I understand everything', 3000);
    expect(ws.map((w) => w.word)).toEqual(['I', 'understand', 'everything']);
    expect(ws[0]!.startMs).toBe(0);
    expect(ws[2]!.endMs).toBe(3000);
    expectContiguousOrder(ws);
    expect(ws[1]!.endMs - ws[1]!.startMs).toBeGreaterThan(3 * (ws[0]!.endMs - ws[0]!.startMs));
    // No punctuation, no pauses: words follow each other directly.
    expect(ws[1]!.startMs).toBe(ws[0]!.endMs);
  });

  it('leaves pauses after sentences and commas, longer after sentences', () => {
    const ws = estimateTimings('One, two. Three four', 4000);
    const gap = (i: number) => ws[i + 1]!.startMs - ws[i]!.endMs;
    expect(gap(0)).toBeGreaterThan(0);
    expect(gap(1)).toBeGreaterThan(gap(0));
    expect(gap(2)).toBe(0);
    expectContiguousOrder(ws);
  });

  it('weighs numbers and spelled-out acronyms by how they are read', () => {
    const ws = estimateTimings('in 1969 the USA', 3000);
    const d = (i: number) => ws[i]!.endMs - ws[i]!.startMs;
    expect(d(1)).toBeGreaterThan(2 * d(2)); // "nineteen sixty-nine" vs "the"
    expect(d(3)).toBeGreaterThan(d(2));
  });

  it('keeps to the detected speech span', () => {
    const ws = estimateTimings('Hello brave new world.', 2000, { startMs: 120, endMs: 1700 });
    expect(ws[0]!.startMs).toBe(120);
    expect(ws.at(-1)!.endMs).toBe(1700);
    expectContiguousOrder(ws);
    // A span outside the audio is clamped into it.
    const clamped = estimateTimings('Hello world', 1000, { startMs: -50, endMs: 5000 });
    expect(clamped[0]!.startMs).toBe(0);
    expect(clamped.at(-1)!.endMs).toBe(1000);
  });

  it('is never empty for non-empty text, and empty for blank text', () => {
    expect(estimateTimings('', 1000)).toEqual([]);
    expect(estimateTimings('  \n ', 1000)).toEqual([]);
    expect(estimateTimings('...', 500)).toEqual([{ word: '...', startMs: 0, endMs: 500 }]);
    expect(estimateTimings('Hi', 0)).toEqual([{ word: 'Hi', startMs: 0, endMs: 0 }]);
  });

  it('stays ordered and within bounds for long texts with odd durations', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? `word${i}.` : `w${i},`)).join(' ');
    const ws = estimateTimings(text, 12_345);
    expect(ws).toHaveLength(200);
    expectContiguousOrder(ws);
    expect(ws.at(-1)!.endMs).toBe(12_345);
  });
});

describe('splitWords', () => {
  it('attaches punctuation-only tokens to a spoken neighbour', () => {
    expect(splitWords('— Well — I think ... so !')).toEqual(['— Well —', 'I', 'think ...', 'so !']);
    expect(splitWords('  a\n\tb  ')).toEqual(['a', 'b']);
    expect(splitWords('東京 ñandú 42')).toEqual(['東京', 'ñandú', '42']);
  });
});
