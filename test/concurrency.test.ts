// Many clients at once, over real HTTP: edits of one script racing each other (optimistic
// versions, the script's row lock, dense positions), and a burst of renders through in-process
// workers. Every call must end in a result or a typed error, never a 500, and nothing may be lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Rate limits have their own tests; a burst here must meet the code under test, not a 429.
Object.assign(process.env, { RATE_LIMIT: 'none', RATE_LIMIT_ANONYMOUS: 'none', RATE_LIMIT_COSTLY: 'none' });

const { createUser, globalId, prisma, rawId, seedScript } = await import('./helpers.js');
const { approvedScript, closeRenderInfra, enqueue, startWorkers } = await import('./renderHelpers.js');
const { startServer } = await import('../src/server.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
});
afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  body: any;
}

/** One operation over real HTTP; the answer's status and parsed body (never throws on an error). */
async function call(key: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { unparsed: text };
  }
  return { status: res.status, body };
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const READ_SCENE = `query($id: ID!) { node(id: $id) { ... on Scene { version } } }`;
const UPDATE = `mutation($input: UpdateSceneInput!) { updateScene(input: $input) {
  __typename
  ... on UpdateSceneSuccess { data { id version narration position } }
  ... on VersionConflictError { message expectedVersion currentVersion }
  ... on Error { message } } }`;
const MOVE = `mutation($id: ID!, $position: Int!) { moveScene(id: $id, position: $position) {
  __typename ... on MoveSceneSuccess { data { id position } } ... on Error { message } } }`;

/** Whatever came back must be a typed result: never a 5xx, never a top-level (masked) error. */
function expectTyped(a: Answer, what: string) {
  expect(a.status, `${what}: HTTP ${a.status} ${JSON.stringify(a.body)}`).toBe(200);
  expect(a.body.errors, `${what}: ${JSON.stringify(a.body)}`).toBeUndefined();
}

async function sceneRows(scriptId: string) {
  return prisma.scene.findMany({ where: { scriptId }, orderBy: { position: 'asc' }, select: { id: true, position: true, version: true, narration: true } });
}

describe('50 parallel updateScene / moveScene calls on one script', () => {
  const SCENES = 6;
  const CALLS = 50;

  // Three rounds with different seeds: each round is one burst of 50 calls, racing.
  it.each([[0x5eed01], [0x5eed02], [0x5eed03]])('keeps positions dense and loses no update (seed %i)', { timeout: 60_000 }, async (seed) => {
    const random = prng(seed);
    const user = await createUser('racer');
    const { script, scenes } = await seedScript(user, SCENES);
    const ids = scenes.map((s) => globalId('Scene', s.id));
    const initial = new Map(scenes.map((s) => [s.id, s.version]));

    type Planned = { kind: 'update'; scene: string; text: string } | { kind: 'move'; scene: string; position: number };
    const plan: Planned[] = Array.from({ length: CALLS }, (_, i) => {
      const scene = ids[Math.floor(random() * SCENES)]!;
      return random() < 0.6
        ? { kind: 'update', scene, text: `Edit ${i} of seed ${seed}, ${Math.floor(random() * 1e9)}.` }
        : { kind: 'move', scene, position: Math.floor(random() * SCENES) };
    });

    // Each client reads the version it edits, then writes; all 50 at once.
    const started = Date.now();
    const results = await Promise.all(
      plan.map(async (p) => {
        // A little jitter so reads and writes interleave differently from round to round.
        await new Promise((r) => setTimeout(r, Math.floor(random() * 20)));
        if (p.kind === 'move') return { p, a: await call(user.key, MOVE, { id: p.scene, position: p.position }) };
        const read = await call(user.key, READ_SCENE, { id: p.scene });
        expectTyped(read, 'read');
        const version = read.body.data.node.version as number;
        return { p, version, a: await call(user.key, UPDATE, { input: { id: p.scene, version, narration: p.text } }) };
      }),
    );
    const elapsed = Date.now() - started;

    const successes = new Map<string, { version: number; text: string }[]>();
    let conflicts = 0;
    let moves = 0;
    for (const r of results) {
      expectTyped(r.a, `${r.p.kind} ${JSON.stringify(r.p)}`);
      if (r.p.kind === 'move') {
        const m = r.a.body.data.moveScene;
        // Every position asked for exists, so every move succeeds and lands where it was asked to.
        expect(m, JSON.stringify(m)).toEqual({ __typename: 'MoveSceneSuccess', data: { id: r.p.scene, position: r.p.position } });
        moves++;
        continue;
      }
      const u = r.a.body.data.updateScene;
      if (u.__typename === 'VersionConflictError') {
        conflicts++;
        expect(u.expectedVersion).toBe((r as { version: number }).version);
        expect(u.currentVersion).toBeGreaterThan(u.expectedVersion);
        expect(u.message).toMatch(/is at version \d+, not \d+/);
        continue;
      }
      expect(u.__typename, JSON.stringify(u)).toBe('UpdateSceneSuccess');
      // A success is exactly one step past the version the client read, with the client's text.
      expect(u.data.version).toBe((r as { version: number }).version + 1);
      expect(u.data.narration).toBe(r.p.text);
      const raw = rawId(r.p.scene);
      successes.set(raw, [...(successes.get(raw) ?? []), { version: u.data.version, text: r.p.text }]);
    }

    const rows = await sceneRows(script.id);
    // Dense, unique positions 0..n-1, the same scenes.
    expect(rows.map((r) => r.position)).toEqual([...Array(SCENES).keys()]);
    expect(rows.map((r) => r.id).sort()).toEqual(scenes.map((s) => s.id).sort());
    for (const row of rows) {
      const won = (successes.get(row.id) ?? []).sort((a, b) => a.version - b.version);
      const first = initial.get(row.id)!;
      // No lost update: each success took the next version, and the last one's text is what is stored.
      expect(won.map((w) => w.version)).toEqual(won.map((_, i) => first + 1 + i));
      expect(row.version).toBe(first + won.length);
      expect(row.narration).toBe(won.length > 0 ? won.at(-1)!.text : scenes.find((s) => s.id === row.id)!.narration);
    }
    const updates = plan.filter((p) => p.kind === 'update').length;
    expect(conflicts + [...successes.values()].flat().length).toBe(updates);
    expect(moves).toBe(CALLS - updates);
    console.log(`seed ${seed}: ${updates} updates (${updates - conflicts} won, ${conflicts} conflicts), ${moves} moves in ${elapsed} ms`);
  });

  it('keeps positions dense when adds, removes and moves race too', { timeout: 60_000 }, async () => {
    const random = prng(0xadd5);
    const user = await createUser('shuffler');
    const { script } = await seedScript(user, 8);
    const scriptId = globalId('Script', script.id);
    const known = (await sceneRows(script.id)).map((s) => globalId('Scene', s.id));
    const ADD = `mutation($input: AddSceneInput!) { addScene(input: $input) { __typename ... on AddSceneSuccess { data { id position } } ... on Error { message } } }`;
    const REMOVE = `mutation($id: ID!) { removeScene(id: $id) { __typename ... on RemoveSceneSuccess { data { deletedId } } ... on Error { message } } }`;

    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, Math.floor(random() * 20)));
        const roll = random();
        const scene = known[Math.floor(random() * known.length)]!;
        if (roll < 0.35)
          return { kind: 'add', a: await call(user.key, ADD, { input: { scriptId, narration: `Added ${i}.`, position: Math.floor(random() * 4) } }) };
        if (roll < 0.6) return { kind: 'remove', scene, a: await call(user.key, REMOVE, { id: scene }) };
        return { kind: 'move', scene, a: await call(user.key, MOVE, { id: scene, position: Math.floor(random() * 4) }) };
      }),
    );
    let added = 0;
    const removed = new Set<string>();
    for (const r of results) {
      expectTyped(r.a, r.kind);
      const out = Object.values(r.a.body.data)[0] as { __typename: string; message?: string };
      if (r.kind === 'add') {
        expect(out.__typename, JSON.stringify(out)).toBe('AddSceneSuccess');
        added++;
      } else if (out.__typename === 'RemoveSceneSuccess') {
        // A scene is removed once; a second remove (or a move) of it finds nothing.
        expect(removed.has(r.scene!)).toBe(false);
        removed.add(r.scene!);
      } else if (out.__typename === 'ValidationError') {
        // The script shrank below the position asked for, or this was its last scene.
        expect(out.message).toMatch(/must be between 0 and|keeps at least one scene/);
      } else if (out.__typename !== 'MoveSceneSuccess') {
        expect(out.__typename, JSON.stringify(out)).toBe('NotFoundError');
        expect(
          results.some((o) => o.kind === 'remove' && o.scene === r.scene),
          JSON.stringify(out),
        ).toBe(true);
      }
    }
    const rows = await sceneRows(script.id);
    expect(rows.map((r) => r.position)).toEqual([...Array(rows.length).keys()]);
    expect(rows.length).toBe(8 + added - removed.size);
    for (const id of removed) expect(rows.some((r) => r.id === rawId(id))).toBe(false);
  });
});

describe('20 renders enqueued at once', () => {
  const RENDERS = 20;
  let workers: ReturnType<typeof startWorkers> | null = null;
  let user: TestUser;

  beforeAll(async () => {
    user = await createUser('burst');
  });
  afterAll(async () => {
    await closeRenderInfra(workers);
  });

  it(`all ${RENDERS} finish SUCCEEDED within 240 s`, { timeout: 300_000 }, async () => {
    const scripts = [];
    for (let i = 0; i < RENDERS; i++) {
      const sentences = i % 2 === 0 ? [`Render ${i} starts here.`] : [`Render ${i} has a sentence.`, 'Then it ends.'];
      scripts.push(await approvedScript(user, sentences));
    }
    workers = startWorkers(['media', 'voice', 'compose']);
    const options = { resolution: 'P480', fps: 24, preset: 'ULTRAFAST' };

    const started = Date.now();
    const queued = await Promise.all(scripts.map((s) => enqueue(user, s.scriptId, options)));
    expect(queued.map((q) => q.status)).toEqual(Array(RENDERS).fill('QUEUED'));
    const ids = queued.map((q) => rawId(q.id));
    expect(new Set(ids).size).toBe(RENDERS);

    const deadline = started + 240_000;
    let renders = await prisma.render.findMany({ where: { id: { in: ids } } });
    while (renders.some((r) => !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(r.status)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      renders = await prisma.render.findMany({ where: { id: { in: ids } } });
    }
    const elapsed = Date.now() - started;
    const byStatus = renders.reduce<Record<string, number>>((acc, r) => {
      acc[r.status] = (acc[r.status] ?? 0) + 1;
      return acc;
    }, {});
    const failures = renders.filter((r) => r.status !== 'SUCCEEDED').map((r) => `${r.id} ${r.status} ${r.errorStage ?? ''}: ${r.errorMessage ?? ''}`);
    const spans = renders.filter((r) => r.startedAt && r.finishedAt).map((r) => r.finishedAt!.getTime() - r.startedAt!.getTime());
    console.log(
      `${RENDERS} renders: ${JSON.stringify(byStatus)} in ${elapsed} ms; per render (started → finished) ` +
        `min ${Math.min(...spans)} ms, max ${Math.max(...spans)} ms, mean ${Math.round(spans.reduce((a, b) => a + b, 0) / Math.max(1, spans.length))} ms`,
    );
    expect(failures, failures.join('\n')).toEqual([]);
    expect(elapsed).toBeLessThan(240_000);

    // Each render has its own output, and every stage ended once, successfully.
    for (const r of renders) {
      expect(r.outputAssetId, r.id).toBeTruthy();
      const stages = await prisma.renderStage.findMany({ where: { renderId: r.id } });
      expect(stages.length, r.id).toBeGreaterThan(0);
      for (const s of stages) expect(['SUCCEEDED', 'SKIPPED'], `${r.id} ${s.name}: ${s.status} ${s.error ?? ''}`).toContain(s.status);
    }
    expect(new Set(renders.map((r) => r.outputAssetId)).size).toBe(RENDERS);
  });
});
