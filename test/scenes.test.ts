import { describe, expect, it } from 'vitest';
import { createUser, globalId, gql, gqlOk, prisma, rawId, seedScript, snapshotOf, type TestUser } from './helpers.js';

const SCENE_FIELDS = `id position narration imageQuery aiImagePrompt version script { id status approvedAt }`;
const ERRORS = `
  ... on ValidationError { message fields { path message } }
  ... on NotFoundError { message id typename }`;

const UPDATE = `mutation($input: UpdateSceneInput!) {
  updateScene(input: $input) {
    __typename
    ... on UpdateSceneSuccess { data { ${SCENE_FIELDS} } }
    ... on VersionConflictError { message id expectedVersion currentVersion }
    ${ERRORS}
  }
}`;

const ADD = `mutation($input: AddSceneInput!) {
  addScene(input: $input) {
    __typename
    ... on AddSceneSuccess { data { ${SCENE_FIELDS} } }
    ${ERRORS}
  }
}`;

const REMOVE = `mutation($id: ID!) {
  removeScene(id: $id) {
    __typename
    ... on RemoveSceneSuccess { data { deletedId script { id status scenes(first: 50) { totalCount edges { node { id position } } } } } }
    ${ERRORS}
  }
}`;

const MOVE = `mutation($id: ID!, $position: Int!) {
  moveScene(id: $id, position: $position) {
    __typename
    ... on MoveSceneSuccess { data { ${SCENE_FIELDS} } }
    ${ERRORS}
  }
}`;

const sceneGid = (id: string) => globalId('Scene', id);
const scriptGid = (id: string) => globalId('Script', id);

/** Scene ids of a script in position order, with their stored positions. */
async function storedScenes(scriptId: string) {
  return prisma.scene.findMany({ where: { scriptId }, orderBy: { position: 'asc' } });
}

/** Asserts positions are exactly 0..n-1 (dense, unique) and returns the ids in order. */
async function expectDense(scriptId: string): Promise<string[]> {
  const rows = await storedScenes(scriptId);
  expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i));
  return rows.map((r) => r.id);
}

async function approve(scriptId: string) {
  await prisma.script.update({ where: { id: scriptId }, data: { status: 'APPROVED', approvedAt: new Date() } });
}

async function expectDraft(scriptId: string) {
  const s = await prisma.script.findUniqueOrThrow({ where: { id: scriptId } });
  expect(s.status).toBe('DRAFT');
  expect(s.approvedAt).toBeNull();
}

async function twoUsers(): Promise<[TestUser, TestUser]> {
  return Promise.all([createUser('alice'), createUser('bob')]);
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('updateScene', () => {
  it('updates narration, imageQuery and aiImagePrompt, trims them and bumps the version', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    const target = scenes[1]!;
    const r = await gqlOk(
      UPDATE,
      { input: { id: sceneGid(target.id), version: 1, narration: '  A new line.  ', imageQuery: ' eiffel tower ', aiImagePrompt: 'a cat' } },
      alice.key,
    );
    expect(r.updateScene.__typename).toBe('UpdateSceneSuccess');
    expect(r.updateScene.data).toMatchObject({
      id: sceneGid(target.id),
      position: 1,
      narration: 'A new line.',
      imageQuery: 'eiffel tower',
      aiImagePrompt: 'a cat',
      version: 2,
      script: { id: scriptGid(script.id), status: 'DRAFT' },
    });
    const row = await prisma.scene.findUniqueOrThrow({ where: { id: target.id } });
    expect(row).toMatchObject({ narration: 'A new line.', imageQuery: 'eiffel tower', aiImagePrompt: 'a cat', version: 2, position: 1 });
    // Other scenes untouched.
    const others = await prisma.scene.findMany({ where: { scriptId: script.id, id: { not: target.id } }, orderBy: { position: 'asc' } });
    expect(others.map((s) => [s.narration, s.version])).toEqual([
      ['Scene 0.', 1],
      ['Scene 2.', 1],
    ]);

    // Only the given field changes; a second edit needs the new version.
    const r2 = await gqlOk(UPDATE, { input: { id: sceneGid(target.id), version: 2, aiImagePrompt: 'a dog' } }, alice.key);
    expect(r2.updateScene.data).toMatchObject({ narration: 'A new line.', imageQuery: 'eiffel tower', aiImagePrompt: 'a dog', version: 3 });
    expect(await prisma.scene.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      narration: 'A new line.',
      imageQuery: 'eiffel tower',
      aiImagePrompt: 'a dog',
      version: 3,
    });
  });

  it('null imageQuery / aiImagePrompt clears them; leaving them out keeps them', async () => {
    const alice = await createUser('alice');
    const { scenes } = await seedScript(alice, 2);
    const id = scenes[0]!.id;
    await prisma.scene.update({ where: { id }, data: { imageQuery: 'q', aiImagePrompt: 'p' } });
    const keep = await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 1, narration: 'Changed.' } }, alice.key);
    expect(keep.updateScene.data).toMatchObject({ imageQuery: 'q', aiImagePrompt: 'p', version: 2 });
    const r = await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 2, imageQuery: null } }, alice.key);
    expect(r.updateScene.__typename).toBe('UpdateSceneSuccess');
    expect(r.updateScene.data).toMatchObject({ imageQuery: null, aiImagePrompt: 'p', narration: 'Changed.', version: 3 });
    expect(await prisma.scene.findUniqueOrThrow({ where: { id } })).toMatchObject({ imageQuery: null, aiImagePrompt: 'p', narration: 'Changed.' });
    const r2 = await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 3, aiImagePrompt: null } }, alice.key);
    expect(r2.updateScene.data.aiImagePrompt).toBeNull();
    expect((await prisma.scene.findUniqueOrThrow({ where: { id } })).aiImagePrompt).toBeNull();
  });

  it('accepts pause marks, refuses one out of range or unreadable naming the field and the mark, and pauses alone', async () => {
    const alice = await createUser('alice');
    const { scenes, script } = await seedScript(alice, 2);
    const id = sceneGid(scenes[0]!.id);
    const before = await snapshotOf(alice.id);

    const cases: [string, string][] = [
      ['Wait for it [pause 10s] now', 'pause of 10 s at character 13: pauses are 0.1–5 s'],
      ['Quick [pause 20ms] one', 'pause of 0.02 s at character 7: pauses are 0.1–5 s'],
      ['Back [pause -1s] then', '"[pause -1s]" at character 6 is not a pause mark: write it as [pause 0.5s] or [pause 500ms]'],
      ['[pause] then', '"[pause]" at character 1 is not a pause mark: write it as [pause 0.5s] or [pause 500ms]'],
      ['[pause 1s] [pause 2s]', 'narration cannot be only pauses: there is nothing to say'],
    ];
    for (const [narration, message] of cases) {
      const r = await gqlOk(UPDATE, { input: { id, version: 1, narration } }, alice.key);
      expect(r.updateScene.__typename, narration).toBe('ValidationError');
      expect(r.updateScene.fields, narration).toContainEqual({ path: ['input', 'narration'], message });
      const added = await gqlOk(ADD, { input: { scriptId: globalId('Script', script.id), narration } }, alice.key);
      expect(added.addScene.__typename, narration).toBe('ValidationError');
      expect(added.addScene.fields, narration).toContainEqual({ path: ['input', 'narration'], message });
    }
    expect(await snapshotOf(alice.id)).toEqual(before);

    const narration = 'The tide turned. [pause 0.5s] Then [PAUSE 5000ms] silence. See [note 1].';
    const ok = await gqlOk(UPDATE, { input: { id, version: 1, narration } }, alice.key);
    expect(ok.updateScene.__typename).toBe('UpdateSceneSuccess');
    expect(ok.updateScene.data.narration).toBe(narration);
  });

  it('refuses no fields, empty/blank/null narration, too-long fields and a bad version, naming the field; writes nothing', async () => {
    const alice = await createUser('alice');
    const { scenes, script } = await seedScript(alice, 2);
    await approve(script.id);
    const id = sceneGid(scenes[0]!.id);
    const before = await snapshotOf(alice.id);

    const cases: [Record<string, unknown>, string[]][] = [
      [{ id, version: 1 }, ['input']],
      [{ id, version: 1, narration: '' }, ['input', 'narration']],
      [{ id, version: 1, narration: '   \n\t' }, ['input', 'narration']],
      [{ id, version: 1, narration: null }, ['input', 'narration']],
      [{ id, version: 1, narration: 'x'.repeat(2001) }, ['input', 'narration']],
      [{ id, version: 1, imageQuery: 'x'.repeat(301) }, ['input', 'imageQuery']],
      [{ id, version: 1, aiImagePrompt: 'x'.repeat(1001) }, ['input', 'aiImagePrompt']],
      [{ id, version: 0, narration: 'ok' }, ['input', 'version']],
    ];
    for (const [input, path] of cases) {
      const r = await gqlOk(UPDATE, { input }, alice.key);
      expect(r.updateScene.__typename, JSON.stringify(input).slice(0, 80)).toBe('ValidationError');
      expect(r.updateScene.fields.map((f: { path: string[] }) => f.path)).toContainEqual(path);
    }
    expect(await snapshotOf(alice.id)).toEqual(before);

    // Exactly at the limit is fine.
    const ok = await gqlOk(UPDATE, { input: { id, version: 1, narration: 'x'.repeat(2000) } }, alice.key);
    expect(ok.updateScene.__typename).toBe('UpdateSceneSuccess');
    expect((await prisma.scene.findUniqueOrThrow({ where: { id: scenes[0]!.id } })).narration).toHaveLength(2000);
  });

  it('returns an APPROVED script to DRAFT', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 2);
    await approve(script.id);
    const r = await gqlOk(UPDATE, { input: { id: sceneGid(scenes[0]!.id), version: 1, imageQuery: 'x' } }, alice.key);
    expect(r.updateScene.data.script).toMatchObject({ status: 'DRAFT', approvedAt: null });
    await expectDraft(script.id);
  });

  it('a stale version gets VersionConflictError with both versions and does not overwrite', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 2);
    const id = scenes[0]!.id;
    await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 1, narration: 'First.' } }, alice.key);
    await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 2, narration: 'Second.' } }, alice.key);
    await approve(script.id);
    const before = await snapshotOf(alice.id);

    const r = await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 1, narration: 'Stale.' } }, alice.key);
    expect(r.updateScene).toMatchObject({
      __typename: 'VersionConflictError',
      id: sceneGid(id),
      expectedVersion: 1,
      currentVersion: 3,
    });
    expect(r.updateScene.message).toMatch(/version 3, not 1/);
    // A version from the future is a conflict too.
    const future = await gqlOk(UPDATE, { input: { id: sceneGid(id), version: 9, narration: 'Future.' } }, alice.key);
    expect(future.updateScene).toMatchObject({ __typename: 'VersionConflictError', expectedVersion: 9, currentVersion: 3 });

    const row = await prisma.scene.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ narration: 'Second.', version: 3 });
    // The refused edit did not un-approve the script either.
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('two concurrent edits with the same version: exactly one wins, the other conflicts, the winner is stored', async () => {
    const alice = await createUser('alice');
    const { scenes } = await seedScript(alice, 2);
    const id = scenes[0]!.id;
    for (let round = 0; round < 5; round++) {
      const version = round + 1;
      const [a, b] = await Promise.all([
        gqlOk(UPDATE, { input: { id: sceneGid(id), version, narration: `A${round}.` } }, alice.key),
        gqlOk(UPDATE, { input: { id: sceneGid(id), version, narration: `B${round}.` } }, alice.key),
      ]);
      const results = [a.updateScene, b.updateScene];
      const wins = results.filter((x) => x.__typename === 'UpdateSceneSuccess');
      const conflicts = results.filter((x) => x.__typename === 'VersionConflictError');
      expect(wins).toHaveLength(1);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ expectedVersion: version, currentVersion: version + 1 });
      const row = await prisma.scene.findUniqueOrThrow({ where: { id } });
      expect(row.narration).toBe(wins[0].data.narration);
      expect(row.version).toBe(version + 1);
    }
  });

  it('many concurrent edits with the same version: exactly one wins', async () => {
    const alice = await createUser('alice');
    const { scenes } = await seedScript(alice, 2);
    const id = scenes[1]!.id;
    const rs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gqlOk(UPDATE, { input: { id: sceneGid(id), version: 1, narration: `Writer ${i}.` } }, alice.key)),
    );
    const kinds = rs.map((r) => r.updateScene.__typename);
    expect(kinds.filter((k) => k === 'UpdateSceneSuccess')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'VersionConflictError')).toHaveLength(7);
    const winner = rs.find((r) => r.updateScene.__typename === 'UpdateSceneSuccess')!.updateScene.data.narration;
    expect(await prisma.scene.findUniqueOrThrow({ where: { id } })).toMatchObject({ narration: winner, version: 2 });
  });

  it("another user's scene answers NotFoundError (even with a stale version) and nothing changes", async () => {
    const [alice, bob] = await twoUsers();
    const { scenes, script } = await seedScript(alice, 2);
    await approve(script.id);
    await seedScript(bob, 2);
    const before = await snapshotOf(alice.id);
    const id = sceneGid(scenes[0]!.id);
    for (const version of [1, 5]) {
      const r = await gqlOk(UPDATE, { input: { id, version, narration: 'Stolen.' } }, bob.key);
      expect(r.updateScene).toEqual({
        __typename: 'NotFoundError',
        message: `Scene ${id} was not found`,
        id,
        typename: 'Scene',
      });
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('needs an API key', async () => {
    const alice = await createUser('alice');
    const { scenes } = await seedScript(alice, 1);
    const before = await snapshotOf(alice.id);
    const r = await gql(UPDATE, { input: { id: sceneGid(scenes[0]!.id), version: 1, narration: 'x' } });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshotOf(alice.id)).toEqual(before);
  });
});

describe('addScene', () => {
  it('appends at the end when position is left out', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 3);
    const r = await gqlOk(
      ADD,
      { input: { scriptId: scriptGid(script.id), narration: '  The end.  ', imageQuery: ' sunset ', aiImagePrompt: '  ' } },
      alice.key,
    );
    expect(r.addScene.__typename).toBe('AddSceneSuccess');
    expect(r.addScene.data).toMatchObject({ position: 3, narration: 'The end.', imageQuery: 'sunset', aiImagePrompt: null, version: 1 });
    const ids = await expectDense(script.id);
    expect(ids).toHaveLength(4);
    expect(ids[3]).toBe(rawId(r.addScene.data.id));
    const row = await prisma.scene.findUniqueOrThrow({ where: { id: ids[3]! } });
    expect(row).toMatchObject({ scriptId: script.id, narration: 'The end.', imageQuery: 'sunset', aiImagePrompt: null });
  });

  it('inserts at a position, shifting the rest down, at 0 and in the middle', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    const orig = scenes.map((s) => s.id);
    const first = await gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: 'Opening.', position: 0 } }, alice.key);
    expect(first.addScene.data.position).toBe(0);
    const a = rawId(first.addScene.data.id);
    expect(await expectDense(script.id)).toEqual([a, ...orig]);
    const mid = await gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: 'Middle.', position: 2 } }, alice.key);
    const b = rawId(mid.addScene.data.id);
    expect(await expectDense(script.id)).toEqual([a, orig[0], b, orig[1], orig[2]]);
    const end = await gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: 'Last.', position: 5 } }, alice.key);
    expect(end.addScene.data.position).toBe(5);
    const rows = await storedScenes(script.id);
    expect(rows.map((r) => r.narration)).toEqual(['Opening.', 'Scene 0.', 'Middle.', 'Scene 1.', 'Scene 2.', 'Last.']);
  });

  it('returns an APPROVED script to DRAFT', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 2);
    await approve(script.id);
    const r = await gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: 'More.' } }, alice.key);
    expect(r.addScene.data.script).toMatchObject({ status: 'DRAFT', approvedAt: null });
    await expectDraft(script.id);
  });

  it('refuses blank or too-long narration and out-of-range positions, naming the field; writes nothing (approval kept)', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 3);
    await approve(script.id);
    const scriptId = scriptGid(script.id);
    const before = await snapshotOf(alice.id);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ scriptId, narration: '' }, ['input', 'narration']],
      [{ scriptId, narration: '   ' }, ['input', 'narration']],
      [{ scriptId, narration: 'x'.repeat(2001) }, ['input', 'narration']],
      [{ scriptId, narration: 'ok', imageQuery: 'x'.repeat(301) }, ['input', 'imageQuery']],
      [{ scriptId, narration: 'ok', aiImagePrompt: 'x'.repeat(1001) }, ['input', 'aiImagePrompt']],
      [{ scriptId, narration: 'ok', position: -1 }, ['input', 'position']],
      [{ scriptId, narration: 'ok', position: 4 }, ['input', 'position']],
      [{ scriptId, narration: 'ok', position: 1000 }, ['input', 'position']],
    ];
    for (const [input, path] of cases) {
      const r = await gqlOk(ADD, { input }, alice.key);
      expect(r.addScene.__typename, JSON.stringify(input).slice(0, 80)).toBe('ValidationError');
      expect(r.addScene.fields.map((f: { path: string[] }) => f.path)).toContainEqual(path);
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('refuses a 31st scene', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 29);
    const ok = await gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: 'Thirtieth.' } }, alice.key);
    expect(ok.addScene.data.position).toBe(29);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: 'One too many.', position: 0 } }, alice.key);
    expect(r.addScene.__typename).toBe('ValidationError');
    expect(r.addScene.fields[0].path).toEqual(['input', 'scriptId']);
    expect(r.addScene.fields[0].message).toMatch(/30/);
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect(await prisma.scene.count({ where: { scriptId: script.id } })).toBe(30);
  });

  it('concurrent adds at the limit: only as many succeed as fit', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 27);
    const rs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: `Extra ${i}.`, position: 0 } }, alice.key)),
    );
    const kinds = rs.map((r) => r.addScene.__typename);
    expect(kinds.filter((k) => k === 'AddSceneSuccess')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'ValidationError')).toHaveLength(5);
    expect(await expectDense(script.id)).toHaveLength(30);
  });

  it('concurrent adds all land, positions stay dense and unique', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 4);
    const rs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: `Added ${i}.`, position: i % 3 === 0 ? null : i % 4 } }, alice.key),
      ),
    );
    expect(rs.every((r) => r.addScene.__typename === 'AddSceneSuccess')).toBe(true);
    const ids = await expectDense(script.id);
    expect(ids).toHaveLength(16);
    for (const r of rs) expect(ids).toContain(rawId(r.addScene.data.id));
  });

  it("another user's script answers NotFoundError and nothing changes", async () => {
    const [alice, bob] = await twoUsers();
    const { script } = await seedScript(alice, 2);
    await approve(script.id);
    await seedScript(bob, 2);
    const before = await snapshotOf(alice.id);
    const bobBefore = await snapshotOf(bob.id);
    const id = scriptGid(script.id);
    for (const position of [undefined, 0, 99]) {
      const r = await gqlOk(ADD, { input: { scriptId: id, narration: 'Intruder.', position } }, bob.key);
      expect(r.addScene).toEqual({ __typename: 'NotFoundError', message: `Script ${id} was not found`, id, typename: 'Script' });
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect(await snapshotOf(bob.id)).toEqual(bobBefore);
  });
});

describe('removeScene', () => {
  it('removes a scene and closes up the positions', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 5);
    const ids = scenes.map((s) => s.id);
    const r = await gqlOk(REMOVE, { id: sceneGid(ids[1]!) }, alice.key);
    expect(r.removeScene.__typename).toBe('RemoveSceneSuccess');
    expect(r.removeScene.data.deletedId).toBe(sceneGid(ids[1]!));
    expect(r.removeScene.data.script.id).toBe(scriptGid(script.id));
    expect(r.removeScene.data.script.scenes.totalCount).toBe(4);
    expect(r.removeScene.data.script.scenes.edges.map((e: any) => [rawId(e.node.id), e.node.position])).toEqual([
      [ids[0], 0],
      [ids[2], 1],
      [ids[3], 2],
      [ids[4], 3],
    ]);
    expect(await prisma.scene.findUnique({ where: { id: ids[1]! } })).toBeNull();
    expect(await expectDense(script.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
    // Removing first and last too.
    await gqlOk(REMOVE, { id: sceneGid(ids[0]!) }, alice.key);
    await gqlOk(REMOVE, { id: sceneGid(ids[4]!) }, alice.key);
    expect(await expectDense(script.id)).toEqual([ids[2], ids[3]]);
  });

  it('returns an APPROVED script to DRAFT', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    await approve(script.id);
    const r = await gqlOk(REMOVE, { id: sceneGid(scenes[2]!.id) }, alice.key);
    expect(r.removeScene.data.script.status).toBe('DRAFT');
    await expectDraft(script.id);
  });

  it('refuses to remove the last scene and writes nothing', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 1);
    await approve(script.id);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(REMOVE, { id: sceneGid(scenes[0]!.id) }, alice.key);
    expect(r.removeScene.__typename).toBe('ValidationError');
    expect(r.removeScene.fields).toEqual([{ path: ['id'], message: 'a script keeps at least one scene' }]);
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('removing an already removed scene answers NotFoundError', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    await gqlOk(REMOVE, { id: sceneGid(scenes[0]!.id) }, alice.key);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(REMOVE, { id: sceneGid(scenes[0]!.id) }, alice.key);
    expect(r.removeScene.__typename).toBe('NotFoundError');
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect(await expectDense(script.id)).toHaveLength(2);
  });

  it('concurrent removals of every scene leave exactly one, dense', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 6);
    const rs = await Promise.all(scenes.map((s) => gqlOk(REMOVE, { id: sceneGid(s.id) }, alice.key)));
    const kinds = rs.map((r) => r.removeScene.__typename);
    expect(kinds.filter((k) => k === 'RemoveSceneSuccess')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'ValidationError')).toHaveLength(1);
    const ids = await expectDense(script.id);
    expect(ids).toHaveLength(1);
    // The survivor is the one whose removal was refused.
    const refused = scenes[kinds.indexOf('ValidationError')]!.id;
    expect(ids).toEqual([refused]);
  });

  it('concurrent removals of the same scene: one succeeds, the rest are not found', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 4);
    const rs = await Promise.all(Array.from({ length: 5 }, () => gqlOk(REMOVE, { id: sceneGid(scenes[1]!.id) }, alice.key)));
    const kinds = rs.map((r) => r.removeScene.__typename);
    expect(kinds.filter((k) => k === 'RemoveSceneSuccess')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'NotFoundError')).toHaveLength(4);
    expect(await expectDense(script.id)).toEqual([scenes[0]!.id, scenes[2]!.id, scenes[3]!.id]);
  });

  it("another user's scene answers NotFoundError and nothing changes", async () => {
    const [alice, bob] = await twoUsers();
    const { scenes, script } = await seedScript(alice, 3);
    await approve(script.id);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(REMOVE, { id: sceneGid(scenes[0]!.id) }, bob.key);
    expect(r.removeScene).toEqual({
      __typename: 'NotFoundError',
      message: `Scene ${sceneGid(scenes[0]!.id)} was not found`,
      id: sceneGid(scenes[0]!.id),
      typename: 'Scene',
    });
    expect(await snapshotOf(alice.id)).toEqual(before);
  });
});

describe('moveScene', () => {
  it('moves forwards and backwards, the others closing up', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 5);
    const [a, b, c, d, e] = scenes.map((s) => s.id) as [string, string, string, string, string];
    const r = await gqlOk(MOVE, { id: sceneGid(a), position: 3 }, alice.key);
    expect(r.moveScene.__typename).toBe('MoveSceneSuccess');
    expect(r.moveScene.data).toMatchObject({ id: sceneGid(a), position: 3, narration: 'Scene 0.' });
    expect(await expectDense(script.id)).toEqual([b, c, d, a, e]);
    await gqlOk(MOVE, { id: sceneGid(e), position: 0 }, alice.key);
    expect(await expectDense(script.id)).toEqual([e, b, c, d, a]);
    await gqlOk(MOVE, { id: sceneGid(c), position: 4 }, alice.key);
    expect(await expectDense(script.id)).toEqual([e, b, d, a, c]);
    // Same place: no change in order.
    const same = await gqlOk(MOVE, { id: sceneGid(d), position: 2 }, alice.key);
    expect(same.moveScene.data.position).toBe(2);
    expect(await expectDense(script.id)).toEqual([e, b, d, a, c]);
    // Moving keeps content and version.
    const rows = await storedScenes(script.id);
    expect(rows.map((s) => s.narration)).toEqual(['Scene 4.', 'Scene 1.', 'Scene 3.', 'Scene 0.', 'Scene 2.']);
    expect(rows.every((s) => s.version === 1)).toBe(true);
  });

  it('returns an APPROVED script to DRAFT', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    await approve(script.id);
    const r = await gqlOk(MOVE, { id: sceneGid(scenes[0]!.id), position: 2 }, alice.key);
    expect(r.moveScene.data.script).toMatchObject({ status: 'DRAFT', approvedAt: null });
    await expectDraft(script.id);
  });

  it('refuses a position out of range, naming it; writes nothing', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 4);
    await approve(script.id);
    const before = await snapshotOf(alice.id);
    for (const position of [-1, 4, 100]) {
      const r = await gqlOk(MOVE, { id: sceneGid(scenes[1]!.id), position }, alice.key);
      expect(r.moveScene.__typename).toBe('ValidationError');
      expect(r.moveScene.fields).toEqual([{ path: ['input', 'position'], message: 'must be between 0 and 3' }]);
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('20 concurrent moves with random targets all succeed and leave a permutation of 0..5', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 6);
    const ids = scenes.map((s) => s.id);
    const moves = Array.from({ length: 20 }, () => ({ id: ids[Math.floor(Math.random() * 6)]!, position: Math.floor(Math.random() * 6) }));
    const rs = await Promise.all(moves.map((m) => gqlOk(MOVE, { id: sceneGid(m.id), position: m.position }, alice.key)));
    for (const r of rs) expect(r.moveScene.__typename).toBe('MoveSceneSuccess');
    const after = await expectDense(script.id);
    expect([...after].sort()).toEqual([...ids].sort());
    expect(await prisma.scene.count({ where: { scriptId: script.id } })).toBe(6);
  });

  it("another user's scene answers NotFoundError and nothing changes", async () => {
    const [alice, bob] = await twoUsers();
    const { scenes, script } = await seedScript(alice, 3);
    await approve(script.id);
    const before = await snapshotOf(alice.id);
    for (const position of [0, 2, 50]) {
      const r = await gqlOk(MOVE, { id: sceneGid(scenes[1]!.id), position }, bob.key);
      expect(r.moveScene.__typename).toBe('NotFoundError');
      expect(r.moveScene.id).toBe(sceneGid(scenes[1]!.id));
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
  });
});

describe('concurrent scene-list edits', () => {
  it('a mix of adds, removes and moves stays dense and accounts for every scene', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 8);
    const ids = scenes.map((s) => s.id);
    const toRemove = ids.slice(0, 3);
    const toMove = ids.slice(3);
    const ops: Promise<{ kind: string; r: any }>[] = [];
    for (const id of toRemove) ops.push(gqlOk(REMOVE, { id: sceneGid(id) }, alice.key).then((r) => ({ kind: 'remove', r: r.removeScene })));
    for (let i = 0; i < 5; i++) {
      ops.push(
        gqlOk(ADD, { input: { scriptId: scriptGid(script.id), narration: `Mix ${i}.`, position: i === 0 ? null : i % 3 } }, alice.key).then((r) => ({
          kind: 'add',
          r: r.addScene,
        })),
      );
    }
    for (let i = 0; i < 10; i++) {
      const id = toMove[i % toMove.length]!;
      // 0..4 is always in range: the script never has fewer than 5 scenes here.
      ops.push(gqlOk(MOVE, { id: sceneGid(id), position: i % 5 }, alice.key).then((r) => ({ kind: 'move', r: r.moveScene })));
    }
    const results = await Promise.all(shuffle(ops));
    for (const { kind, r } of results) expect(r.__typename, kind).toMatch(/Success$/);
    const added = results.filter((x) => x.kind === 'add').map((x) => rawId(x.r.data.id));
    const final = await expectDense(script.id);
    expect([...final].sort()).toEqual([...toMove, ...added].sort());
  });

  it('concurrent updateScene and moveScene on an APPROVED script do not deadlock', async () => {
    const alice = await createUser('alice');
    for (let round = 0; round < 6; round++) {
      const { script, scenes } = await seedScript(alice, 4);
      await approve(script.id);
      const rs = await Promise.all([
        gql(UPDATE, { input: { id: sceneGid(scenes[0]!.id), version: 1, narration: 'Edited.' } }, alice.key),
        gql(MOVE, { id: sceneGid(scenes[3]!.id), position: 0 }, alice.key),
        gql(UPDATE, { input: { id: sceneGid(scenes[1]!.id), version: 1, narration: 'Edited too.' } }, alice.key),
        gql(REMOVE, { id: sceneGid(scenes[2]!.id) }, alice.key),
      ]);
      for (const r of rs) expect(r.errors).toBeUndefined();
      expect(rs[0]!.data.updateScene.__typename).toBe('UpdateSceneSuccess');
      expect(rs[1]!.data.moveScene.__typename).toBe('MoveSceneSuccess');
      expect(rs[2]!.data.updateScene.__typename).toBe('UpdateSceneSuccess');
      expect(rs[3]!.data.removeScene.__typename).toBe('RemoveSceneSuccess');
      expect(await expectDense(script.id)).toEqual([scenes[3]!.id, scenes[0]!.id, scenes[1]!.id]);
      await expectDraft(script.id);
    }
  });
});

describe('selecting only __typename', () => {
  it('every scene mutation works when the client selects none of the result fields', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    const upd = await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: sceneGid(scenes[0]!.id), version: 1, narration: 'Typename only.' } },
      alice.key,
    );
    expect(upd.updateScene).toEqual({ __typename: 'UpdateSceneSuccess' });
    expect(await prisma.scene.findUniqueOrThrow({ where: { id: scenes[0]!.id } })).toMatchObject({ narration: 'Typename only.', version: 2 });
    const add = await gqlOk(
      `mutation($input: AddSceneInput!) { addScene(input: $input) { __typename } }`,
      { input: { scriptId: scriptGid(script.id), narration: 'Added.', position: 0 } },
      alice.key,
    );
    expect(add.addScene).toEqual({ __typename: 'AddSceneSuccess' });
    const move = await gqlOk(`mutation($id: ID!) { moveScene(id: $id, position: 0) { __typename } }`, { id: sceneGid(scenes[2]!.id) }, alice.key);
    expect(move.moveScene).toEqual({ __typename: 'MoveSceneSuccess' });
    const remove = await gqlOk(`mutation($id: ID!) { removeScene(id: $id) { __typename } }`, { id: sceneGid(scenes[1]!.id) }, alice.key);
    expect(remove.removeScene).toEqual({ __typename: 'RemoveSceneSuccess' });
    const rows = await storedScenes(script.id);
    expect(rows.map((r) => r.narration)).toEqual(['Scene 2.', 'Added.', 'Typename only.']);
    await expectDense(script.id);
  });
});

describe('Scene queries', () => {
  const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Scene { position narration imageQuery aiImagePrompt version script { id title status } } } }`;

  it('node(id) returns your scene with its script', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 3);
    await prisma.scene.update({ where: { id: scenes[2]!.id }, data: { imageQuery: 'moon' } });
    const r = await gqlOk(NODE, { id: sceneGid(scenes[2]!.id) }, alice.key);
    expect(r.node).toEqual({
      __typename: 'Scene',
      id: sceneGid(scenes[2]!.id),
      position: 2,
      narration: 'Scene 2.',
      imageQuery: 'moon',
      aiImagePrompt: null,
      version: 1,
      script: { id: scriptGid(script.id), title: 'S', status: 'DRAFT' },
    });
  });

  it("another user's scene, an unknown scene and an anonymous caller all get null", async () => {
    const [alice, bob] = await twoUsers();
    const { scenes } = await seedScript(alice, 2);
    const before = await snapshotOf(alice.id);
    expect((await gqlOk(NODE, { id: sceneGid(scenes[0]!.id) }, bob.key)).node).toBeNull();
    expect((await gqlOk(NODE, { id: sceneGid('00000000-0000-4000-8000-000000000000') }, alice.key)).node).toBeNull();
    expect((await gqlOk(NODE, { id: sceneGid(scenes[0]!.id) })).node).toBeNull();
    // A Script id of a scene's uuid does not resolve to the scene.
    expect((await gqlOk(NODE, { id: scriptGid(scenes[0]!.id) }, alice.key)).node).toBeNull();
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('a deleted scene resolves to null', async () => {
    const alice = await createUser('alice');
    const { scenes } = await seedScript(alice, 2);
    await gqlOk(REMOVE, { id: sceneGid(scenes[0]!.id) }, alice.key);
    expect((await gqlOk(NODE, { id: sceneGid(scenes[0]!.id) }, alice.key)).node).toBeNull();
  });
});
