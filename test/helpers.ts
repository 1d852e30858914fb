import { randomUUID } from 'node:crypto';
import { newApiKey } from '../src/auth/apiKeys.js';
import { onQuery, prisma } from '../src/db.js';
import { copyScenes, renderCopyOf, scriptForRender } from '../src/jobs/renderedScenes.js';
import { createApi } from '../src/server.js';

export { prisma };

export const api = createApi();

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** Runs an operation through Yoga in process (real schema, real database). */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<GqlResult<T>> {
  const res = await api.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Like gql, but fails the test on any top-level error. */
export async function gqlOk<T = any>(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<T> {
  const r = await gql<T>(query, variables, key);
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

export interface TestUser {
  id: string;
  key: string;
}

export async function createUser(name = 'user'): Promise<TestUser> {
  const email = `${name}-${randomUUID()}@example.test`;
  const user = await prisma.user.create({ data: { email, name } });
  const { key, prefix, secretHash } = newApiKey();
  await prisma.apiKey.create({ data: { userId: user.id, name: 'test', prefix, secretHash } });
  return { id: user.id, key };
}

/** Counts the SQL statements Prisma sends while fn runs. */
export async function countSql<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const off = onQuery((sql) => statements.push(sql));
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    off();
  }
}

export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

export function rawId(globalID: string): string {
  return Buffer.from(globalID, 'base64').toString('utf8').split(':')[1]!;
}

/** A project with one script of `sceneCount` scenes, created straight in the database. */
export async function seedScript(user: TestUser, sceneCount = 4) {
  const project = await prisma.project.create({ data: { ownerId: user.id, title: 'P' } });
  const script = await prisma.script.create({
    data: {
      projectId: project.id,
      ownerId: user.id,
      title: 'S',
      writerModel: 'test',
      scenes: { create: Array.from({ length: sceneCount }, (_, i) => ({ position: i, narration: `Scene ${i}.` })) },
    },
    include: { scenes: { orderBy: { position: 'asc' } } },
  });
  return { project, script, scenes: script.scenes };
}

/** A snapshot of every row a user owns, for "nothing changed" assertions. */
export async function snapshotOf(userId: string) {
  const projects = await prisma.project.findMany({
    where: { ownerId: userId },
    orderBy: { id: 'asc' },
    include: {
      scripts: {
        orderBy: { id: 'asc' },
        include: { scenes: { orderBy: { id: 'asc' } }, renders: { orderBy: { id: 'asc' }, include: { stages: true } } },
      },
      assets: { orderBy: { id: 'asc' } },
    },
  });
  const apiKeys = await prisma.apiKey.findMany({ where: { userId }, orderBy: { id: 'asc' }, omit: { lastUsedAt: true } });
  return { projects, apiKeys };
}

let assetSeq = 0;

/** An asset row straight in the database (there is no create mutation for assets). */
export async function seedAsset(
  projectId: string,
  data: { sceneId?: string; renderId?: string; kind?: 'IMAGE' | 'VIDEO' | 'AUDIO' | 'SUBTITLES'; createdAt?: Date; publicKey?: string } = {},
) {
  const n = ++assetSeq;
  return prisma.asset.create({
    data: {
      projectId,
      kind: 'IMAGE',
      storageKey: `test/${projectId}/${n}`,
      mime: 'image/jpeg',
      bytes: 1000 + n,
      provider: 'test',
      contentHash: `hash-${n}`,
      ...data,
    },
  });
}

/** A render row straight in the database; a SUCCEEDED published one is a public reel. */
export async function seedRender(
  scriptId: string,
  ownerId: string,
  data: {
    status?: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
    published?: boolean;
    publishedAt?: Date | null;
    createdAt?: Date;
    outputAssetId?: string;
    thumbnailAssetId?: string;
  } = {},
) {
  // As enqueueRender does: the render keeps its own copy of the script as it is now.
  return prisma.$transaction(async (tx) => {
    const script = await tx.script.findUniqueOrThrow({ where: { id: scriptId }, select: scriptForRender });
    const render = await tx.render.create({ data: { scriptId, ownerId, ...renderCopyOf(script), ...data } });
    await copyScenes(tx, render.id, script);
    return render;
  });
}
