// Parsing a model's answer into a script, and the errors when it is not one.
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/render/script/schema.js';
import { validScript } from './fakeServers.js';

describe('parseScript', () => {
  it('accepts plain JSON', () => {
    const r = parseScript(JSON.stringify(validScript));
    expect(r).toEqual({ ok: true, script: expect.objectContaining({ title: validScript.title }) });
    if (r.ok) expect(r.script.scenes.map((s) => s.narration)).toEqual(validScript.scenes.map((s) => s.narration));
  });

  it('extracts JSON from a ```json fence with prose around it', () => {
    const r = parseScript(`Here is your script:\n\`\`\`json\n${JSON.stringify(validScript, null, 2)}\n\`\`\`\nEnjoy!`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.script.scenes[0]!.imageQuery).toBe(validScript.scenes[0]!.imageQuery);
  });

  it('extracts a bare object wrapped in prose', () => {
    const r = parseScript(`Sure. ${JSON.stringify(validScript)} Let me know.`);
    expect(r.ok).toBe(true);
  });

  it('treats null and empty optional fields as absent', () => {
    const r = parseScript(JSON.stringify({ title: 'T', scenes: [{ narration: 'N', imageQuery: null, aiImagePrompt: ' ' }], style: null }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.script.scenes[0]!.imageQuery).toBeUndefined();
      expect(r.script.scenes[0]!.aiImagePrompt).toBeUndefined();
    }
  });

  it('keeps good pause marks and names a bad one as a wrong shape, for the repair request', () => {
    const good = parseScript(JSON.stringify({ title: 'T', scenes: [{ narration: 'Wait. [pause 0.5s] Now.' }] }));
    expect(good.ok && good.script.scenes[0]!.narration).toBe('Wait. [pause 0.5s] Now.');
    expect(parseScript(JSON.stringify({ title: 'T', scenes: [{ narration: 'Wait. [pause 10s] Now.' }] }))).toEqual({
      ok: false,
      error: 'wrong shape: scenes.0.narration: pause of 10 s at character 7: pauses are 0.1–5 s',
    });
  });

  it('names what was wrong', () => {
    expect(parseScript('')).toEqual({ ok: false, error: 'the answer was empty' });
    expect(parseScript('I cannot help with that.')).toEqual({ ok: false, error: 'no JSON object found in the answer' });
    const bad = parseScript('{"title": "T", "scenes": [}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^invalid JSON: /);

    const tooLong = parseScript(JSON.stringify({ title: 'T', scenes: [{ narration: 'x'.repeat(2_001) }] }));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error).toMatch(/scenes\.0\.narration: .*2000/);

    const noScenes = parseScript(JSON.stringify({ title: 'T', scenes: [] }));
    if (noScenes.ok) throw new Error('expected a failure');
    expect(noScenes.error).toMatch(/scenes: .*1/);

    const tooMany = parseScript(JSON.stringify({ title: 'T', scenes: Array.from({ length: 31 }, () => ({ narration: 'n' })) }));
    if (tooMany.ok) throw new Error('expected a failure');
    expect(tooMany.error).toMatch(/scenes: .*30/);

    const longTitle = parseScript(JSON.stringify({ title: 't'.repeat(201), scenes: [{ narration: 'n' }] }));
    if (longTitle.ok) throw new Error('expected a failure');
    expect(longTitle.error).toMatch(/title: .*200/);

    const missing = parseScript(JSON.stringify({ scenes: [{ text: 'n' }] }));
    if (missing.ok) throw new Error('expected a failure');
    expect(missing.error).toContain('title');
    expect(missing.error).toContain('scenes.0.narration');
  });

  it('accepts 30 scenes of 2,000 characters', () => {
    const r = parseScript(JSON.stringify({ title: 't'.repeat(200), scenes: Array.from({ length: 30 }, () => ({ narration: 'x'.repeat(2_000) })) }));
    expect(r.ok).toBe(true);
  });
});
