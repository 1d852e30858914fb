// The live stream's delivery guarantees against the real server and Redis: every subscriber that
// keeps up gets every event, in order, whatever another subscriber of the same channel does; a
// subscriber that falls too far behind is ended with a clear error, never buffered without bound
// (over graphql-ws: liveSlowSubscriber.test.ts);
// subscribers share one execution per event only when they would get the same answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const { createUser, globalId, seedRender, seedScript } = await import('./helpers.js');
const { wsClient } = await import('./renderHelpers.js');
const { stageEvent } = await import('./liveHelpers.js');
const { startServer } = await import('../src/server.js');
const { closePubSub, getPubSub } = await import('../src/pubsub.js');
const { env } = await import('../src/config.js');
const { answerKey } = await import('../src/sharedEventExecution.js');
const { parse } = await import('graphql');

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await closePubSub();
});

const PROGRESS = `subscription($id: ID!) { renderProgress(renderId: $id) { kind renderId status elapsedMs } }`;

describe('live delivery', () => {
  it('a subscriber that stalls does not take events from the others, and ends with an error instead of buffering without bound', async () => {
    const id = `stall-${Date.now()}`;
    const pubsub = getPubSub();
    // The stalled one subscribes first: it is the first to be handed each event.
    const stalled = pubsub.subscribe('renderProgress', id)[Symbol.asyncIterator]();
    const healthy = pubsub.subscribe('renderProgress', id)[Symbol.asyncIterator]();
    // Both are reading (the stalled one takes its first event, then no more).
    const firstOfStalled = stalled.next();
    let pending = healthy.next();
    await Promise.all([(stalled as { ready?: Promise<void> }).ready, (healthy as { ready?: Promise<void> }).ready]);
    await new Promise((r) => setTimeout(r, 100));
    const total = 1_100;
    for (let seq = 0; seq < total; seq++) void pubsub.publish('renderProgress', id, stageEvent(id, seq));
    expect((await firstOfStalled).value?.elapsedMs).toBe(0);
    const got: number[] = [];
    while (got.length < total) {
      const r = await Promise.race([pending, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000))]);
      pending = healthy.next();
      if (r === 'timeout' || r.done) break;
      got.push(r.value.elapsedMs!);
    }
    expect(got.length).toBe(total);
    expect(got).toEqual(Array.from({ length: total }, (_, i) => i));
    // The stalled subscriber was ended once it had more than LIVE_QUEUE_LIMIT waiting.
    expect(total).toBeGreaterThan(env.LIVE_QUEUE_LIMIT);
    await expect(stalled.next()).rejects.toThrow(/too slow/);
    await healthy.return?.();
  });

  it('subscribers of one render and of many renders get their snapshot, then every event of their own render in order, under a burst', async () => {
    const user = await createUser('watcher');
    const { script } = await seedScript(user, 1);
    const renders = await Promise.all([0, 1, 2].map(() => seedRender(script.id, user.id, { status: 'RUNNING' })));
    const clients = Array.from({ length: 4 }, () => wsClient(server.url, user.key));
    // 24 subscriptions over 4 sockets: 8 per render, with the same document and variables.
    const subs = Array.from({ length: 24 }, (_, i) => {
      const render = renders[i % renders.length]!;
      const events: Array<{ kind: string; renderId: string; elapsedMs: number | null }> = [];
      const errors: unknown[] = [];
      let onSnapshot: () => void;
      const snapshot = new Promise<void>((resolve) => (onSnapshot = resolve));
      clients[i % clients.length]!.subscribe<{ renderProgress: (typeof events)[number] }>(
        { query: PROGRESS, variables: { id: globalId('Render', render.id) } },
        {
          next: (v) => {
            if (v.errors) errors.push(...v.errors);
            if (!v.data) return;
            events.push(v.data.renderProgress);
            if (events.length === 1) onSnapshot();
          },
          error: (e) => errors.push(e),
          complete: () => {},
        },
      );
      return { render, events, errors, snapshot };
    });
    await Promise.all(subs.map((s) => s.snapshot));
    const total = 300;
    for (let seq = 0; seq < total; seq++) for (const r of renders) void getPubSub().publish('renderProgress', r.id, stageEvent(r.id, seq));
    const deadline = Date.now() + 20_000;
    while (subs.some((s) => s.events.length < total + 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const s of subs) {
      expect(s.errors).toEqual([]);
      expect(s.events[0]!.kind).toBe('SNAPSHOT');
      const live = s.events.slice(1);
      expect(live.map((e) => e.elapsedMs)).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(new Set(live.map((e) => e.renderId))).toEqual(new Set([globalId('Render', s.render.id)]));
    }
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('shares an execution only between subscribers who would get the same answer', () => {
    const document = parse(PROGRESS);
    const viewer = (id: string, apiKeyId: string | null, sessionId: string | null) => ({ viewer: { id, apiKeyId, sessionId } });
    const key = (contextValue: unknown, variableValues: Record<string, unknown> = { id: 'a' }, doc = document) =>
      answerKey({ schema: null as never, document: doc, contextValue, variableValues });
    expect(key(viewer('u1', 'k1', null))).toBe(key(viewer('u1', 'k1', null)));
    expect(key(viewer('u1', 'k1', null))).not.toBe(key(viewer('u2', 'k1', null)));
    expect(key(viewer('u1', 'k1', null))).not.toBe(key(viewer('u1', null, 's1')));
    expect(key(viewer('u1', null, 's1'))).not.toBe(key(viewer('u1', null, 's2')));
    expect(key(viewer('u1', 'k1', null))).not.toBe(key(viewer('u1', 'k1', null), { id: 'b' }));
    expect(key(viewer('u1', 'k1', null))).not.toBe(key(viewer('u1', 'k1', null), { id: 'a' }, parse(PROGRESS)));
    expect(key({ viewer: null })).not.toBe(key(viewer('u1', 'k1', null)));
  });
});
