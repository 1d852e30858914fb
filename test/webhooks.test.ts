// Webhooks end to end against a receiver on 127.0.0.1 that verifies every signature with the
// standardwebhooks package: the real webhook queue and worker, the real schedule shortened by
// WEBHOOK_RETRY_SCALE (10 h → 360 ms), real Postgres and Redis.
import { WebhookVerificationError } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from './webhookReceiver.js';

// Before anything reads the config: loopback receivers allowed (the test allowance, refused in
// production), the schedule ×0.00001.
process.env.DOWNLOAD_ALLOW_LOOPBACK = 'true';
process.env.WEBHOOK_RETRY_SCALE = '0.00001';

const { createUser, globalId, gql, gqlOk, prisma, rawId, seedAsset, seedRender, seedScript } = await import('./helpers.js');
const { closeRenderInfra, startWorkers } = await import('./renderHelpers.js');
type TestUser = Awaited<ReturnType<typeof createUser>>;
type RunningWorkers = ReturnType<typeof startWorkers>;

const { markRenderFailed, markRenderSucceeded } = await import('../src/jobs/stages.js');
const { emitEvent } = await import('../src/notify/deliveryQueue.js');
const { recordEvent } = await import('../src/notify/outbox.js');
const { sendWebhook } = await import('../src/notify/send.js');
const { DELIVERY_TIMEOUT_MS, MAX_ATTEMPTS, RETRY_SCHEDULE_MS, retryDelayMs } = await import('../src/notify/schedule.js');
const { reconcileOnce } = await import('../src/jobs/reconciler.js');
const { webhookBackoff, DeliveryAttemptFailed } = await import('../src/notify/deliveryQueue.js');

const ERR = '__typename ... on Error { message } ... on ValidationError { fields { path message } }';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ${ERR}
  ... on CreateWebhookEndpointSuccess { data { secret endpoint { id url events enabled } } } } }`;
const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { enabled disabledReason failingSince
  webhookDeliveries(first: 50) { totalCount edges { node { id eventId eventType attempt status responseStatus durationMs error retryAt } } } } } }`;

let workers: RunningWorkers;
let receiver: Receiver;
let user: TestUser;

beforeAll(async () => {
  workers = startWorkers(['webhook', 'script']);
  receiver = await startReceiver();
});

afterEach(() => {
  receiver.received.length = 0;
  receiver.script([]);
});

afterAll(async () => {
  await receiver.close();
  await closeRenderInfra(workers);
});

async function createEndpoint(u: TestUser, events: string[], path = '/hook') {
  const r = await gqlOk(CREATE, { input: { url: `${receiver.url}${path}`, events } }, u.key);
  expect(r.createWebhookEndpoint.__typename).toBe('CreateWebhookEndpointSuccess');
  return r.createWebhookEndpoint.data as { secret: string; endpoint: { id: string; url: string; events: string[]; enabled: boolean } };
}

interface EndpointState {
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  /** Oldest first. */
  deliveries: any[];
}

async function deliveriesOf(u: TestUser, endpointId: string): Promise<EndpointState> {
  const r = await gqlOk(DELIVERIES, { id: endpointId }, u.key);
  return { ...r.node, deliveries: r.node.webhookDeliveries.edges.map((e: any) => e.node).reverse() };
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A RUNNING render of a fresh user's script, with the assets a finished render points at. */
async function runningRender(u: TestUser) {
  const { project, script } = await seedScript(u, 2);
  const render = await seedRender(script.id, u.id, { status: 'RUNNING' });
  const video = await seedAsset(project.id, { renderId: render.id, kind: 'VIDEO' });
  const thumb = await seedAsset(project.id, { renderId: render.id });
  return { render, script, project, video, thumb };
}

describe('endpoints', () => {
  beforeAll(async () => {
    user = await createUser('hooks');
  });

  it('shows a whsec_ secret once, at creation; the endpoint never shows it again', async () => {
    const created = await createEndpoint(user, ['RENDER_SUCCEEDED', 'RENDER_FAILED']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(created.endpoint).toMatchObject({ url: `${receiver.url}/hook`, events: ['RENDER_SUCCEEDED', 'RENDER_FAILED'], enabled: true });
    const listed = await gqlOk('{ viewer { webhookEndpoints(first: 10) { totalCount edges { node { id } } } } }', {}, user.key);
    expect(listed.viewer.webhookEndpoints.edges.map((e: any) => e.node.id)).toContain(created.endpoint.id);
    const secretField = await gql(`query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { secret } } }`, { id: created.endpoint.id }, user.key);
    expect(secretField.errors?.[0]?.message).toMatch(/Cannot query field "secret"/);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a cloud metadata address/],
    ['http://10.0.0.7:8080/hook', /10\.0\.0\.7 is a private address/],
    ['http://[::ffff:192.168.1.1]/hook', /a private address \(IPv4 192\.168\.1\.1 inside IPv6\)/],
    ['http://100.100.100.200/hook', /cloud metadata address/],
    ['ftp://example.org/hook', /scheme ftp: is not http or https/],
    ['http://user:pw@127.0.0.1:8080/hook', /credentials/],
    ['http://127.0.0.1:25/hook', /port 25 is not allowed/],
    ['http://nonexistent.invalid/hook', /nonexistent\.invalid does not resolve/],
  ])('refuses %s, naming why, and stores nothing', async (url, why) => {
    const before = await prisma.webhookEndpoint.count();
    const r = await gqlOk(CREATE, { input: { url, events: ['RENDER_SUCCEEDED'] } }, user.key);
    expect(r.createWebhookEndpoint.__typename).toBe('ValidationError');
    expect(r.createWebhookEndpoint.fields[0].path).toEqual(['input', 'url']);
    expect(r.createWebhookEndpoint.fields[0].message).toMatch(why);
    expect(await prisma.webhookEndpoint.count()).toBe(before);
  });

  it('refuses empty, repeated and oversized event lists', async () => {
    for (const [events, why] of [
      [[], /at least one event/],
      [['RENDER_FAILED', 'RENDER_FAILED'], /more than once/],
      [Array(7).fill('SCRIPT_FAILED'), /at most 6 events/],
    ] as const) {
      const r = await gqlOk(CREATE, { input: { url: `${receiver.url}/x`, events } }, user.key);
      expect(r.createWebhookEndpoint.__typename).toBe('ValidationError');
      expect(r.createWebhookEndpoint.fields[0].path).toEqual(['input', 'events']);
      expect(r.createWebhookEndpoint.fields[0].message).toMatch(why);
    }
  });

  it('updates url and events, refusing a private URL without changing anything', async () => {
    const { endpoint } = await createEndpoint(user, ['SCRIPT_FAILED']);
    const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { ${ERR} ... on UpdateWebhookEndpointSuccess { data { url events } } } }`;
    const bad = await gqlOk(UPDATE, { input: { id: endpoint.id, url: 'http://192.168.0.10/x', events: ['RENDER_FAILED'] } }, user.key);
    expect(bad.updateWebhookEndpoint.fields[0]).toMatchObject({
      path: ['input', 'url'],
      message: expect.stringMatching(/192\.168\.0\.10 is a private address/),
    });
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: rawId(endpoint.id) } });
    expect(row).toMatchObject({ url: `${receiver.url}/hook`, events: ['script.failed'] });
    const ok = await gqlOk(UPDATE, { input: { id: endpoint.id, url: `${receiver.url}/other`, events: ['RENDER_FAILED', 'SCRIPT_GENERATED'] } }, user.key);
    expect(ok.updateWebhookEndpoint.data).toEqual({ url: `${receiver.url}/other`, events: ['RENDER_FAILED', 'SCRIPT_GENERATED'] });
  });

  it('at most 20 endpoints per user', async () => {
    const u = await createUser('many');
    await prisma.webhookEndpoint.createMany({
      data: Array.from({ length: 20 }, () => ({ userId: u.id, url: `${receiver.url}/x`, events: ['render.failed'], secret: 'whsec_AAAA' })),
    });
    const r = await gqlOk(CREATE, { input: { url: `${receiver.url}/x`, events: ['RENDER_FAILED'] } }, u.key);
    expect(r.createWebhookEndpoint).toMatchObject({ __typename: 'QuotaExceededError', message: expect.stringMatching(/webhookEndpoints.*20 of 20/) });
  });
});

describe('deliveries', () => {
  it('announce a render that succeeded, signed, thin, once', async () => {
    const u = await createUser('render');
    const { secret, endpoint } = await createEndpoint(u, ['RENDER_SUCCEEDED']);
    const other = await createEndpoint(u, ['SCRIPT_FAILED']); // not subscribed: gets nothing
    const { render, script, video, thumb } = await runningRender(u);
    expect(await markRenderSucceeded(render.id, video.id, thumb.id)).toBe(true);
    const [got] = await receiver.waitFor(1);
    const payload = receiver.verify(got!, secret) as any;
    expect(payload).toMatchObject({
      type: 'render.succeeded',
      data: { renderId: globalId('Render', render.id), scriptId: globalId('Script', script.id), status: 'SUCCEEDED', error: null },
    });
    expect(Date.parse(payload.timestamp)).not.toBeNaN();
    expect(got!.headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(got!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    // A second end of the same render is refused by its status: no second event.
    expect(await markRenderFailed(render.id, 'stitch', 'late')).toBe(false);
    const done = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length === 1,
    );
    expect(done.deliveries[0]).toMatchObject({
      attempt: 1,
      status: 'SUCCEEDED',
      responseStatus: 204,
      error: null,
      retryAt: null,
      eventType: 'render.succeeded',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(1);
    expect(await prisma.webhookMessage.count({ where: { endpointId: rawId(other.endpoint.id) } })).toBe(0);
  });

  it('to a receiver that fails 3 times then recovers arrive exactly once as succeeded, attempts in order', async () => {
    const u = await createUser('flaky');
    const { secret, endpoint } = await createEndpoint(u, ['RENDER_FAILED']);
    receiver.script([{ status: 500 }, { status: 503 }, { status: 502 }, { status: 200 }]);
    const { render } = await runningRender(u);
    await markRenderFailed(render.id, 'media:0', 'no picture');
    const got = await receiver.waitFor(4);
    // Every attempt is signed and carries the same id and body.
    for (const r of got)
      expect((receiver.verify(r, secret) as any).data).toMatchObject({ status: 'FAILED', error: { stage: 'media:0', message: 'no picture' } });
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    const { deliveries, failingSince } = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length === 4,
    );
    expect(deliveries.map((d) => [d.attempt, d.status, d.responseStatus])).toEqual([
      [1, 'FAILED', 500],
      [2, 'FAILED', 503],
      [3, 'FAILED', 502],
      [4, 'SUCCEEDED', 200],
    ]);
    expect(deliveries.filter((d) => d.status === 'SUCCEEDED')).toHaveLength(1);
    expect(deliveries.slice(0, 3).every((d) => d.retryAt !== null)).toBe(true);
    expect(failingSince).toBeNull(); // a success ends the failing streak
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(4);
    expect(await prisma.webhookMessage.findFirstOrThrow({ where: { endpointId: rawId(endpoint.id) } })).toMatchObject({ status: 'SUCCEEDED', attempts: 4 });
  });

  it('follow the spec schedule, scaled in tests; a failing receiver gets 8 attempts, then the message is FAILED', async () => {
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(8);
    // BullMQ's backoff gets attempts made so far; a re-created job (offset) goes on where it stood.
    expect(webhookBackoff(1, 'webhook', new Error('x'), { data: { offset: 0 } } as never)).toBe(retryDelayMs(1));
    expect(webhookBackoff(1, 'webhook', new Error('x'), { data: { offset: 3 } } as never)).toBe(retryDelayMs(4));
    const u = await createUser('down');
    const { endpoint } = await createEndpoint(u, ['SCRIPT_FAILED']);
    receiver.script([], { status: 500 });
    const { script, project } = await seedScript(u, 1);
    await emitEvent(u.id, 'script.failed', { scriptId: globalId('Script', script.id), projectId: globalId('Project', project.id), status: 'FAILED' });
    const got = await receiver.waitFor(8, 15_000);
    // The gaps grow as the schedule does (×0.00001: 3 ms, 18 ms, 72 ms, 180 ms, 360 ms, 360 ms).
    const gaps = got.slice(1).map((r, i) => r.at - got[i]!.at);
    expect(gaps[6]!).toBeGreaterThanOrEqual(300);
    expect(gaps[5]!).toBeGreaterThanOrEqual(300);
    expect(gaps[4]!).toBeGreaterThanOrEqual(150);
    const message = await until(
      () => prisma.webhookMessage.findFirstOrThrow({ where: { endpointId: rawId(endpoint.id) } }),
      (m) => m.status === 'FAILED',
    );
    expect(message.attempts).toBe(8);
    const { deliveries } = await deliveriesOf(u, endpoint.id);
    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(deliveries.at(-1).retryAt).toBeNull();
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received).toHaveLength(8);
  });

  it('410 Gone disables the endpoint; nothing more is sent', async () => {
    const u = await createUser('gone');
    const { endpoint } = await createEndpoint(u, ['SCRIPT_GENERATED']);
    receiver.script([{ status: 410 }]);
    await emitEvent(u.id, 'script.generated', { scriptId: 'x' });
    await receiver.waitFor(1);
    const state = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.enabled === false,
    );
    expect(state.disabledReason).toMatch(/410 Gone/);
    expect(state.deliveries).toHaveLength(1);
    await emitEvent(u.id, 'script.generated', { scriptId: 'y' });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
  });

  it('429 with Retry-After waits at least that long (the schedule alone would retry in under a millisecond)', async () => {
    const u = await createUser('limited');
    await createEndpoint(u, ['SCRIPT_GENERATED']);
    receiver.script([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    await emitEvent(u.id, 'script.generated', { scriptId: 'x' });
    const [first, second] = await receiver.waitFor(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(retryDelayMs(1)).toBeLessThan(5);
  });

  it('does not follow redirects: a 3xx is a failed attempt and its Location is never requested', async () => {
    const u = await createUser('redirect');
    const { endpoint } = await createEndpoint(u, ['SCRIPT_GENERATED']);
    receiver.script([{ status: 302, headers: { location: `${receiver.url}/elsewhere` } }, { status: 200 }]);
    await emitEvent(u.id, 'script.generated', { scriptId: 'x' });
    await receiver.waitFor(2);
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook', '/hook']);
    const { deliveries } = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length === 2,
    );
    expect(deliveries[0]).toMatchObject({ status: 'FAILED', responseStatus: 302, error: expect.stringMatching(/redirects are not followed/) });
  });

  it('time out: no answer within the limit is a failed attempt (15 s in production)', async () => {
    expect(DELIVERY_TIMEOUT_MS).toBe(15_000);
    receiver.script(['hang']);
    const started = Date.now();
    const result = await sendWebhook(`${receiver.url}/slow`, {}, '{}', { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('connect to the address vetted for the name, never to a second answer (DNS rebinding)', async () => {
    const port = new URL(receiver.url).port;
    // A name whose answers include a private address is refused before any connection.
    const mixed = await sendWebhook(`http://hooks.example.test:${port}/x`, {}, '{}', { lookup: async () => ['127.0.0.1', '10.0.0.9'] });
    expect(mixed).toMatchObject({ ok: false, status: null, error: '10.0.0.9 is a private address (resolved from hooks.example.test)' });
    // The vetted answer is the one connected to: the system resolver knows no such name.
    receiver.script([{ status: 200 }]);
    const pinned = await sendWebhook(`http://receiver.example.test:${port}/pinned`, { 'webhook-id': 'msg_x' }, '{"a":1}', {
      lookup: async () => ['127.0.0.1'],
    });
    expect(pinned).toMatchObject({ ok: true, status: 200, error: null });
    expect(receiver.received.at(-1)).toMatchObject({
      path: '/pinned',
      body: '{"a":1}',
      headers: { host: `receiver.example.test:${port}`, 'content-type': 'application/json' },
    });
  });

  it('check the URL again on every delivery: an endpoint now pointing at a private address is not called', async () => {
    const u = await createUser('rebound');
    const { endpoint } = await createEndpoint(u, ['SCRIPT_GENERATED']);
    // As if its host name now resolved to the metadata service.
    await prisma.webhookEndpoint.update({ where: { id: rawId(endpoint.id) }, data: { url: 'http://169.254.169.254/latest/meta-data/' } });
    await emitEvent(u.id, 'script.generated', { scriptId: 'x' });
    const { deliveries } = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length >= 1,
    );
    expect(deliveries[0]).toMatchObject({
      status: 'FAILED',
      responseStatus: null,
      error: expect.stringMatching(/169\.254\.169\.254 is a cloud metadata address/),
    });
  });

  it('an endpoint failing for 5 days is disabled and says why', async () => {
    const u = await createUser('tired');
    const { endpoint } = await createEndpoint(u, ['SCRIPT_GENERATED']);
    await prisma.webhookEndpoint.update({ where: { id: rawId(endpoint.id) }, data: { failingSince: new Date(Date.now() - 5 * 24 * 3600_000 - 60_000) } });
    receiver.script([], { status: 500 });
    await emitEvent(u.id, 'script.generated', { scriptId: 'x' });
    const state = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.enabled === false,
    );
    expect(state.disabledReason).toMatch(/every delivery failed for 5 days .*HTTP 500/);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
  });

  it('rotation: during the overlap both signatures are sent and each secret verifies; afterwards only the new one', async () => {
    const u = await createUser('rotate');
    const { secret: oldSecret, endpoint } = await createEndpoint(u, ['SCRIPT_GENERATED']);
    const ROTATE = `mutation($id: ID!, $m: Int) { rotateWebhookSecret(id: $id, overlapMinutes: $m) { ${ERR} ... on RotateWebhookSecretSuccess { data { secret endpoint { previousSecretExpiresAt } } } } }`;
    const rotated = (await gqlOk(ROTATE, { id: endpoint.id }, u.key)).rotateWebhookSecret.data;
    expect(rotated.secret).not.toBe(oldSecret);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    await emitEvent(u.id, 'script.generated', { scriptId: 'x' });
    const [during] = await receiver.waitFor(1);
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(receiver.verify(during!, oldSecret)).toMatchObject({ type: 'script.generated' });
    expect(receiver.verify(during!, rotated.secret)).toMatchObject({ type: 'script.generated' });
    // Ending the overlap: the next delivery verifies with the newest secret only.
    const newest = (await gqlOk(ROTATE, { id: endpoint.id, m: 0 }, u.key)).rotateWebhookSecret.data;
    expect(newest.endpoint.previousSecretExpiresAt).toBeNull();
    await emitEvent(u.id, 'script.generated', { scriptId: 'y' });
    const [, after] = await receiver.waitFor(2);
    expect(String(after!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => receiver.verify(after!, rotated.secret)).toThrow(WebhookVerificationError);
    expect(receiver.verify(after!, newest.secret)).toMatchObject({ data: { scriptId: 'y' } });
    const tooLong = await gqlOk(ROTATE, { id: endpoint.id, m: 20_000 }, u.key);
    expect(tooLong.rotateWebhookSecret).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['overlapMinutes'] }] });
  });

  it('testWebhookEndpoint sends a signed webhook.test now and answers how it went; redeliverWebhook sends an event again with the same id', async () => {
    const u = await createUser('tester');
    const { secret, endpoint } = await createEndpoint(u, ['PUBLICATION_PUBLISHED']);
    const test = await gqlOk(
      `mutation($id: ID!) { testWebhookEndpoint(id: $id) { ${ERR} ... on TestWebhookEndpointSuccess { data { status responseStatus eventType attempt } } } }`,
      { id: endpoint.id },
      u.key,
    );
    expect(test.testWebhookEndpoint.data).toEqual({ status: 'SUCCEEDED', responseStatus: 204, eventType: 'webhook.test', attempt: 1 });
    expect(receiver.verify(receiver.received[0]!, secret)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    // The function publishing calls: delivered like any event.
    await emitEvent(u.id, 'publication.published', { publicationId: 'p1', url: 'https://youtu.be/abc' });
    const [, published] = await receiver.waitFor(2);
    expect(receiver.verify(published!, secret)).toMatchObject({ type: 'publication.published', data: { url: 'https://youtu.be/abc' } });
    const { deliveries } = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length === 2,
    );
    const first = deliveries.find((d) => d.eventType === 'publication.published');
    const again = await gqlOk(
      `mutation($id: ID!) { redeliverWebhook(id: $id) { ${ERR} ... on RedeliverWebhookSuccess { data { id } } } }`,
      { id: first.id },
      u.key,
    );
    expect(again.redeliverWebhook.data.id).toBe(endpoint.id);
    const [, , redelivered] = await receiver.waitFor(3);
    expect(redelivered!.headers['webhook-id']).toBe(published!.headers['webhook-id']);
    expect(receiver.verify(redelivered!, secret)).toMatchObject({ type: 'publication.published' });
    const after = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length === 3,
    );
    expect(after.deliveries.filter((d) => d.eventId === first.eventId).map((d) => d.attempt)).toEqual([1, 2]);
  });

  it('a message whose job the queue never got is delivered by the reconciler', async () => {
    const u = await createUser('lost');
    const { secret } = await createEndpoint(u, ['RENDER_FAILED']);
    // Recorded and committed, but never queued (the process died between the two).
    const queued = await prisma.$transaction((tx) => recordEvent(tx, u.id, 'render.failed', { renderId: 'r' }));
    expect(queued).toHaveLength(1);
    await prisma.webhookMessage.update({ where: { id: queued[0]!.id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    const report = await reconcileOnce({ graceMs: 30_000 });
    expect(report?.recovered.webhooks).toEqual([queued[0]!.id]);
    const [got] = await receiver.waitFor(1);
    expect(receiver.verify(got!, secret)).toMatchObject({ type: 'render.failed' });
    expect(got!.headers['webhook-id']).toBe(`msg_${queued[0]!.id}`);
    // Its job is live now: the next pass leaves it alone.
    expect((await reconcileOnce({ graceMs: 0 }))?.recovered.webhooks).toEqual([]);
  });

  it('announce a generated script (scene count included) from the script job, and a failed generation from the reconciler', async () => {
    const u = await createUser('writer');
    const { secret, endpoint } = await createEndpoint(u, ['SCRIPT_GENERATED', 'SCRIPT_FAILED']);
    const p = await gqlOk(`mutation { createProject(input: { title: "Hooks" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, u.key);
    const GENERATE = `mutation($input: GenerateScriptInput!) { generateScript(input: $input) { ${ERR} ... on GenerateScriptSuccess { data { id } } } }`;
    const ok = await gqlOk(
      GENERATE,
      { input: { projectId: p.createProject.data.id, prompt: 'Bees dance. They tell where flowers are. The hive listens.' } },
      u.key,
    );
    const [generated] = await receiver.waitFor(1, 20_000);
    expect(receiver.verify(generated!, secret)).toMatchObject({
      type: 'script.generated',
      data: { scriptId: ok.generateScript.data.id, projectId: p.createProject.data.id, status: 'DRAFT', failureReason: null, sceneCount: 3 },
    });
    // A generation whose job the queue lost once too often: the reconciler ends it FAILED, and says so.
    const lost = await prisma.script.create({
      data: {
        projectId: rawId(p.createProject.data.id),
        ownerId: u.id,
        title: 'Lost',
        status: 'GENERATING',
        prompt: 'Owls',
        writerModel: 'pending',
        recoveries: 3,
      },
    });
    await prisma.$executeRawUnsafe(`UPDATE "${process.env.DATABASE_SCHEMA}"."Script" SET "updatedAt" = now() - interval '1 hour' WHERE id = $1::uuid`, lost.id);
    expect((await reconcileOnce({ graceMs: 30_000 }))?.failed.scripts).toEqual([lost.id]);
    const [, failed] = await receiver.waitFor(2, 20_000);
    expect(receiver.verify(failed!, secret)).toMatchObject({
      type: 'script.failed',
      data: { scriptId: globalId('Script', lost.id), status: 'FAILED', failureReason: expect.stringMatching(/the job queue lost/) },
    });
    const { deliveries } = await until(
      () => deliveriesOf(u, endpoint.id),
      (d) => d.deliveries.length === 2,
    );
    expect(deliveries.map((d) => d.eventType)).toEqual(['script.generated', 'script.failed']);
  });

  it('announce a finished publication (the hook YouTube publishing calls)', async () => {
    const u = await createUser('publisher');
    const { secret } = await createEndpoint(u, ['PUBLICATION_PUBLISHED', 'PUBLICATION_FAILED']);
    const { recordPublicationFinished } = await import('../src/publish/finished.js');
    const { dispatchMessages } = await import('../src/notify/deliveryQueue.js');
    type Finished = Parameters<typeof recordPublicationFinished>[1];
    // As publishing does: the event is recorded in the transaction that ends the publication.
    const publicationFinished = async (p: Finished) => dispatchMessages(await prisma.$transaction((tx) => recordPublicationFinished(tx, p)));
    const ids = { id: '00000000-0000-4000-8000-000000000001', ownerId: u.id, renderId: '00000000-0000-4000-8000-000000000002' };
    // A transaction that does not commit leaves no event behind.
    const messagesBefore = await prisma.webhookMessage.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordPublicationFinished(tx, { ...ids, status: 'PUBLISHED', videoId: 'rolled-back', watchUrl: null, errorCode: null, errorMessage: null });
        throw new Error('the status change failed');
      }),
    ).rejects.toThrow('the status change failed');
    expect(await prisma.webhookMessage.count()).toBe(messagesBefore);
    await publicationFinished({ ...ids, status: 'PUBLISHED', videoId: 'abc123', watchUrl: 'https://youtu.be/abc123', errorCode: null, errorMessage: null });
    const [published] = await receiver.waitFor(1);
    expect(receiver.verify(published!, secret)).toMatchObject({
      type: 'publication.published',
      data: {
        publicationId: globalId('Publication', ids.id),
        renderId: globalId('Render', ids.renderId),
        status: 'PUBLISHED',
        videoId: 'abc123',
        url: 'https://youtu.be/abc123',
        error: null,
      },
    });
    await publicationFinished({ ...ids, status: 'FAILED', videoId: null, watchUrl: null, errorCode: 'QUOTA_EXCEEDED', errorMessage: 'quota used up' });
    const [, failed] = await receiver.waitFor(2);
    expect(receiver.verify(failed!, secret)).toMatchObject({
      type: 'publication.failed',
      data: { status: 'FAILED', error: { code: 'QUOTA_EXCEEDED', message: 'quota used up' } },
    });
  });

  it('a retry carries the receiver’s Retry-After to BullMQ', () => {
    expect(webhookBackoff(1, 'webhook', new DeliveryAttemptFailed('HTTP 429', 2_000), { data: { offset: 0 } } as never)).toBe(2_000);
  });
});
