// A pause mark through a whole render: the narration is longer by the pause, the burned-in
// subtitles never show the mark, and the word after it lights up after the pause.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localStorageDir } from '../src/jobs/providers.js';
import type { WordTiming } from '../src/render/types.js';
import { createUser, globalId, gqlOk, prisma, rawId } from './helpers.js';
import { approvedScript, closeRenderInfra, enqueue, type RunningWorkers, startWorkers, waitForRender } from './renderHelpers.js';

const NARRATION = 'The tide turned, then silence came.';

describe('a pause mark in a render', () => {
  let workers: RunningWorkers | null = null;
  afterAll(async () => {
    await closeRenderInfra(workers);
  });

  it('is a real pause in the narration and the subtitles, and never shown', async () => {
    const alice = await createUser('alice');
    const { scriptId, scenes } = await approvedScript(alice, [NARRATION, NARRATION]);
    expect(scenes).toHaveLength(2);
    const paused = 'The tide turned, [pause 1s] then silence came.';
    const edited = await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: scenes[1]!.id, version: scenes[1]!.version, narration: paused } },
      alice.key,
    );
    expect(edited.updateScene.__typename).toBe('UpdateSceneSuccess');
    await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id: scriptId }, alice.key);

    workers = startWorkers(['media', 'voice', 'compose']);
    const render = await waitForRender(rawId((await enqueue(alice, scriptId, { resolution: 'P480', preset: 'ULTRAFAST' })).id));
    expect(render.status, `${render.errorStage}: ${render.errorMessage}`).toBe('SUCCEEDED');

    const rendered = await prisma.renderedScene.findMany({
      where: { renderId: render.id },
      orderBy: { position: 'asc' },
      include: { narrationAsset: true, asset: true },
    });
    expect(rendered.map((s) => s.narration)).toEqual([NARRATION, paused]);
    // The title cards show the narration without the mark: both scenes' cards are the same drawing.
    expect(rendered.map((s) => s.asset?.provider)).toEqual(['card', 'card']);
    expect(rendered[1]!.asset!.contentHash).toBe(rendered[0]!.asset!.contentHash);
    const [plain, withPause] = rendered.map((s) => s.narrationAsset!);
    const gainMs = withPause!.durationMs! - plain!.durationMs!;
    console.log(`narration ${plain!.durationMs} ms without the pause, ${withPause!.durationMs} ms with it (+${gainMs} ms)`);
    expect(gainMs).toBeGreaterThanOrEqual(900);

    const words = (withPause!.metadata as unknown as { words: WordTiming[] }).words;
    expect(words.map((w) => w.word)).toEqual(NARRATION.split(' '));
    const turned = words.find((w) => w.word === 'turned,')!;
    const then = words.find((w) => w.word === 'then')!;
    expect(then.startMs - turned.endMs).toBeGreaterThanOrEqual(900);

    const stage = await prisma.renderStage.findUniqueOrThrow({ where: { renderId_name: { renderId: render.id, name: 'segment:1' } } });
    const ass = await readFile(join(localStorageDir(), (stage.detail as { subtitlesKey: string }).subtitlesKey), 'utf8');
    expect(ass).not.toMatch(/pause/i);
    // The cues follow the voice: the line with "turned," ends, and the one with "then" starts a
    // pause later (a gap that long ends a karaoke line).
    const cues = [...ass.matchAll(/^Dialogue: \d+,(\d+):(\d\d):(\d\d\.\d\d),(\d+):(\d\d):(\d\d\.\d\d),[^\n]*?,,(.*)$/gmu)].map((m) => ({
      startMs: Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000),
      endMs: Math.round((Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6])) * 1000),
      text: m[7]!,
    }));
    const before = cues.find((c) => c.text.includes('turned,'))!;
    const after = cues.find((c) => c.text.includes('then'))!;
    console.log(`subtitles: "turned," shown until ${before.endMs} ms, "then" from ${after.startMs} ms`);
    expect(before).not.toBe(after);
    expect(after.startMs - before.endMs).toBeGreaterThanOrEqual(900);

    // Published, the reel's viewers read the words as spoken; the owner's own copy keeps the mark.
    await gqlOk(`mutation($id: ID!) { setRenderPublished(id: $id, published: true) { __typename } }`, { id: globalId('Render', render.id) }, alice.key);
    const reel = await gqlOk(`query($id: ID!) { node(id: $id) { ... on Reel { scenes(first: 5) { edges { node { narration } } } } } }`, {
      id: globalId('Reel', render.id),
    });
    const shown = reel.node.scenes.edges.map((e: { node: { narration: string } }) => e.node.narration);
    expect(shown).toEqual([NARRATION, 'The tide turned, then silence came.']);
  }, 120_000);
});
