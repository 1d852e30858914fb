// The socket keep-alive on a real ws server over loopback: a client that stops answering is ended
// within two intervals; a stall of the server's own event loop longer than an interval ends nobody.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { keepSocketsAlive } from '../src/socketKeepAlive.js';

const INTERVAL = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function serverAndClient() {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const wss = new WebSocketServer({ server: http });
  const stop = keepSocketsAlive(wss, INTERVAL);
  const port = (http.address() as { port: number }).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve) => client.once('open', resolve));
  let closed = false;
  client.on('close', () => (closed = true));
  cleanups.push(async () => {
    stop();
    client.terminate();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return { client, isClosed: () => closed };
}

describe('keepSocketsAlive', () => {
  it('keeps a client that answers, and ends one that stops reading within two intervals', async () => {
    const { client, isClosed } = await serverAndClient();
    await sleep(INTERVAL * 4);
    expect(isClosed()).toBe(false);
    // Not reading: the pings stay unread, so no pong comes back.
    (client as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    await sleep(INTERVAL * 3);
    (client as unknown as { _socket: { resume(): void } })._socket.resume();
    await sleep(50);
    expect(isClosed()).toBe(true);
  });

  it('ends nobody when its own tick comes late because the process stalled', async () => {
    const { client, isClosed } = await serverAndClient();
    // Block this process (the server's event loop too) for several intervals right after a ping
    // arrives: the client's pong sits unread on the server's socket when the late tick runs.
    const stalled = new Promise<void>((resolve) =>
      client.once('ping', () => {
        const until = Date.now() + INTERVAL * 4;
        while (Date.now() < until);
        resolve();
      }),
    );
    await stalled;
    await sleep(INTERVAL * 3);
    expect(isClosed()).toBe(false);
  });
});
