// The model table: which writers, in which order, for which request.
import { describe, expect, it } from 'vitest';
import {
  choiceLabel,
  chooseWriters,
  complexityOf,
  GEMINI_FLASH,
  GEMINI_PRO,
  GROQ_MAVERICK,
  MODEL_TABLE,
  needsCurrentFacts,
} from '../../src/render/script/models.js';

const both = { gemini: true, groq: true };
const labels = (input: Parameters<typeof chooseWriters>[0]) => chooseWriters(input).map(choiceLabel);

describe('chooseWriters', () => {
  it('NEWS → grounded Gemini Flash first, grounded Pro as fallback, never Groq', () => {
    expect(labels({ mode: 'NEWS', prompt: 'Who won the Nobel Peace Prize?', sceneCount: 6, available: both })).toEqual([
      `gemini:${GEMINI_FLASH}+search`,
      `gemini:${GEMINI_PRO}+search`,
    ]);
    const first = chooseWriters({ mode: 'NEWS', prompt: 'x', sceneCount: 6, available: both })[0]!;
    expect(first).toEqual({ provider: 'gemini', model: GEMINI_FLASH, grounded: true });
  });

  it('NEWS with only a Groq key → nothing (the caller uses the offline writer)', () => {
    expect(chooseWriters({ mode: 'NEWS', prompt: 'Election results', sceneCount: 6, available: { gemini: false, groq: true } })).toEqual([]);
  });

  it('a STORY about this year counts as needing current facts', () => {
    const now = new Date('2026-11-26T00:00:00Z');
    expect(needsCurrentFacts('STORY', 'The story of the 2026 world cup final', now)).toBe(true);
    expect(needsCurrentFacts('STORY', 'The latest Mars rover discoveries', now)).toBe(true);
    expect(needsCurrentFacts('STORY', 'The 1969 moon landing', now)).toBe(false);
    expect(labels({ mode: 'STORY', prompt: 'What happened at the 2026 world cup', sceneCount: 6, available: both, now })[0]).toBe(
      `gemini:${GEMINI_FLASH}+search`,
    );
  });

  it('short STORY → Groq Maverick first (the table names it), Gemini Flash as fallback', () => {
    expect(labels({ mode: 'STORY', prompt: 'A fox who learns to fly', sceneCount: 6, available: both })).toEqual([
      `groq:${GROQ_MAVERICK}`,
      `gemini:${GEMINI_FLASH}`,
    ]);
    expect(labels({ mode: 'STORY', prompt: 'A fox who learns to fly', sceneCount: 6, available: { gemini: true, groq: false } })).toEqual([
      `gemini:${GEMINI_FLASH}`,
    ]);
  });

  it('short EXPLAINER → Gemini preferred where either serves', () => {
    expect(labels({ mode: 'EXPLAINER', prompt: 'How do vaccines work?', sceneCount: 6, available: both })).toEqual([
      `gemini:${GEMINI_FLASH}`,
      `groq:${GROQ_MAVERICK}`,
    ]);
  });

  it('many scenes or a long EXPLAINER prompt → Gemini Pro first', () => {
    expect(labels({ mode: 'STORY', prompt: 'A fox who learns to fly', sceneCount: 9, available: both })[0]).toBe(`gemini:${GEMINI_PRO}`);
    expect(complexityOf('STORY', 'A fox', 8)).toBe('simple');
    const longExplainer = 'Explain how the immune system remembers infections. '.repeat(10);
    expect(labels({ mode: 'EXPLAINER', prompt: longExplainer, sceneCount: 6, available: both })).toEqual([
      `gemini:${GEMINI_PRO}`,
      `gemini:${GEMINI_FLASH}`,
      `groq:${GROQ_MAVERICK}`,
    ]);
    // The same length is still a short STORY.
    expect(complexityOf('STORY', longExplainer, 6)).toBe('simple');
    expect(labels({ mode: 'NEWS', prompt: 'x', sceneCount: 10, available: both })[0]).toBe(`gemini:${GEMINI_PRO}+search`);
  });

  it('no keys → an empty chain', () => {
    expect(chooseWriters({ mode: 'STORY', prompt: 'x', sceneCount: 6, available: { gemini: false, groq: false } })).toEqual([]);
  });

  it('the table never names Llama 3.3 70B and every row has a Gemini entry', () => {
    const rows = Object.values(MODEL_TABLE).flatMap((byComplexity) => Object.values(byComplexity));
    for (const row of rows) {
      expect(row.some((c) => c.model.includes('llama-3.3'))).toBe(false);
      expect(row.some((c) => c.provider === 'gemini')).toBe(true);
    }
  });
});
