// The authorization matrix, generated from the schema: every Query, Mutation and Subscription field
// that takes an id is called by a second user (bob) with the first user's (alice's) ids, and must
// answer not-found (or forbidden) and change nothing; the same calls by alice must not, so the
// matrix cannot pass vacuously. Every mutation is refused without an API key. The cases live in
// test/authzCases.ts; a root field with no case there fails here by name.
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isListType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A rate limit must never be what answers an authorization check; restored after this file.
const LIMIT_VARS = { RATE_LIMIT: 'none', RATE_LIMIT_ANONYMOUS: 'none', RATE_LIMIT_COSTLY: 'none' } as const;
const savedEnv = Object.fromEntries(Object.keys(LIMIT_VARS).map((k) => [k, process.env[k]]));
Object.assign(process.env, LIMIT_VARS);

const { createUser, globalId, gql, prisma, rawId, snapshotOf } = await import('./helpers.js');
const { closeRenderInfra, wsClient } = await import('./renderHelpers.js');
const { buildFixture, buildOwnFixture, fixtureIds, ID_CASES, OPEN_FIELDS } = await import('./authzCases.js');
const { schema } = await import('../src/schema/index.js');
const { startServer } = await import('../src/server.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;
type Fixture = Awaited<ReturnType<typeof buildFixture>>;
type OwnFixture = Awaited<ReturnType<typeof buildOwnFixture>>;
type IdCase = (typeof ID_CASES)[string];
type OpenCase = (typeof OPEN_FIELDS)[string];
type Vars = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The schema, walked

type RootName = 'Query' | 'Mutation' | 'Subscription';

interface RootField {
  coord: string;
  root: RootName;
  field: GraphQLField<unknown, unknown>;
  /** Where the field takes an id: `id`, `input.projectId`, `ids` … */
  idPaths: string[];
}

function idPathsOf(args: readonly GraphQLArgument[]): string[] {
  const out: string[] = [];
  const walk = (type: GraphQLInputType, path: string, seen: ReadonlySet<string>) => {
    const named = getNamedType(type);
    if (isScalarType(named) && named.name === 'ID') out.push(path);
    else if (isInputObjectType(named) && !seen.has(named.name)) {
      for (const f of Object.values(named.getFields())) walk(f.type, `${path}.${f.name}`, new Set([...seen, named.name]));
    }
  };
  for (const a of args) walk(a.type, a.name, new Set());
  return out;
}

const ROOTS: [RootName, GraphQLObjectType | null | undefined][] = [
  ['Query', schema.getQueryType()],
  ['Mutation', schema.getMutationType()],
  ['Subscription', schema.getSubscriptionType()],
];
const ROOT_FIELDS: RootField[] = ROOTS.flatMap(([root, type]) =>
  Object.values(type?.getFields() ?? {}).map((field) => ({ coord: `${root}.${field.name}`, root, field, idPaths: idPathsOf(field.args) })),
);
/** A public list whose only ids are optional starting points (reels(startAt:)) is checked as open. */
const startsOnly = (f: RootField) =>
  f.idPaths.length > 0 && OPEN_FIELDS[f.coord]?.idVariants !== undefined && f.field.args.every((a) => !isNonNullType(a.type));
const ID_FIELDS = ROOT_FIELDS.filter((f) => f.idPaths.length > 0 && !startsOnly(f));
const OPEN = ROOT_FIELDS.filter((f) => f.idPaths.length === 0 || startsOnly(f));

function caseOf(rf: RootField): IdCase {
  const c = ID_CASES[rf.coord];
  if (!c) throw new Error(`${rf.coord} takes an id (${rf.idPaths.join(', ')}) but has no case in test/authzCases.ts ID_CASES`);
  return c;
}

function openCaseOf(rf: RootField): OpenCase {
  const c = OPEN_FIELDS[rf.coord];
  if (!c) throw new Error(`${rf.coord} takes no id and is not listed in test/authzCases.ts OPEN_FIELDS`);
  return c;
}

/** Every value at a dotted path (lists flattened). */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function documentFor(rf: RootField, vars: Vars, select: string): string {
  const used = rf.field.args.filter((a) => a.name in vars);
  const defs = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${rf.root.toLowerCase()}${defs ? `(${defs})` : ''} { ${rf.field.name}${args ? `(${args})` : ''} ${select} }`;
}

// ---------------------------------------------------------------------------------------------
// Calling a field: in process, as a multipart request over HTTP, or over graphql-ws

interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

interface Outcome {
  errors: GqlError[];
  /** The field's value (the first event's, for a subscription). */
  value: unknown;
  /** Subscription events received. */
  events: number;
}

let server: Awaited<ReturnType<typeof startServer>>;
let png: Buffer;

async function multipart(rf: RootField, c: IdCase, vars: Vars, key?: string): Promise<Outcome> {
  const fileVar = c.multipartFile!;
  const variables = { ...vars, [fileVar]: null };
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: documentFor(rf, variables, c.select), variables }));
  form.append('map', JSON.stringify({ 0: [`variables.${fileVar}`] }));
  form.append('0', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'picture.png');
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'graphql-require-preflight': '1', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: form,
  });
  const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: GqlError[] };
  return { errors: body.errors ?? [], value: body.data?.[rf.field.name] ?? null, events: 0 };
}

/** Subscribes over graphql-ws until the first result (an event or errors), then disposes. */
async function subscribeOnce(rf: RootField, select: string, vars: Vars, key?: string, timeoutMs = 8_000): Promise<Outcome> {
  const client = wsClient(server.url, key);
  try {
    return await new Promise<Outcome>((resolve) => {
      const out: Outcome = { errors: [], value: null, events: 0 };
      const timer = setTimeout(() => {
        out.errors.push({ message: `no answer within ${timeoutMs} ms`, extensions: { code: 'TIMEOUT' } });
        resolve(out);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(out);
      };
      client.subscribe<Record<string, unknown>>(
        { query: documentFor(rf, vars, select), variables: vars },
        {
          next: (v) => {
            if (v.errors) out.errors.push(...(v.errors as unknown as GqlError[]));
            if (v.data) {
              out.events++;
              out.value ??= v.data[rf.field.name] ?? null;
            }
            done();
          },
          error: (e) => {
            const list = Array.isArray(e) ? e : [e];
            out.errors.push(
              ...list.map((x) =>
                x && typeof x === 'object' && 'message' in x ? (x as GqlError) : { message: String((x as { reason?: string })?.reason ?? x) },
              ),
            );
            done();
          },
          complete: done,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

async function run(rf: RootField, c: IdCase | OpenCase, vars: Vars, key?: string): Promise<Outcome> {
  if (rf.root === 'Subscription') return subscribeOnce(rf, c.select, vars, key);
  if ('multipartFile' in c && c.multipartFile) return multipart(rf, c, vars, key);
  const r = await gql(documentFor(rf, vars, c.select), vars, key);
  return { errors: (r.errors ?? []) as GqlError[], value: r.data?.[rf.field.name] ?? null, events: 0 };
}

// ---------------------------------------------------------------------------------------------
// What counts as a refusal, and as the owner's success

const REFUSED_CODES = new Set(['NOT_FOUND', 'FORBIDDEN']);
/** A ValidationError that says the object is not found / not the caller's. */
const NOT_YOURS = /not found|not one of|not yours|does not exist/i;

const show = (v: unknown) => JSON.stringify(v);
const codeOf = (e: GqlError) => e.extensions?.code;

function refusalProblem(rf: RootField, out: Outcome, sentIds: Set<string>): string | null {
  if (rf.root === 'Subscription') {
    if (out.events > 0) return `sent ${out.events} event(s): ${show(out.value)}`;
    if (out.errors.length === 0) return 'answered neither an event nor an error';
    return out.errors.every((e) => REFUSED_CODES.has(String(codeOf(e)))) ? null : `errors ${show(out.errors)}`;
  }
  if (out.errors.length > 0) {
    return out.value == null && out.errors.every((e) => REFUSED_CODES.has(String(codeOf(e)))) ? null : `top-level errors ${show(out.errors)}`;
  }
  const named = getNamedType(rf.field.type);
  if (isUnionType(named)) {
    const v = out.value as { __typename?: string; id?: string; typename?: string; message?: string } | null;
    if (v?.__typename === 'NotFoundError') {
      return v.id && sentIds.has(v.id) ? null : `NotFoundError names ${v.typename} ${v.id}, not an id of the victim's that was sent`;
    }
    if (v?.__typename === 'ValidationError' && NOT_YOURS.test(v.message ?? '')) return null;
    return `answered ${show(v)}`;
  }
  if (isInterfaceType(named) && named.name === 'Node') {
    if (isListType(getNullableType(rf.field.type))) {
      return Array.isArray(out.value) && out.value.every((x) => x === null) ? null : `answered ${show(out.value)}`;
    }
    return out.value === null ? null : `answered ${show(out.value)}`;
  }
  return `no refusal rule for a field returning ${String(rf.field.type)}: add one to test/authzMatrix.test.ts`;
}

function controlProblem(rf: RootField, c: IdCase, out: Outcome, vars: Vars): string | null {
  if (rf.root === 'Subscription') {
    return out.events > 0 && out.errors.length === 0 ? null : `no event: ${show(out.errors)}`;
  }
  if (out.errors.length > 0) return `top-level errors ${show(out.errors)}`;
  const named = getNamedType(rf.field.type);
  if (isUnionType(named)) {
    const v = out.value as { __typename?: string; message?: string } | null;
    const typename = v?.__typename ?? '';
    if (c.controlTypename ? typename !== c.controlTypename : !typename.endsWith('Success')) return `answered ${show(v)}`;
    if (c.controlMessage && !c.controlMessage.test(v?.message ?? '')) return `answered ${show(v)}`;
    return null;
  }
  if (isInterfaceType(named) && named.name === 'Node') {
    const wanted = stringsIn(vars);
    const got = (isListType(getNullableType(rf.field.type)) ? (out.value as unknown[]) : [out.value]) as ({ id: string } | null)[];
    return got.length === wanted.length && got.every((n, i) => n?.id === wanted[i]) ? null : `answered ${show(out.value)}`;
  }
  return `no control rule for a field returning ${String(rf.field.type)}`;
}

// ---------------------------------------------------------------------------------------------
// Everything a user owns, and what exists at all

/** snapshotOf, plus the user row, scenes' candidates and stages, and rows others hang on the user's objects. */
async function rowsOf(userId: string) {
  const owned = { ownerId: userId };
  const byId = { orderBy: { id: 'asc' as const } };
  const [base, user, scripts, renders, assets, youtubeChannels, publications, webhookEndpoints, sessions, identities] = await Promise.all([
    snapshotOf(userId),
    prisma.user.findUnique({ where: { id: userId } }),
    prisma.script.findMany({
      ...byId,
      where: { OR: [owned, { project: owned }] },
      include: { scenes: { ...byId, include: { assets: byId, stages: byId } } },
    }),
    prisma.render.findMany({
      ...byId,
      where: { OR: [owned, { script: { OR: [owned, { project: owned }] } }] },
      include: { stages: byId, assets: byId },
    }),
    prisma.asset.findMany({ ...byId, where: { OR: [{ project: owned }, { scene: { script: owned } }, { render: owned }] } }),
    prisma.youTubeChannel.findMany({ ...byId, where: { userId } }),
    prisma.publication.findMany({ ...byId, where: { OR: [owned, { render: owned }] } }),
    prisma.webhookEndpoint.findMany({ ...byId, where: { userId }, include: { messages: { ...byId, include: { deliveries: byId } } } }),
    prisma.session.findMany({ ...byId, where: { userId } }),
    prisma.identity.findMany({ ...byId, where: { userId } }),
  ]);
  for (const p of base.projects) for (const s of p.scripts) for (const r of s.renders) r.stages.sort((a, b) => a.id.localeCompare(b.id));
  return { base, user, scripts, renders, assets, youtubeChannels, publications, webhookEndpoints, sessions, identities };
}

/** How many rows each table holds. */
const COUNTED = {
  users: () => prisma.user.count(),
  apiKeys: () => prisma.apiKey.count(),
  projects: () => prisma.project.count(),
  scripts: () => prisma.script.count(),
  scenes: () => prisma.scene.count(),
  assets: () => prisma.asset.count(),
  renders: () => prisma.render.count(),
  stages: () => prisma.renderStage.count(),
  youtubeChannels: () => prisma.youTubeChannel.count(),
  publications: () => prisma.publication.count(),
  webhookEndpoints: () => prisma.webhookEndpoint.count(),
  webhookMessages: () => prisma.webhookMessage.count(),
  webhookDeliveries: () => prisma.webhookDelivery.count(),
  sessions: () => prisma.session.count(),
  deletions: () => prisma.accountDeletion.count(),
};

async function tableCounts(): Promise<Record<keyof typeof COUNTED, number>> {
  const entries = await Promise.all(Object.entries(COUNTED).map(async ([table, count]) => [table, await count()] as const));
  return Object.fromEntries(entries) as Record<keyof typeof COUNTED, number>;
}

/** The user's rows and how many rows each table has (a refused call may create nothing anywhere). */
async function stateOf(userId: string) {
  const [rows, counts] = await Promise.all([rowsOf(userId), tableCounts()]);
  return { rows, counts };
}

/** BullMQ keys of this file (its own Redis prefix): any means something was queued. */
async function queuedKeys(): Promise<string[]> {
  const redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.REDIS_PREFIX}:bull:*`, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------

let alice: TestUser;
let bob: TestUser;
let aliceFx: Fixture;
let bobFx: OwnFixture;
let aliceIds: Set<string>;

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
  png = await sharp({ create: { width: 64, height: 96, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();
  [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  [aliceFx, bobFx] = await Promise.all([buildFixture(alice), buildOwnFixture(bob)]);
  aliceIds = fixtureIds(aliceFx);
});

afterAll(async () => {
  await server?.close();
  await closeRenderInfra();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the case table', () => {
  it('has a case for every root field that takes an id, and lists every other one', () => {
    const problems: string[] = [];
    for (const rf of ID_FIELDS) {
      if (!ID_CASES[rf.coord]) problems.push(`${rf.coord} takes an id (${rf.idPaths.join(', ')}) but has no case in ID_CASES`);
      if (OPEN_FIELDS[rf.coord]) problems.push(`${rf.coord} takes an id but is listed in OPEN_FIELDS`);
    }
    for (const rf of OPEN) if (!OPEN_FIELDS[rf.coord]) problems.push(`${rf.coord} takes no id and is not listed in OPEN_FIELDS`);
    const coords = new Set(ROOT_FIELDS.map((f) => f.coord));
    for (const coord of [...Object.keys(ID_CASES), ...Object.keys(OPEN_FIELDS)]) {
      if (!coords.has(coord)) problems.push(`${coord} is in the case table but not in the schema`);
    }
    expect(problems).toEqual([]);
    // The walk found what it should: a sanity check of the walker itself.
    expect(ID_FIELDS.map((f) => f.coord)).toEqual(
      expect.arrayContaining(['Query.node', 'Mutation.createScript', 'Mutation.selectSceneAsset', 'Subscription.renderProgress']),
    );
    expect(ROOT_FIELDS.find((f) => f.coord === 'Mutation.createScript')!.idPaths).toEqual(['input.projectId']);
    expect(ROOT_FIELDS.find((f) => f.coord === 'Mutation.selectSceneAsset')!.idPaths.sort()).toEqual(['assetId', 'sceneId']);
  });

  it("puts one of the victim's ids at every id argument of every field", () => {
    const problems: string[] = [];
    for (const rf of ID_FIELDS) {
      const c = ID_CASES[rf.coord];
      if (!c) continue;
      const variants = c.variants(aliceFx, bobFx);
      for (const path of rf.idPaths) {
        const hit = variants.some((v) => valuesAt(v.vars, path.split('.')).some((x) => typeof x === 'string' && aliceIds.has(x)));
        if (!hit) problems.push(`${rf.coord}: no variant sends one of the victim's ids as ${path}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('looks up one id of every Node type', () => {
    const node = schema.getType('Node');
    expect(node && isInterfaceType(node)).toBe(true);
    const types = schema
      .getPossibleTypes(node as never)
      .map((t) => t.name)
      .sort();
    expect(Object.keys(aliceFx.nodes).sort()).toEqual(types);
  });
});

describe("another user calling with the victim's ids", () => {
  it.each(ID_FIELDS.map((f) => [f.coord, f] as const))('%s answers not found and changes nothing', async (_coord, rf) => {
    const c = caseOf(rf);
    const variants = c.variants(aliceFx, bobFx);
    expect(variants.length).toBeGreaterThan(0);
    for (const v of variants) {
      const before = await stateOf(alice.id);
      const out = await run(rf, c, v.vars, bob.key);
      const sent = new Set(stringsIn(v.vars).filter((s) => aliceIds.has(s)));
      expect(refusalProblem(rf, out, sent), `${rf.coord} (${v.label}) by another user`).toBeNull();
      const after = await stateOf(alice.id);
      expect(after, `${rf.coord} (${v.label}) changed rows`).toEqual(before);
    }
  });

  it('queued nothing (enqueueRender, retries and generation were refused before the queue)', async () => {
    expect(await queuedKeys()).toEqual([]);
  });
});

describe('fields that take no id', () => {
  it.each(OPEN.map((f) => [f.coord, f] as const))("%s shows another user nothing of the victim's and changes none of it", async (_coord, rf) => {
    const c = openCaseOf(rf);
    const before = await rowsOf(alice.id);
    const caller = c.freshCaller ? await createUser('fresh') : bob;
    const out = await run(rf, c, c.vars, caller.key);
    await c.after?.();
    expect(out.errors).toEqual([]);
    c.other(out.value, aliceFx, caller);
    for (const v of c.idVariants?.(aliceFx) ?? []) {
      const started = await run(rf, c, v.vars, bob.key);
      expect(started.errors, `${rf.coord} (${v.label})`).toEqual([]);
      v.check(started.value);
    }
    expect(await rowsOf(alice.id)).toEqual(before);
  });
});

describe('without an API key', () => {
  it.each(ROOT_FIELDS.map((f) => [f.coord, f] as const))('%s is refused (or public by design) and changes nothing', async (_coord, rf) => {
    const idCase = ID_CASES[rf.coord];
    const calls: { label: string; c: IdCase | OpenCase; vars: Vars; check?: (value: any) => void }[] = idCase
      ? idCase.variants(aliceFx, bobFx).map((v) => ({ label: v.label, c: idCase, vars: v.vars }))
      : [
          { label: 'no id', c: openCaseOf(rf), vars: openCaseOf(rf).vars },
          ...(openCaseOf(rf).idVariants?.(aliceFx) ?? []).map((v) => ({ label: v.label, c: openCaseOf(rf), vars: v.vars, check: v.check })),
        ];
    for (const { label, c, vars, check } of calls) {
      const open = 'anonymous' in c ? c.anonymous : null;
      // A public mutation (signing in) creates a session by design: only the victim's rows must stay.
      const signsIn = rf.root === 'Mutation' && open === 'public';
      const before = signsIn ? { rows: await rowsOf(alice.id) } : await stateOf(alice.id);
      const out = await run(rf, c, vars);
      const what = `${rf.coord} (${label}) without a key`;
      if ((rf.root === 'Mutation' && !signsIn) || open === 'refused') {
        expect(out.value, what).toBeNull();
        expect(out.errors.map(codeOf), what).toEqual(['UNAUTHENTICATED']);
      } else if (rf.root === 'Subscription') {
        expect(out.events, what).toBe(0);
        expect(out.errors.length, what).toBeGreaterThan(0);
        for (const e of out.errors) expect(['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN'], what).toContain(codeOf(e));
      } else if (open === 'public') {
        expect(out.errors, what).toEqual([]);
        check?.(out.value);
      } else if (open === 'null') {
        expect(out.errors, what).toEqual([]);
        expect(out.value, what).toBeNull();
      } else {
        // node/nodes: nothing is visible to nobody.
        expect(refusalProblem(rf, out, new Set(stringsIn(vars))), what).toBeNull();
      }
      expect(signsIn ? { rows: await rowsOf(alice.id) } : await stateOf(alice.id), `${what} changed rows`).toEqual(before);
    }
  });

  it('queued nothing', async () => {
    expect(await queuedKeys()).toEqual([]);
  });
});

describe('the owner making the same calls (positive control)', () => {
  it.each(ID_FIELDS.map((f) => [f.coord, f] as const))('%s is answered for the owner', async (_coord, rf) => {
    const c = caseOf(rf);
    const probe = c.variants(aliceFx, bobFx).filter((v) => v.control !== false);
    expect(probe.length, `${rf.coord} has no variant the owner can run`).toBeGreaterThan(0);
    if (c.readOnly) {
      for (const v of probe) {
        const before = await rowsOf(alice.id);
        const out = await run(rf, c, v.vars, alice.key);
        expect(controlProblem(rf, c, out, v.vars), `${rf.coord} (${v.label}) by its owner`).toBeNull();
        expect(await rowsOf(alice.id), `${rf.coord} (${v.label}) is marked readOnly but changed rows`).toEqual(before);
      }
      return;
    }
    // Each call that changes something gets a fresh owner and fixture.
    await Promise.all(
      probe.map(async (_, i) => {
        const owner = await createUser('owner');
        const fx = await buildFixture(owner);
        const v = c.variants(fx, bobFx).filter((x) => x.control !== false)[i]!;
        const out = await run(rf, c, v.vars, owner.key);
        expect(controlProblem(rf, c, out, v.vars), `${rf.coord} (${v.label}) by its owner`).toBeNull();
      }),
    );
  });
});

describe('public reels', () => {
  it('show a published render to anyone as a Reel, never as a Render, and never an unpublished one', async () => {
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
    const reel = globalId('Reel', rawId(aliceFx.publishedRenderId));
    for (const key of [bob.key, undefined]) {
      const r = await gql(q, { ids: [reel, aliceFx.publishedRenderId, aliceFx.nodes.Reel] }, key);
      expect(r.errors).toBeUndefined();
      expect(r.data.nodes).toEqual([{ __typename: 'Reel', id: reel }, null, null]);
    }
  });
});
