import { describe, expect, it } from 'vitest';
import { createUser, globalId, gql, gqlOk, prisma, rawId, seedScript, snapshotOf, type TestUser } from './helpers.js';

const ERRORS = `
  ... on ValidationError { message fields { path message } }
  ... on NotFoundError { message id typename }`;

const SCRIPT_FIELDS = `id title status mode language writerModel approvedAt prompt
  scenes(first: 50) { totalCount edges { node { id position narration version } } }`;

const CREATE = `mutation($input: CreateScriptInput!) {
  createScript(input: $input) {
    __typename
    ... on CreateScriptSuccess { data { ${SCRIPT_FIELDS} } }
    ${ERRORS}
  }
}`;

const RENAME = `mutation($id: ID!, $title: String!) {
  renameScript(id: $id, title: $title) {
    __typename
    ... on RenameScriptSuccess { data { id title status } }
    ${ERRORS}
  }
}`;

const APPROVE = `mutation($id: ID!) {
  approveScript(id: $id) {
    __typename
    ... on ApproveScriptSuccess { data { id status approvedAt } }
    ${ERRORS}
  }
}`;

const DELETE = `mutation($id: ID!) {
  deleteScript(id: $id) {
    __typename
    ... on DeleteScriptSuccess { data { deletedId } }
    ${ERRORS}
  }
}`;

const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Script { ${SCRIPT_FIELDS} project { id } } } }`;

const scriptGid = (id: string) => globalId('Script', id);
const sceneGid = (id: string) => globalId('Scene', id);
const projectGid = (id: string) => globalId('Project', id);

/** n sentences of exactly ten words each. */
function tenWordSentences(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `Sentence number ${i} has exactly ten words in it today.`);
}

async function newProject(user: TestUser, language = 'en') {
  return prisma.project.create({ data: { ownerId: user.id, title: 'Project', language } });
}

/** Creates a script through the API and returns the response plus the stored rows. */
async function create(user: TestUser, input: Record<string, unknown>) {
  const r = await gqlOk(CREATE, { input }, user.key);
  expect(r.createScript.__typename, JSON.stringify(r.createScript).slice(0, 300)).toBe('CreateScriptSuccess');
  const data = r.createScript.data;
  const row = await prisma.script.findUniqueOrThrow({ where: { id: rawId(data.id) }, include: { scenes: { orderBy: { position: 'asc' } } } });
  return { data, row };
}

function expectDensePositions(scenes: { position: number }[]) {
  expect(scenes.map((s) => s.position)).toEqual(scenes.map((_, i) => i));
}

/** Every scene is a run of whole input sentences, in order, and together they are the whole input. */
function expectWholeSentences(narrations: string[], sentences: string[]) {
  expect(narrations.join(' ')).toBe(sentences.join(' '));
  let i = 0;
  for (const n of narrations) {
    let acc = '';
    while (acc.length < n.length) {
      acc = acc ? `${acc} ${sentences[i]}` : sentences[i]!;
      i++;
    }
    expect(acc).toBe(n);
  }
  expect(i).toBe(sentences.length);
}

describe('createScript', () => {
  it('40 sentences become 10 scenes of 4 whole sentences, positions 0..9, writerModel recorded', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const sentences = tenWordSentences(40);
    const { data, row } = await create(alice, { projectId: projectGid(project.id), text: sentences.join(' ') });
    expect(data).toMatchObject({
      title: sentences[0],
      status: 'DRAFT',
      mode: 'STORY',
      language: 'en',
      writerModel: 'own-text/sentence-split',
      approvedAt: null,
      prompt: null,
    });
    expect(row).toMatchObject({
      projectId: project.id,
      ownerId: alice.id,
      title: sentences[0],
      status: 'DRAFT',
      writerModel: 'own-text/sentence-split',
      prompt: null,
      approvedAt: null,
    });
    expect(row.scenes).toHaveLength(10);
    expectDensePositions(row.scenes);
    expectWholeSentences(
      row.scenes.map((s) => s.narration),
      sentences,
    );
    for (let k = 0; k < 10; k++) expect(row.scenes[k]!.narration).toBe(sentences.slice(4 * k, 4 * k + 4).join(' '));
    expect(row.scenes.every((s) => s.version === 1 && s.imageQuery === null && s.aiImagePrompt === null)).toBe(true);
    // The response lists the same scenes in order.
    expect(data.scenes.totalCount).toBe(10);
    expect(data.scenes.edges.map((e: any) => [rawId(e.node.id), e.node.position, e.node.narration])).toEqual(
      row.scenes.map((s) => [s.id, s.position, s.narration]),
    );
  });

  it('3 sentences become 3 scenes, one sentence each', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const { row } = await create(alice, { projectId: projectGid(project.id), text: 'The cat sat. The dog barked! Did the bird sing?' });
    expect(row.scenes.map((s) => [s.position, s.narration])).toEqual([
      [0, 'The cat sat.'],
      [1, 'The dog barked!'],
      [2, 'Did the bird sing?'],
    ]);
    expect(row.writerModel).toBe('own-text/sentence-split');
  });

  it('one sentence becomes one scene', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const { row } = await create(alice, { projectId: projectGid(project.id), text: '  Just one line without a full stop  ' });
    expect(row.scenes.map((s) => [s.position, s.narration])).toEqual([[0, 'Just one line without a full stop']]);
    expect(row.title).toBe('Just one line without a full stop');
  });

  it('about 100 words in 10 sentences become 4 scenes of whole sentences', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const sentences = tenWordSentences(10);
    const { row } = await create(alice, { projectId: projectGid(project.id), text: sentences.join('\n\n') });
    expect(row.scenes).toHaveLength(4);
    expectDensePositions(row.scenes);
    expectWholeSentences(
      row.scenes.map((s) => s.narration),
      sentences,
    );
    // Balanced: no scene holds more than 3 of the 10 equal sentences.
    for (const s of row.scenes) expect(s.narration.split('. ').length).toBeLessThanOrEqual(3);
  });

  it('a text of ordinary length (here up to 6,600 characters) gets 4–10 scenes, or one per sentence when it has fewer than four', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    for (const [n, expected] of [
      [4, 4],
      [5, 4],
      [20, 8],
      [60, 10],
      [120, 10],
    ] as const) {
      const sentences = tenWordSentences(n);
      const { row } = await create(alice, { projectId: projectGid(project.id), text: sentences.join(' ') });
      expect(row.scenes, `${n} sentences`).toHaveLength(expected);
      expectDensePositions(row.scenes);
      expectWholeSentences(
        row.scenes.map((s) => s.narration),
        sentences,
      );
    }
  });

  it('collapses whitespace; a line break inside a sentence does not split it', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const { row } = await create(alice, { projectId: projectGid(project.id), text: 'First   line\nstill first.\n\n\tSecond one.  Third!' });
    expect(row.scenes.map((s) => s.narration)).toEqual(['First line still first.', 'Second one.', 'Third!']);
  });

  it('keeps the given title, mode and language; defaults the language to the project’s', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice, 'de');
    const given = await create(alice, {
      projectId: projectGid(project.id),
      text: 'Eins. Zwei. Drei. Vier.',
      title: '  My title  ',
      mode: 'EXPLAINER',
      language: 'pt-BR',
    });
    expect(given.row).toMatchObject({ title: 'My title', mode: 'EXPLAINER', language: 'pt-BR' });
    const defaulted = await create(alice, { projectId: projectGid(project.id), text: 'Eins. Zwei.', title: '   ' });
    expect(defaulted.row).toMatchObject({ title: 'Eins.', mode: 'STORY', language: 'de' });
  });

  it('derives a title of at most 80 characters from the first sentence', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const first = `${'word '.repeat(40).trim()}.`;
    const { row } = await create(alice, { projectId: projectGid(project.id), text: `${first} Second sentence.` });
    expect(row.title.length).toBeLessThanOrEqual(80);
    expect(row.title.endsWith('…')).toBe(true);
    expect(first.startsWith(row.title.slice(0, -1))).toBe(true);
  });

  it('accepts text of exactly 20,000 characters: at most 30 scenes of whole sentences, none over 2,000 characters', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    // 100 sentences of ten words (175 characters each); runs of spaces between them (collapsed away)
    // pad the text to exactly 20,000 characters.
    const sentences = Array.from({ length: 100 }, (_, i) => `Go${String(i).padStart(3, '0')}${'w'.repeat(13)} ${Array(8).fill('w'.repeat(18)).join(' ')} end.`);
    expect(sentences.every((x) => x.length === 175)).toBe(true);
    let text = sentences.join(' '.repeat(25));
    text = text.replace(' '.repeat(25), ' '.repeat(25 + 20_000 - text.length));
    expect(text).toHaveLength(20_000);
    const { row } = await create(alice, { projectId: projectGid(project.id), text });
    // 17,599 characters once collapsed: ceil(17,599 / 700) scenes of three or four sentences.
    expect(row.scenes).toHaveLength(26);
    expectDensePositions(row.scenes);
    expectWholeSentences(
      row.scenes.map((s) => s.narration),
      sentences,
    );
    for (const s of row.scenes) expect(s.narration.length).toBeLessThanOrEqual(4 * 175 + 3);
  });

  it('splits 20,000 characters of a single Hindi sentence, or of Chinese without spaces, at word boundaries into at most 30 scenes', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const texts = [
      ['hi', `${'भारत एक विशाल देश है और यहाँ बहुत सी भाषाएँ बोली जाती हैं '.repeat(400).slice(0, 19_999).trimEnd()}।`],
      ['zh', '中华人民共和国是世界上人口最多的国家之一'.repeat(1000)],
    ] as const;
    for (const [language, text] of texts) {
      const { row } = await create(alice, { projectId: projectGid(project.id), text, language });
      expect(row.scenes.length).toBeGreaterThanOrEqual(10);
      expect(row.scenes.length).toBeLessThanOrEqual(30);
      for (const s of row.scenes) expect(s.narration.length).toBeLessThanOrEqual(2000);
      // Nothing lost or added: the scenes are the text, in order.
      expect(row.scenes.map((s) => s.narration).join(language === 'zh' ? '' : ' ')).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });

  it('never stores a scene narration longer than 2,000 characters', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    // One 5,000-character sentence is cut at word boundaries into scenes under the limit.
    const longSentence = `${'word '.repeat(1000).trim()}.`;
    const r = await gqlOk(CREATE, { input: { projectId: projectGid(project.id), text: `${longSentence} Short.` } }, alice.key);
    expect(r.createScript.__typename).toBe('CreateScriptSuccess');
    const scenes = await prisma.scene.findMany({ where: { scriptId: rawId(r.createScript.data.id) }, orderBy: { position: 'asc' } });
    expect(scenes.length).toBeGreaterThan(2);
    for (const s of scenes) expect(s.narration.length).toBeLessThanOrEqual(2000);
    expect(scenes.map((s) => s.narration).join(' ')).toBe(`${longSentence} Short.`);
    // Near the text limit, short sentences.
    const near = tenWordSentences(400).join(' ').slice(0, 19_990);
    const r2 = await gqlOk(CREATE, { input: { projectId: projectGid(project.id), text: near.slice(0, near.lastIndexOf('.') + 1) } }, alice.key);
    expect(r2.createScript.__typename).toBe('CreateScriptSuccess');
    const scenes2 = await prisma.scene.findMany({ where: { scriptId: rawId(r2.createScript.data.id) } });
    expect(scenes2.length).toBeLessThanOrEqual(30);
    for (const s of scenes2) expect(s.narration.length).toBeLessThanOrEqual(2000);
  });

  it('refuses blank text, text over 20,000 characters, a long title, a bad language and a bad pause mark; writes nothing', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const projectId = projectGid(project.id);
    const before = await snapshotOf(alice.id);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ projectId, text: '' }, ['input', 'text']],
      [{ projectId, text: '   \n\t ' }, ['input', 'text']],
      [{ projectId, text: 'a'.repeat(20_001) }, ['input', 'text']],
      [{ projectId, text: `${'Hello there. '.repeat(1600)}` }, ['input', 'text']],
      [{ projectId, text: 'Fine.', title: 't'.repeat(201) }, ['input', 'title']],
      [{ projectId, text: 'Fine.', language: 'not a tag!' }, ['input', 'language']],
      [{ projectId, text: 'Wait. [pause 10s] Go.' }, ['input', 'text']],
    ];
    for (const [input, path] of cases) {
      const r = await gqlOk(CREATE, { input }, alice.key);
      expect(r.createScript.__typename, JSON.stringify(input).slice(0, 80)).toBe('ValidationError');
      expect(r.createScript.fields.map((f: { path: string[] }) => f.path)).toContainEqual(path);
    }
    const paused = await gqlOk(CREATE, { input: { projectId, text: 'Wait. [pause 10s] Go.' } }, alice.key);
    expect(paused.createScript.fields).toEqual([{ path: ['input', 'text'], message: 'pause of 10 s at character 7: pauses are 0.1–5 s' }]);
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect(await prisma.script.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("another user's project answers NotFoundError and nothing is written for either user", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const project = await newProject(alice);
    const before = await snapshotOf(alice.id);
    const bobBefore = await snapshotOf(bob.id);
    const id = projectGid(project.id);
    const r = await gqlOk(CREATE, { input: { projectId: id, text: 'Mine now. Or not.' } }, bob.key);
    expect(r.createScript).toEqual({ __typename: 'NotFoundError', message: `Project ${id} was not found`, id, typename: 'Project' });
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect(await snapshotOf(bob.id)).toEqual(bobBefore);
    expect(await prisma.script.count({ where: { ownerId: bob.id } })).toBe(0);
  });

  it('needs an API key', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const r = await gql(CREATE, { input: { projectId: projectGid(project.id), text: 'Hello.' } });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await prisma.script.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe('renameScript', () => {
  it('renames (trimmed) and keeps status and scenes', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 3);
    await prisma.script.update({ where: { id: script.id }, data: { status: 'APPROVED', approvedAt: new Date() } });
    const scenesBefore = await prisma.scene.findMany({ where: { scriptId: script.id }, orderBy: { id: 'asc' } });
    const r = await gqlOk(RENAME, { id: scriptGid(script.id), title: '  Better title ' }, alice.key);
    expect(r.renameScript).toEqual({ __typename: 'RenameScriptSuccess', data: { id: scriptGid(script.id), title: 'Better title', status: 'APPROVED' } });
    const row = await prisma.script.findUniqueOrThrow({ where: { id: script.id } });
    expect(row.title).toBe('Better title');
    expect(row.status).toBe('APPROVED');
    expect(await prisma.scene.findMany({ where: { scriptId: script.id }, orderBy: { id: 'asc' } })).toEqual(scenesBefore);
  });

  it('refuses a blank or too-long title, naming it; writes nothing', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 2);
    const before = await snapshotOf(alice.id);
    for (const title of ['', '   ', 't'.repeat(201)]) {
      const r = await gqlOk(RENAME, { id: scriptGid(script.id), title }, alice.key);
      expect(r.renameScript.__typename).toBe('ValidationError');
      expect(r.renameScript.fields.map((f: { path: string[] }) => f.path)).toContainEqual(['title']);
    }
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it("another user's script answers NotFoundError and is unchanged", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { script } = await seedScript(alice, 2);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(RENAME, { id: scriptGid(script.id), title: 'Stolen' }, bob.key);
    expect(r.renameScript).toEqual({
      __typename: 'NotFoundError',
      message: `Script ${scriptGid(script.id)} was not found`,
      id: scriptGid(script.id),
      typename: 'Script',
    });
    expect(await snapshotOf(alice.id)).toEqual(before);
  });
});

describe('approveScript', () => {
  it('approves a draft, stamping approvedAt; approving again keeps the first stamp', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 2);
    const t0 = Date.now();
    const r = await gqlOk(APPROVE, { id: scriptGid(script.id) }, alice.key);
    expect(r.approveScript.__typename).toBe('ApproveScriptSuccess');
    expect(r.approveScript.data.status).toBe('APPROVED');
    const row = await prisma.script.findUniqueOrThrow({ where: { id: script.id } });
    expect(row.status).toBe('APPROVED');
    expect(row.approvedAt).not.toBeNull();
    expect(row.approvedAt!.getTime()).toBeGreaterThanOrEqual(t0 - 5_000);
    expect(r.approveScript.data.approvedAt).toBe(row.approvedAt!.toISOString());

    const again = await gqlOk(APPROVE, { id: scriptGid(script.id) }, alice.key);
    expect(again.approveScript.data).toEqual(r.approveScript.data);
    expect((await prisma.script.findUniqueOrThrow({ where: { id: script.id } })).approvedAt).toEqual(row.approvedAt);
  });

  it('refuses a script with no scenes, naming the id; writes nothing', async () => {
    const alice = await createUser('alice');
    const { script } = await seedScript(alice, 0);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(APPROVE, { id: scriptGid(script.id) }, alice.key);
    expect(r.approveScript.__typename).toBe('ValidationError');
    expect(r.approveScript.fields).toEqual([{ path: ['id'], message: 'a script needs at least one scene to be approved' }]);
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect((await prisma.script.findUniqueOrThrow({ where: { id: script.id } })).status).toBe('DRAFT');
  });

  it('an edit after approval returns it to draft, and it can be approved again', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 2);
    await gqlOk(APPROVE, { id: scriptGid(script.id) }, alice.key);
    const upd = await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: sceneGid(scenes[0]!.id), version: 1, narration: 'Edited.' } },
      alice.key,
    );
    expect(upd.updateScene.__typename).toBe('UpdateSceneSuccess');
    expect(await prisma.script.findUniqueOrThrow({ where: { id: script.id } })).toMatchObject({ status: 'DRAFT', approvedAt: null });
    const r = await gqlOk(APPROVE, { id: scriptGid(script.id) }, alice.key);
    expect(r.approveScript.data.status).toBe('APPROVED');
    expect((await prisma.script.findUniqueOrThrow({ where: { id: script.id } })).status).toBe('APPROVED');
  });

  it("another user's script answers NotFoundError and stays a draft", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { script } = await seedScript(alice, 2);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(APPROVE, { id: scriptGid(script.id) }, bob.key);
    expect(r.approveScript.__typename).toBe('NotFoundError');
    expect(r.approveScript.id).toBe(scriptGid(script.id));
    expect(await snapshotOf(alice.id)).toEqual(before);
  });
});

describe('deleteScript', () => {
  it('deletes the script and its scenes', async () => {
    const alice = await createUser('alice');
    const { script, scenes, project } = await seedScript(alice, 3);
    const other = await seedScript(alice, 2);
    const r = await gqlOk(DELETE, { id: scriptGid(script.id) }, alice.key);
    expect(r.deleteScript).toEqual({ __typename: 'DeleteScriptSuccess', data: { deletedId: scriptGid(script.id) } });
    expect(await prisma.script.findUnique({ where: { id: script.id } })).toBeNull();
    expect(await prisma.scene.count({ where: { id: { in: scenes.map((s) => s.id) } } })).toBe(0);
    // The project and other scripts stay.
    expect(await prisma.project.findUnique({ where: { id: project.id } })).not.toBeNull();
    expect(await prisma.scene.count({ where: { scriptId: other.script.id } })).toBe(2);
    expect((await gqlOk(`query($id: ID!) { node(id: $id) { id } }`, { id: scriptGid(script.id) }, alice.key)).node).toBeNull();
    expect((await gqlOk(`query($id: ID!) { node(id: $id) { id } }`, { id: sceneGid(scenes[0]!.id) }, alice.key)).node).toBeNull();
    // Deleting again: not found.
    const again = await gqlOk(DELETE, { id: scriptGid(script.id) }, alice.key);
    expect(again.deleteScript.__typename).toBe('NotFoundError');
  });

  it("another user's script answers NotFoundError and is not deleted", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { script } = await seedScript(alice, 3);
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(DELETE, { id: scriptGid(script.id) }, bob.key);
    expect(r.deleteScript).toEqual({
      __typename: 'NotFoundError',
      message: `Script ${scriptGid(script.id)} was not found`,
      id: scriptGid(script.id),
      typename: 'Script',
    });
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('deleting while scenes are being edited does not error out', async () => {
    const alice = await createUser('alice');
    for (let round = 0; round < 4; round++) {
      const { script, scenes } = await seedScript(alice, 4);
      await prisma.script.update({ where: { id: script.id }, data: { status: 'APPROVED', approvedAt: new Date() } });
      const rs = await Promise.all([
        gql(
          `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
          { input: { id: sceneGid(scenes[1]!.id), version: 1, narration: 'Racing.' } },
          alice.key,
        ),
        gql(DELETE, { id: scriptGid(script.id) }, alice.key),
        gql(`mutation($id: ID!, $p: Int!) { moveScene(id: $id, position: $p) { __typename } }`, { id: sceneGid(scenes[0]!.id), p: 3 }, alice.key),
      ]);
      for (const r of rs) expect(r.errors).toBeUndefined();
      expect(rs[1]!.data.deleteScript.__typename).toBe('DeleteScriptSuccess');
      expect(['UpdateSceneSuccess', 'NotFoundError']).toContain(rs[0]!.data.updateScene.__typename);
      expect(['MoveSceneSuccess', 'NotFoundError']).toContain(rs[2]!.data.moveScene.__typename);
      expect(await prisma.script.findUnique({ where: { id: script.id } })).toBeNull();
      expect(await prisma.scene.count({ where: { scriptId: script.id } })).toBe(0);
    }
  });
});

describe('selecting only __typename', () => {
  it('every script mutation works when the client selects none of the result fields', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const created = await gqlOk(
      `mutation($input: CreateScriptInput!) { createScript(input: $input) { __typename } }`,
      { input: { projectId: projectGid(project.id), text: 'One. Two. Three.' } },
      alice.key,
    );
    expect(created.createScript).toEqual({ __typename: 'CreateScriptSuccess' });
    const script = await prisma.script.findFirstOrThrow({ where: { projectId: project.id } });
    expect(await prisma.scene.count({ where: { scriptId: script.id } })).toBe(3);
    const id = scriptGid(script.id);
    const renamed = await gqlOk(`mutation($id: ID!) { renameScript(id: $id, title: "Renamed") { __typename } }`, { id }, alice.key);
    expect(renamed.renameScript).toEqual({ __typename: 'RenameScriptSuccess' });
    expect((await prisma.script.findUniqueOrThrow({ where: { id: script.id } })).title).toBe('Renamed');
    const approved = await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id }, alice.key);
    expect(approved.approveScript).toEqual({ __typename: 'ApproveScriptSuccess' });
    expect((await prisma.script.findUniqueOrThrow({ where: { id: script.id } })).status).toBe('APPROVED');
    const again = await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id }, alice.key);
    expect(again.approveScript).toEqual({ __typename: 'ApproveScriptSuccess' });
    const deleted = await gqlOk(`mutation($id: ID!) { deleteScript(id: $id) { __typename } }`, { id }, alice.key);
    expect(deleted.deleteScript).toEqual({ __typename: 'DeleteScriptSuccess' });
    expect(await prisma.script.findUnique({ where: { id: script.id } })).toBeNull();
  });
});

describe('Script queries', () => {
  it('node(id) returns your script with its scenes in position order and its project', async () => {
    const alice = await createUser('alice');
    const { script, scenes, project } = await seedScript(alice, 4);
    // Reorder in the database so that position order differs from creation/id order.
    await prisma.$transaction([
      prisma.scene.update({ where: { id: scenes[0]!.id }, data: { position: 3 } }),
      prisma.scene.update({ where: { id: scenes[3]!.id }, data: { position: 0 } }),
    ]);
    const r = await gqlOk(NODE, { id: scriptGid(script.id) }, alice.key);
    expect(r.node).toMatchObject({
      __typename: 'Script',
      id: scriptGid(script.id),
      title: 'S',
      status: 'DRAFT',
      writerModel: 'test',
      project: { id: projectGid(project.id) },
    });
    expect(r.node.scenes.totalCount).toBe(4);
    expect(r.node.scenes.edges.map((e: any) => [e.node.id, e.node.position, e.node.narration])).toEqual([
      [sceneGid(scenes[3]!.id), 0, 'Scene 3.'],
      [sceneGid(scenes[1]!.id), 1, 'Scene 1.'],
      [sceneGid(scenes[2]!.id), 2, 'Scene 2.'],
      [sceneGid(scenes[0]!.id), 3, 'Scene 0.'],
    ]);
  });

  it('the scenes connection pages in position order', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 5);
    const PAGE = `query($id: ID!, $after: String) { node(id: $id) { ... on Script {
      scenes(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id position } } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const r: any = await gqlOk(PAGE, { id: scriptGid(script.id), after }, alice.key);
      const conn = r.node.scenes;
      expect(conn.totalCount).toBe(5);
      seen.push(...conn.edges.map((e: any) => rawId(e.node.id)));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(scenes.map((s) => s.id));
  });

  it('scene.script leads back to the script', async () => {
    const alice = await createUser('alice');
    const { script, scenes } = await seedScript(alice, 2);
    const r = await gqlOk(
      `query($id: ID!) { node(id: $id) { ... on Scene { position script { id title scenes(first: 5) { totalCount } } } } }`,
      { id: sceneGid(scenes[1]!.id) },
      alice.key,
    );
    expect(r.node).toEqual({ position: 1, script: { id: scriptGid(script.id), title: 'S', scenes: { totalCount: 2 } } });
  });

  it('a script created through the API reads back identically through node(id)', async () => {
    const alice = await createUser('alice');
    const project = await newProject(alice);
    const { data } = await create(alice, { projectId: projectGid(project.id), text: tenWordSentences(12).join(' ') });
    const r = await gqlOk(NODE, { id: data.id }, alice.key);
    expect(r.node).toMatchObject({ ...data, project: { id: projectGid(project.id) } });
  });

  it("another user's script (and an anonymous caller) get null; nothing changes", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { script } = await seedScript(alice, 2);
    const before = await snapshotOf(alice.id);
    expect((await gqlOk(NODE, { id: scriptGid(script.id) }, bob.key)).node).toBeNull();
    expect((await gqlOk(NODE, { id: scriptGid(script.id) })).node).toBeNull();
    expect((await gqlOk(NODE, { id: scriptGid('00000000-0000-4000-8000-000000000000') }, alice.key)).node).toBeNull();
    // Bob's project list shows nothing of Alice's.
    const list = await gqlOk(`{ projects(first: 5) { totalCount } }`, {}, bob.key);
    expect(list.projects.totalCount).toBe(0);
    expect(await snapshotOf(alice.id)).toEqual(before);
  });
});
