// A subscriber that falls too far behind (more than LIVE_QUEUE_LIMIT events waiting) over graphql-ws:
// its operation ends with an error that says why, after a gapless ordered prefix of its events,
// and its socket goes on serving other operations. The server's memory for it stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Small, so that one burst overflows it while the client is not reading.
process.env.LIVE_QUEUE_LIMIT = '50';

const { createUser, globalId, prisma, seedRender, seedScript } = await import('./helpers.js');
const { rawWsClient, stageEvent } = await import('./liveHelpers.js');
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

describe('a slow subscriber', () => {
  it('a graphql-ws subscriber that falls behind is ended with the reason after what it got, and its socket stays usable', async () => {
    const user = await createUser('slow');
    const { script } = await seedScript(user, 1);
    const render = await seedRender(script.id, user.id, { status: 'RUNNING' });
    // A raw graphql-transport-ws client, so that it can stop reading its socket.
    const { ws, messages, waitFor } = await rawWsClient(server.url, user.key);
    const query = `subscription($id: ID!) { renderProgress(renderId: $id) { kind elapsedMs } }`;
    ws.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query, variables: { id: globalId('Render', render.id) } } }));
    await waitFor((m) => m.type === 'next');
    // It stops reading while a burst comes: more than LIVE_QUEUE_LIMIT arrive in one read of Redis.
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const total = 2_000;
    for (let seq = 0; seq < total; seq++) void getPubSub().publish('renderProgress', render.id, stageEvent(render.id, seq));
    await new Promise((r) => setTimeout(r, 1_000));
    socket.resume();
    const { message: error } = await waitFor((m) => m.type === 'error' && m.id === 'slow');
    expect(JSON.stringify(error.payload)).toMatch(/too slow/);
    const received = messages()
      .filter((m) => m.type === 'next' && m.id === 'slow')
      .map((m) => m.payload.data.renderProgress.elapsedMs);
    // What it did get is a gapless, ordered prefix (after its snapshot).
    expect(received.length).toBeLessThan(total + 1);
    expect(received.slice(1)).toEqual(Array.from({ length: received.length - 1 }, (_, i) => i));
    // The same socket still serves the next operation.
    ws.send(JSON.stringify({ id: 'again', type: 'subscribe', payload: { query: '{ viewer { name } }' } }));
    const { message: again } = await waitFor((m) => m.type === 'next' && m.id === 'again');
    expect(again.payload).toEqual({ data: { viewer: { name: 'slow' } } });
    ws.close();
    await prisma.render.update({ where: { id: render.id }, data: { status: 'SUCCEEDED' } });
  });
});
