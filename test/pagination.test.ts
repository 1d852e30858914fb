import { describe, expect, it } from 'vitest';
import { createUser, globalId, gql, gqlOk, prisma, seedAsset, seedRender, seedScript, type TestUser } from './helpers.js';

// Every Relay connection of the API, walked the same way: seeded straight in the database,
// read back through GraphQL, compared with the order the schema documents.

const DECL = '$first: Int, $after: String, $last: Int, $before: String';
const ARGS = 'first: $first, after: $after, last: $last, before: $before';
const SEL = '{ totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }';

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface Seeded {
  key?: string;
  vars: Record<string, unknown>;
  /** Global ids of the items, in the order the connection documents. */
  expected: string[];
}

interface ConnectionCase {
  name: string;
  query: string;
  pick(data: any): Page;
  seed(count: number): Promise<Seeded>;
}

const BASE = Date.UTC(2030, 0, 1);
/** Pairs of items share a timestamp, so the id tie-break is exercised too. */
const tick = (i: number) => new Date(BASE + Math.floor(i / 2) * 1000);

function byTimeThenId(dir: 'asc' | 'desc') {
  const s = dir === 'asc' ? 1 : -1;
  return (a: { at: Date; id: string }, b: { at: Date; id: string }) => s * (a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function seedProjects(count: number): Promise<{ user: TestUser; expected: string[] }> {
  const user = await createUser('pager');
  const rows = [];
  for (let i = 0; i < count; i++) {
    rows.push(await prisma.project.create({ data: { ownerId: user.id, title: `P${i}`, createdAt: tick(i) } }));
  }
  const expected = rows
    .map((r) => ({ at: r.createdAt, id: r.id }))
    .sort(byTimeThenId('desc'))
    .map((r) => globalId('Project', r.id));
  return { user, expected };
}

const cases: ConnectionCase[] = [
  {
    name: 'projects (newest first)',
    query: `query(${DECL}) { conn: projects(${ARGS}) ${SEL} }`,
    pick: (d) => d.conn,
    seed: async (count) => {
      const { user, expected } = await seedProjects(count);
      return { key: user.key, vars: {}, expected };
    },
  },
  {
    name: 'viewer.projects (newest first)',
    query: `query(${DECL}) { viewer { conn: projects(${ARGS}) ${SEL} } }`,
    pick: (d) => d.viewer.conn,
    seed: async (count) => {
      const { user, expected } = await seedProjects(count);
      return { key: user.key, vars: {}, expected };
    },
  },
  {
    name: 'project.scripts (newest first)',
    query: `query($id: ID!, ${DECL}) { node(id: $id) { ... on Project { conn: scripts(${ARGS}) ${SEL} } } }`,
    pick: (d) => d.node.conn,
    seed: async (count) => {
      const user = await createUser('pager');
      const project = await prisma.project.create({ data: { ownerId: user.id, title: 'P' } });
      const rows = [];
      for (let i = 0; i < count; i++) {
        rows.push(
          await prisma.script.create({
            data: { projectId: project.id, ownerId: user.id, title: `S${i}`, writerModel: 'test', createdAt: tick(i) },
          }),
        );
      }
      const expected = rows
        .map((r) => ({ at: r.createdAt, id: r.id }))
        .sort(byTimeThenId('desc'))
        .map((r) => globalId('Script', r.id));
      return { key: user.key, vars: { id: globalId('Project', project.id) }, expected };
    },
  },
  {
    name: 'script.scenes (by position)',
    query: `query($id: ID!, ${DECL}) { node(id: $id) { ... on Script { conn: scenes(${ARGS}) ${SEL} } } }`,
    pick: (d) => d.node.conn,
    seed: async (count) => {
      const user = await createUser('pager');
      const { script } = await seedScript(user, 0);
      // Inserted in a scrambled order, so neither insertion order nor id order is position order.
      const positions = Array.from({ length: count }, (_, i) => (i * 3) % count);
      const byPosition = new Map<number, string>();
      for (const position of positions) {
        const scene = await prisma.scene.create({ data: { scriptId: script.id, position, narration: `At ${position}.` } });
        byPosition.set(position, scene.id);
      }
      const expected = [...byPosition.keys()].sort((a, b) => a - b).map((p) => globalId('Scene', byPosition.get(p)!));
      return { key: user.key, vars: { id: globalId('Script', script.id) }, expected };
    },
  },
  {
    name: 'scene.assets (oldest first)',
    query: `query($id: ID!, ${DECL}) { node(id: $id) { ... on Scene { conn: assets(${ARGS}) ${SEL} } } }`,
    pick: (d) => d.node.conn,
    seed: async (count) => {
      const user = await createUser('pager');
      const { project, scenes } = await seedScript(user, 1);
      const rows = [];
      for (let i = 0; i < count; i++) rows.push(await seedAsset(project.id, { sceneId: scenes[0]!.id, createdAt: tick(count - i) }));
      const expected = rows
        .map((r) => ({ at: r.createdAt, id: r.id }))
        .sort(byTimeThenId('asc'))
        .map((r) => globalId('Asset', r.id));
      return { key: user.key, vars: { id: globalId('Scene', scenes[0]!.id) }, expected };
    },
  },
  {
    name: 'script.renders (newest first)',
    query: `query($id: ID!, ${DECL}) { node(id: $id) { ... on Script { conn: renders(${ARGS}) ${SEL} } } }`,
    pick: (d) => d.node.conn,
    seed: async (count) => {
      const user = await createUser('pager');
      const { script } = await seedScript(user, 1);
      const rows = [];
      for (let i = 0; i < count; i++) rows.push(await seedRender(script.id, user.id, { createdAt: tick(i) }));
      const expected = rows
        .map((r) => ({ at: r.createdAt, id: r.id }))
        .sort(byTimeThenId('desc'))
        .map((r) => globalId('Render', r.id));
      return { key: user.key, vars: { id: globalId('Script', script.id) }, expected };
    },
  },
  {
    name: 'render.stages (by position, then name)',
    query: `query($id: ID!, ${DECL}) { node(id: $id) { ... on Render { conn: stages(${ARGS}) ${SEL} } } }`,
    pick: (d) => d.node.conn,
    seed: async (count) => {
      const user = await createUser('pager');
      const { script } = await seedScript(user, 1);
      const render = await seedRender(script.id, user.id);
      const rows = [];
      // Positions repeat (0,0,1,1,...) and names run backwards, so the name tie-break matters.
      for (let i = 0; i < count; i++) {
        rows.push(
          await prisma.renderStage.create({
            data: { renderId: render.id, name: `stage-${String(count - i).padStart(2, '0')}`, position: Math.floor(i / 2) },
          }),
        );
      }
      const expected = rows.sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : 1)).map((r) => globalId('RenderStage', r.id));
      return { key: user.key, vars: { id: globalId('Render', render.id) }, expected };
    },
  },
  {
    name: 'reels (newest published first, anonymous)',
    query: `query(${DECL}) { conn: reels(${ARGS}) ${SEL} }`,
    pick: (d) => d.conn,
    seed: async (count) => {
      // The feed is global: start this file's schema from no public reels.
      await prisma.render.deleteMany({ where: { published: true } });
      const user = await createUser('pager');
      const { script } = await seedScript(user, 1);
      const rows = [];
      for (let i = 0; i < count; i++) {
        rows.push(await seedRender(script.id, user.id, { status: 'SUCCEEDED', published: true, publishedAt: tick(i) }));
      }
      // Not public: a draft render and a published-but-failed one.
      await seedRender(script.id, user.id, { status: 'SUCCEEDED', published: false });
      await seedRender(script.id, user.id, { status: 'FAILED', published: true, publishedAt: tick(99) });
      const expected = rows
        .map((r) => ({ at: r.publishedAt!, id: r.id }))
        .sort(byTimeThenId('desc'))
        .map((r) => globalId('Reel', r.id));
      return { vars: {}, expected };
    },
  },
];

async function page(c: ConnectionCase, s: Seeded, args: Record<string, unknown>): Promise<Page> {
  return c.pick(await gqlOk(c.query, { ...s.vars, ...args }, s.key));
}

const ids = (p: Page) => p.edges.map((e) => e.node.id);

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe.each(cases)('connection $name', (c) => {
  it('is empty with no items', async () => {
    const s = await c.seed(0);
    const p = await page(c, s, { first: 5 });
    expect(p).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('returns exactly a full page with hasNextPage false, and nothing after its last cursor', async () => {
    const s = await c.seed(5);
    const p = await page(c, s, { first: 5 });
    expect(p.totalCount).toBe(5);
    expect(ids(p)).toEqual(s.expected);
    expect(p.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(p.pageInfo.endCursor).toBe(p.edges[4]!.cursor);

    const after = await page(c, s, { first: 5, after: p.pageInfo.endCursor });
    expect(after.edges).toEqual([]);
    expect(after.pageInfo.hasNextPage).toBe(false);
    expect(after.totalCount).toBe(5);
  });

  it('walks forward with first/after through every item once, in the documented order', async () => {
    const s = await c.seed(7);
    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p: Page = await page(c, s, { first: 2, after });
      seen.push(...ids(p));
      hasNext.push(p.pageInfo.hasNextPage);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(s.expected);
    expect(new Set(seen).size).toBe(7);
    expect(hasNext).toEqual([true, true, true, false]);
  });

  it('walks backward with last/before through every item once', async () => {
    const s = await c.seed(7);
    const pages: string[][] = [];
    const hasPrev: boolean[] = [];
    let before: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p: Page = await page(c, s, { last: 2, before });
      pages.unshift(ids(p));
      hasPrev.push(p.pageInfo.hasPreviousPage);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(pages[pages.length - 1]).toEqual(s.expected.slice(-2));
    expect(pages.flat()).toEqual(s.expected);
    expect(hasPrev).toEqual([true, true, true, false]);
  });

  it.each([
    ['garbage', 'garbage'],
    ['a global id instead of a cursor', b64('Project:6f1c1c7e-3f5b-4a7e-9a55-2d1f1d5c9b10')],
    ['a cursor-shaped string that is not a uuid', b64('GPC:S:not-a-uuid')],
    ['a cursor holding JSON', b64('GPC:J:{"a":1}')],
    ['a cursor holding a number', b64('GPC:N:5')],
  ])('refuses an invalid cursor (%s) with a clear error naming it', async (_label, cursor) => {
    const s = await c.seed(1);
    for (const args of [
      { first: 2, after: cursor },
      { last: 2, before: cursor },
    ]) {
      const r = await gql(c.query, { ...s.vars, ...args }, s.key);
      expect(r.status).not.toBe(500);
      expect(r.errors?.length, JSON.stringify(r)).toBeGreaterThan(0);
      const message = r.errors![0]!.message;
      expect(message).not.toMatch(/Unexpected error/);
      expect(message).toContain(cursor);
      expect(message).toMatch(/cursor/i);
      expect(message).toContain('after' in args ? '"after"' : '"before"');
      expect(r.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('page size limits', () => {
  it('clamps first above the documented maximum (100) to 100 and says there is more', async () => {
    const user = await createUser('big');
    await prisma.project.createMany({
      data: Array.from({ length: 105 }, (_, i) => ({ ownerId: user.id, title: `P${i}`, createdAt: new Date(BASE + i) })),
    });
    const r = await gqlOk(`{ projects(first: 500) { totalCount edges { node { id } } pageInfo { hasNextPage } } }`, {}, user.key);
    expect(r.projects.totalCount).toBe(105);
    expect(r.projects.edges).toHaveLength(100);
    expect(r.projects.pageInfo.hasNextPage).toBe(true);
    const last = await gqlOk(`{ projects(last: 500) { edges { node { id } } pageInfo { hasPreviousPage } } }`, {}, user.key);
    expect(last.projects.edges).toHaveLength(100);
    expect(last.projects.pageInfo.hasPreviousPage).toBe(true);
  });

  it('documents the maximum on first and last', async () => {
    const r = await gqlOk(`{ __type(name: "Query") { fields { name args { name description } } } }`);
    const args = r.__type.fields.find((f: { name: string }) => f.name === 'projects').args;
    for (const name of ['first', 'last']) {
      expect(args.find((a: { name: string }) => a.name === name).description).toMatch(/at most 100/);
    }
  });

  it('refuses a negative first and first together with before, clearly', async () => {
    const user = await createUser('neg');
    const neg = await gql(`{ projects(first: -1) { totalCount } }`, {}, user.key);
    expect(neg.status).not.toBe(500);
    expect(neg.errors?.[0]?.message).toBe('Argument "first" must be a non-negative integer');
    const mixed = await gql(
      `query($c: String) { projects(first: 1, before: $c) { totalCount } }`,
      { c: b64('GPC:S:6f1c1c7e-3f5b-4a7e-9a55-2d1f1d5c9b10') },
      user.key,
    );
    expect(mixed.errors?.[0]?.message).toMatch(/"before" and "first"/);
  });
});
