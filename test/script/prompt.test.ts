// The prompt builder: mode rules, picture rules, one shared style, scene count and language.
import { describe, expect, it } from 'vitest';
import { applySharedStyle, buildPrompt, STYLES, targetSceneCount } from '../../src/render/script/prompt.js';

describe('buildPrompt', () => {
  it('asks stories for narration, not dialogue', () => {
    const p = buildPrompt({ prompt: 'A fox who learns to fly', mode: 'STORY', language: 'en' });
    expect(p.system).toMatch(/narration by one narrator/);
    expect(p.system).toMatch(/never dialogue/);
    expect(buildPrompt({ prompt: 'x', mode: 'NEWS', language: 'en' }).system).not.toMatch(/never dialogue/);
  });

  it('asks for specific photo searches for real subjects and one shared style for illustrations', () => {
    const p = buildPrompt({ prompt: 'Nobel prizes', mode: 'NEWS', language: 'en' });
    expect(p.style).toBe(STYLES.NEWS);
    expect(p.system).toContain('imageQuery');
    expect(p.system).toMatch(/THAT specific subject/);
    expect(p.system).toContain('receiving Nobel Peace Prize');
    // The style appears verbatim, for aiImagePrompt and for the "style" field.
    expect(p.system.split(STYLES.NEWS).length - 1).toBe(2);
    const custom = buildPrompt({ prompt: 'x', mode: 'STORY', language: 'en', style: 'linocut print, two colours' });
    expect(custom.style).toBe('linocut print, two colours');
    expect(custom.system).toContain('"linocut print, two colours"');
  });

  it('targets 6 scenes by default, clamped to 4–10, in the asked language', () => {
    expect(targetSceneCount()).toBe(6);
    expect(targetSceneCount(2)).toBe(4);
    expect(targetSceneCount(25)).toBe(10);
    const p = buildPrompt({ prompt: 'Der Rhein', mode: 'EXPLAINER', language: 'de', sceneCount: 12 });
    expect(p.sceneCount).toBe(10);
    expect(p.system).toContain('Write exactly 10 scenes');
    expect(p.system).toContain('German (de)');
    expect(p.user).toContain('Der Rhein');
    expect(buildPrompt({ prompt: 'x', mode: 'STORY', language: 'en' }).system).toContain('Write exactly 6 scenes');
  });
});

describe('applySharedStyle', () => {
  it('appends the style to illustration prompts that lack it, once', () => {
    const style = 'storybook watercolor';
    const out = applySharedStyle(
      {
        title: 'T',
        scenes: [
          { narration: 'a', aiImagePrompt: 'a fox on a hill.' },
          { narration: 'b', aiImagePrompt: 'a fox flying, Storybook Watercolor' },
          { narration: 'c', imageQuery: 'Eiffel Tower' },
        ],
      },
      style,
    );
    expect(out.style).toBe(style);
    expect(out.scenes[0]!.aiImagePrompt).toBe('a fox on a hill, storybook watercolor');
    expect(out.scenes[1]!.aiImagePrompt).toBe('a fox flying, Storybook Watercolor');
    expect(out.scenes[2]).toEqual({ narration: 'c', imageQuery: 'Eiffel Tower' });
  });
});
