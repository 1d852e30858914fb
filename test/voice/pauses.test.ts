import { describe, expect, it } from 'vitest';
import { narrationParts, pauseMarks, pauseProblems, shownNarration } from '../../src/render/voice/pauses.js';

describe('narrationParts', () => {
  it('splits narration into speech and pauses, in seconds or milliseconds, case and spaces tolerant', () => {
    expect(narrationParts('The tide turned. [pause 0.5s] Then   silence.')).toEqual([
      { kind: 'speech', text: 'The tide turned.' },
      { kind: 'pause', ms: 500 },
      { kind: 'speech', text: 'Then silence.' },
    ]);
    expect(narrationParts('One [ PAUSE 250 MS ] two [Pause 1,5s] three')).toEqual([
      { kind: 'speech', text: 'One' },
      { kind: 'pause', ms: 250 },
      { kind: 'speech', text: 'two' },
      { kind: 'pause', ms: 1500 },
      { kind: 'speech', text: 'three' },
    ]);
  });

  it('adds up adjacent marks, keeps leading and trailing pauses, gives punctuation after a mark to the words before', () => {
    expect(narrationParts('[pause 1s]Go [pause 1s] [pause 200ms], now.[pause 2s]')).toEqual([
      { kind: 'pause', ms: 1000 },
      { kind: 'speech', text: 'Go,' },
      { kind: 'pause', ms: 1200 },
      { kind: 'speech', text: 'now.' },
      { kind: 'pause', ms: 2000 },
    ]);
  });

  it('leaves other brackets as text, clamps marks out of range and drops unreadable ones', () => {
    expect(narrationParts('See [note 1] and [pauses are rare] here.')).toEqual([{ kind: 'speech', text: 'See [note 1] and [pauses are rare] here.' }]);
    expect(narrationParts('a [pause 10s] b [pause 20ms] c [pause] d [pause -1s] e')).toEqual([
      { kind: 'speech', text: 'a' },
      { kind: 'pause', ms: 5000 },
      { kind: 'speech', text: 'b' },
      { kind: 'pause', ms: 100 },
      { kind: 'speech', text: 'c d e' },
    ]);
  });
});

describe('pauseProblems', () => {
  it('names each bad mark and where it is', () => {
    expect(pauseProblems('Hello there [pause 0.5s] fine [pause 500ms]')).toEqual([]);
    expect(pauseProblems('Wait for it [pause 10s] now')).toEqual(['pause of 10 s at character 13: pauses are 0.1–5 s']);
    expect(pauseProblems('[pause 50ms]x')).toEqual(['pause of 0.05 s at character 1: pauses are 0.1–5 s']);
    expect(pauseProblems('a [pause -1s] b [pause]')).toEqual([
      '"[pause -1s]" at character 3 is not a pause mark: write it as [pause 0.5s] or [pause 500ms]',
      '"[pause]" at character 17 is not a pause mark: write it as [pause 0.5s] or [pause 500ms]',
    ]);
    expect(pauseProblems('[pause 5s] [pause 100ms] [pause 5000ms]')).toEqual([]);
    expect(pauseProblems('[pause 5.001s]')).toHaveLength(1);
  });

  it('reads the duration of each mark', () => {
    expect(pauseMarks('x [pause 0.5s] [pause 500ms] [pause soon]').map((m) => m.ms)).toEqual([500, 500, null]);
  });
});

describe('shownNarration', () => {
  it('removes marks and closes up the space around them', () => {
    expect(shownNarration('The tide turned. [pause 0.5s] Then silence.')).toBe('The tide turned. Then silence.');
    expect(shownNarration('Wait [pause 1s], then go.')).toBe('Wait, then go.');
    expect(shownNarration('[pause 1s] Go [pause 1s][pause 1s] now [pause 2s]')).toBe('Go now');
    expect(shownNarration('Line one [pause 1s]\nline two')).toBe('Line one\nline two');
    expect(shownNarration('a [pause] b')).toBe('a b');
  });

  it('returns text without marks unchanged, other brackets included', () => {
    for (const t of ['  spaced  out  ', 'See [note 1].', 'ratio 1 : 2']) expect(shownNarration(t)).toBe(t);
  });
});

describe('long text', () => {
  it('treats a bracket too long to be a mark as text, and scans unclosed marks quickly', () => {
    const long = `[pause ${'x'.repeat(60)}]`;
    expect(pauseMarks(long)).toEqual([]);
    const evil = '[pause '.repeat(2850);
    const started = performance.now();
    expect(pauseProblems(evil)).toEqual([]);
    expect(shownNarration(evil)).toBe(evil);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
