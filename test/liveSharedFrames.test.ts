// A live event's `next` message is serialised once for the subscribers that share its result (same
// document, variables and credential) and written to each of them with only its id changed; a
// subscriber with another credential or another document gets a serialisation of its own. The
// frames are the bytes graphql-ws itself would send (graphql-transport-ws, keys id, type, payload).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const { createUser, globalId, prisma, seedRender, seedScript } = await import('./helpers.js');
const { rawWsClient, stageEvent } = await import('./liveHelpers.js');
const { newApiKey } = await import('../src/auth/apiKeys.js');
const { startServer } = await import('../src/server.js');
const { closePubSub, getPubSub } = await import('../src/pubsub.js');

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await closePubSub();
});

const FULL = `subscription($id: ID!) { renderProgress(renderId: $id) { kind renderId status elapsedMs } }`;
const SHORT = `subscription($id: ID!) { renderProgress(renderId: $id) { elapsedMs } }`;

describe('shared live frames', () => {
  it('subscribers with the same answer get the same serialisation, others their own, all as graphql-ws frames', async () => {
    const user = await createUser('frames');
    const other = newApiKey();
    await prisma.apiKey.create({ data: { userId: user.id, name: 'second', prefix: other.prefix, secretHash: other.secretHash } });
    const { script } = await seedScript(user, 1);
    const render = await seedRender(script.id, user.id, { status: 'RUNNING' });
    const variables = { id: globalId('Render', render.id) };
    const [one, two, third] = await Promise.all([rawWsClient(server.url, user.key), rawWsClient(server.url, user.key), rawWsClient(server.url, other.key)]);
    // a and b share everything; c has another credential (the same user's other key); d another document.
    const subs = [
      { client: one, id: 'a', query: FULL },
      { client: two, id: 'b', query: FULL },
      { client: third, id: 'c', query: FULL },
      { client: one, id: 'd', query: SHORT },
    ];
    for (const s of subs) s.client.ws.send(JSON.stringify({ id: s.id, type: 'subscribe', payload: { query: s.query, variables } }));
    // Each has its snapshot: it is subscribed.
    await Promise.all(subs.map((s) => s.client.waitFor((_, f) => f.startsWith(`{"id":"${s.id}","type":"next"`))));

    const marker = 987_654;
    const stringify = vi.spyOn(JSON, 'stringify');
    let frames: string[];
    let serialised: string[];
    try {
      await getPubSub().publish('renderProgress', render.id, stageEvent(render.id, marker));
      frames = await Promise.all(
        subs.map(async (s) => (await s.client.waitFor((_, f) => f.startsWith(`{"id":"${s.id}"`) && f.includes(`${marker}`), 10_000)).frame),
      );
    } finally {
      // (mockRestore forgets the calls.)
      serialised = stringify.mock.results.flatMap((r) => (r.type === 'return' && typeof r.value === 'string' ? [r.value as string] : []));
      stringify.mockRestore();
    }
    const withMarker = serialised.filter((json) => json.includes(`${marker}`));
    // One serialisation for a and b, one for c, one for d; no whole message stringified per socket.
    expect(withMarker.filter((json) => json.startsWith('{"data":'))).toHaveLength(3);
    expect(withMarker.filter((json) => json.startsWith('{"id":'))).toHaveLength(0);

    const [a, b, c, d] = frames.map((f) => JSON.parse(f) as { id: string; type: string; payload: unknown });
    // Byte for byte what graphql-ws's stringifyMessage would have sent.
    for (const [i, f] of frames.entries()) expect(f).toBe(JSON.stringify({ id: subs[i]!.id, type: 'next', payload: JSON.parse(f).payload }));
    expect(a!.payload).toEqual({ data: { renderProgress: { kind: 'STAGE_PROGRESS', renderId: variables.id, status: 'RUNNING', elapsedMs: marker } } });
    expect(frames[1]).toBe(frames[0]!.replace('"id":"a"', '"id":"b"'));
    expect(c!.payload).toEqual(a!.payload);
    expect(d!.payload).toEqual({ data: { renderProgress: { elapsedMs: marker } } });
    expect(b!.type).toBe('next');
    for (const client of [one, two, third]) client.ws.close();
    await prisma.render.update({ where: { id: render.id }, data: { status: 'SUCCEEDED' } });
  });
});
