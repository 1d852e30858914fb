import { readdir } from 'node:fs/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startWorkers, type RunningWorkers } from '../src/jobs/workers.js';
import { closeQueues } from '../src/jobs/queues.js';
import { closePubSub } from '../src/pubsub.js';
import { closeRateLimits } from '../src/protection/rateLimits.js';
import { gqlOk, prisma, type TestUser } from './helpers.js';

export { startWorkers, type RunningWorkers };

export async function closeRenderInfra(workers?: RunningWorkers | null) {
  await workers?.close();
  await closeQueues();
  await closePubSub();
  closeRateLimits();
}

/** A project and an APPROVED script made through the API, one scene per sentence given. */
export async function approvedScript(user: TestUser, sentences: string[]) {
  const p = await gqlOk(`mutation { createProject(input: { title: "Render test" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, user.key);
  const projectId = p.createProject.data.id;
  const s = await gqlOk(
    `mutation($input: CreateScriptInput!) { createScript(input: $input) {
      ... on CreateScriptSuccess { data { id scenes(first: 30) { edges { node { id version narration } } } } }
      ... on Error { message } } }`,
    { input: { projectId, text: sentences.join(' ') } },
    user.key,
  );
  const script = s.createScript.data;
  await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { ... on ApproveScriptSuccess { data { status } } } }`, { id: script.id }, user.key);
  return {
    projectId,
    scriptId: script.id as string,
    scenes: script.scenes.edges.map((e: any) => e.node) as { id: string; version: number; narration: string }[],
  };
}

export async function enqueue(user: TestUser, scriptId: string, options: Record<string, unknown> = {}) {
  const r = await gqlOk(
    `mutation($scriptId: ID!, $options: RenderOptionsInput) { enqueueRender(scriptId: $scriptId, options: $options) {
      __typename ... on EnqueueRenderSuccess { data { id status } } ... on Error { message } } }`,
    { scriptId, options },
    user.key,
  );
  if (r.enqueueRender.__typename !== 'EnqueueRenderSuccess') throw new Error(`enqueueRender: ${JSON.stringify(r.enqueueRender)}`);
  return r.enqueueRender.data as { id: string; status: string };
}

export async function waitForRender(renderId: string, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const r = await prisma.render.findUniqueOrThrow({ where: { id: renderId } });
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(r.status)) return r;
    if (Date.now() - started > timeoutMs) throw new Error(`render ${renderId} still ${r.status} after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

export function wsClient(url: string, key?: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects every event of a subscription until it completes (or errors). */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown>) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const done = new Promise<void>((resolve) => {
    client.subscribe<T>(
      { query, variables },
      {
        next: (v) => {
          if (v.errors) errors.push(...v.errors);
          if (v.data) events.push(v.data as T);
        },
        error: (e) => {
          errors.push(e);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { events, errors, done };
}

export async function filesUnder(dir: string): Promise<string[]> {
  try {
    return await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
}

/** Waits until no stage of the render is RUNNING (work still in flight when the render ended stops). */
export async function settled(renderId: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const running = await prisma.renderStage.count({ where: { renderId, status: 'RUNNING' } });
    if (running === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`render ${renderId} still has running stages after ${timeoutMs} ms`);
}

/** Temp files of running work disappear once it stops: waits (bounded) and returns what is left. */
export async function filesLeftAfter(dir: string, timeoutMs = 8_000): Promise<string[]> {
  const started = Date.now();
  let left = await filesUnder(dir);
  while (left.length > 0 && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    left = await filesUnder(dir);
  }
  return left;
}
