// viewerEvents over graphql-ws against the real server, Redis pub/sub and webhook worker: first the
// viewer's work in flight, then every event of their renders, scripts and webhook endpoints, and
// nothing of anyone else's.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from './webhookReceiver.js';

process.env.DOWNLOAD_ALLOW_LOOPBACK = 'true';
process.env.WEBHOOK_RETRY_SCALE = '0.00001';

const { createUser, globalId, gqlOk, prisma, seedRender, seedScript } = await import('./helpers.js');
const { closeRenderInfra, startWorkers, wsClient } = await import('./renderHelpers.js');
const { startServer } = await import('../src/server.js');
const { markStageStarted, markRenderFailed, stageRowsFor } = await import('../src/jobs/stages.js');
const { publishScriptEvent } = await import('../src/jobs/scriptEvents.js');
const { emitEvent } = await import('../src/notify/deliveryQueue.js');

// The members' kind and status fields have different types: a client aliases them (here back to
// one name per member type, so the assertions read plainly).
const SUBSCRIPTION = `subscription { viewerEvents { __typename
  ... on ViewerSnapshot { renders { kind renderId status } scripts { kind scriptId status } }
  ... on RenderProgressEvent { kind renderId stageName status }
  ... on ScriptProgressEvent { scriptKind: kind scriptId scriptStatus: status writer }
  ... on WebhookEndpointEvent { endpointKind: kind endpointId message endpoint { enabled disabledReason } delivery { attempt responseStatus } } } }`;

let server: Awaited<ReturnType<typeof startServer>>;
let workers: ReturnType<typeof startWorkers>;
let receiver: Receiver;

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
  workers = startWorkers(['webhook']);
  receiver = await startReceiver();
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await closeRenderInfra(workers);
});

function listen(key: string) {
  const client = wsClient(server.url, key);
  const events: any[] = [];
  const errors: unknown[] = [];
  const off = client.subscribe(
    { query: SUBSCRIPTION },
    {
      next: (v) => {
        if (v.errors) return void errors.push(...v.errors);
        const { scriptKind, scriptStatus, endpointKind, ...e } = (v.data as any).viewerEvents;
        events.push({ ...e, ...(scriptKind ? { kind: scriptKind, status: scriptStatus } : {}), ...(endpointKind ? { kind: endpointKind } : {}) });
      },
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  const waitFor = async (pred: (e: any) => boolean, timeoutMs = 8_000) => {
    const started = Date.now();
    for (;;) {
      const hit = events.find(pred);
      if (hit) return hit;
      if (errors.length) throw new Error(`subscription errors: ${JSON.stringify(errors)}`);
      if (Date.now() - started > timeoutMs) throw new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const close = async () => {
    off();
    await client.dispose();
  };
  return { events, errors, waitFor, close };
}

describe('viewerEvents', () => {
  it('starts with the work in flight, then relays every event of the viewer’s renders, scripts and webhook endpoints, and none of another user’s', async () => {
    const [me, other] = await Promise.all([createUser('me'), createUser('other')]);
    const { script } = await seedScript(me, 2);
    const queued = await seedRender(script.id, me.id);
    await seedRender(script.id, me.id, { status: 'SUCCEEDED' }); // finished: not in flight
    const generating = await prisma.script.create({
      data: { projectId: script.projectId, ownerId: me.id, title: 'Owls', status: 'GENERATING', prompt: 'Owls', writerModel: 'pending' },
    });
    const theirs = await seedScript(other, 1);
    const theirRender = await seedRender(theirs.script.id, other.id);
    for (const [render, scenes] of [
      [queued, script.scenes],
      [theirRender, theirs.scenes],
    ] as const) {
      await prisma.renderStage.createMany({ data: stageRowsFor(render.id, scenes) });
    }

    const mine = listen(me.key);
    const snapshot = await mine.waitFor((e) => e.__typename === 'ViewerSnapshot');
    expect(mine.events[0]).toBe(snapshot);
    expect(snapshot.renders).toEqual([{ kind: 'SNAPSHOT', renderId: globalId('Render', queued.id), status: 'QUEUED' }]);
    expect(snapshot.scripts).toEqual([{ kind: 'SNAPSHOT', scriptId: globalId('Script', generating.id), status: 'GENERATING' }]);

    // Live: a stage starts (the render turns RUNNING), a writer reports, the other user's render moves.
    await markStageStarted(theirRender.id, 'media:0');
    await markStageStarted(queued.id, 'media:0');
    await mine.waitFor((e) => e.__typename === 'RenderProgressEvent' && e.kind === 'STAGE_STARTED' && e.stageName === 'media:0');
    await mine.waitFor((e) => e.__typename === 'RenderProgressEvent' && e.kind === 'RENDER_STATUS' && e.status === 'RUNNING');
    publishScriptEvent(me.id, {
      scriptId: generating.id,
      kind: 'WRITER_FAILED',
      status: 'GENERATING',
      writer: 'groq:llama',
      message: 'HTTP 503',
      elapsedMs: 10,
    });
    await mine.waitFor((e) => e.__typename === 'ScriptProgressEvent' && e.writer === 'groq:llama');

    // A webhook endpoint that answers 410: a failed delivery, then DISABLED with the reason.
    const created = await gqlOk(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on CreateWebhookEndpointSuccess { data { endpoint { id } } } } }`,
      { input: { url: `${receiver.url}/gone`, events: ['RENDER_FAILED'] } },
      me.key,
    );
    const endpointId = created.createWebhookEndpoint.data.endpoint.id;
    receiver.script([{ status: 410 }]);
    await markRenderFailed(queued.id, 'media:0', 'no picture');
    const failed = await mine.waitFor((e) => e.__typename === 'WebhookEndpointEvent' && e.kind === 'DELIVERY_FAILED');
    expect(failed).toMatchObject({ endpointId, message: 'HTTP 410', delivery: { attempt: 1, responseStatus: 410 } });
    const disabled = await mine.waitFor((e) => e.__typename === 'WebhookEndpointEvent' && e.kind === 'DISABLED');
    expect(disabled).toMatchObject({
      endpointId,
      message: expect.stringMatching(/410 Gone/),
      endpoint: { enabled: false, disabledReason: expect.stringMatching(/410/) },
    });
    await mine.waitFor((e) => e.__typename === 'RenderProgressEvent' && e.kind === 'RENDER_STATUS' && e.status === 'FAILED');

    // Nothing of the other user's render reached me.
    const ids = mine.events.flatMap((e) => [e.renderId, ...(e.renders ?? []).map((r: any) => r.renderId)]);
    expect(ids).not.toContain(globalId('Render', theirRender.id));
    expect(mine.errors).toEqual([]);
    await mine.close();
  });

  it('a webhook event emitted while a client is connected reaches it as a delivery event', async () => {
    const me = await createUser('emitter');
    await gqlOk(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`,
      { input: { url: `${receiver.url}/ok`, events: ['PUBLICATION_PUBLISHED'] } },
      me.key,
    );
    const mine = listen(me.key);
    const snapshot = await mine.waitFor((e) => e.__typename === 'ViewerSnapshot');
    expect(snapshot).toEqual({ __typename: 'ViewerSnapshot', renders: [], scripts: [] });
    receiver.script([{ status: 200 }]);
    await emitEvent(me.id, 'publication.published', { publicationId: 'p' });
    const ok = await mine.waitFor((e) => e.__typename === 'WebhookEndpointEvent');
    expect(ok).toMatchObject({ kind: 'DELIVERY_SUCCEEDED', message: null, delivery: { attempt: 1, responseStatus: 200 } });
    // Leaving frees the per-user Redis subscription at once (no event needed to notice).
    const channel = `${process.env.REDIS_PREFIX}:viewerEvents:${me.id}`;
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      expect(await redis.pubsub('NUMSUB', channel)).toEqual([channel, 1]);
      await mine.close();
      const started = Date.now();
      while (((await redis.pubsub('NUMSUB', channel)) as [string, number])[1] !== 0 && Date.now() - started < 3_000)
        await new Promise((r) => setTimeout(r, 20));
      expect(await redis.pubsub('NUMSUB', channel)).toEqual([channel, 0]);
    } finally {
      redis.disconnect();
    }
  });

  it('works over SSE too: the snapshot first, then live events', async () => {
    const me = await createUser('sse');
    const { script } = await seedScript(me, 1);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${me.key}` },
      body: JSON.stringify({ query: 'subscription { viewerEvents { __typename ... on ScriptProgressEvent { writer } } }' }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: any[] = [];
    let buffer = '';
    const readEvent = async () => {
      for (;;) {
        const m = /^data: (.+)$/m.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return JSON.parse(m[1]!).data.viewerEvents;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    events.push(await readEvent());
    publishScriptEvent(me.id, { scriptId: script.id, kind: 'STARTED', status: 'GENERATING', writer: 'offline', message: null, elapsedMs: 0 });
    events.push(await readEvent());
    await reader.cancel();
    expect(events).toEqual([{ __typename: 'ViewerSnapshot' }, { __typename: 'ScriptProgressEvent', writer: 'offline' }]);
  });

  it('needs an API key', async () => {
    const anonymous = wsClient(server.url);
    const errors: any[] = [];
    await new Promise<void>((resolve) => {
      anonymous.subscribe(
        { query: SUBSCRIPTION },
        {
          next: (v) => {
            if (v.errors) errors.push(...v.errors);
            resolve();
          },
          error: (e) => {
            errors.push(e);
            resolve();
          },
          complete: resolve,
        },
      );
    });
    await anonymous.dispose();
    expect(errors.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
