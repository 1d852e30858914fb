// The real server over real HTTP and real WebSockets: startServer() on a free port.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApi, startServer, type RunningServer } from '../src/server.js';
import { createUser, prisma, type TestUser } from './helpers.js';

let running: RunningServer;
let port: number;
let alice: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  running = await startServer(0, '127.0.0.1');
  port = Number(new URL(running.url).port);
  alice = await createUser('alice');
});

afterAll(async () => {
  for (const c of clients) await Promise.resolve(c.dispose()).catch(() => {});
  // close() may already have run in the last test; a second call must not hang the suite.
  if (running.server.listening) await running.close();
});

function wsClient(connectionParams?: Record<string, unknown>, extra: { retryAttempts?: number } = {}) {
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: extra.retryAttempts ?? 0,
    lazy: true,
  });
  clients.push(client);
  return client;
}

/** Runs one operation over the socket and resolves with its single result (or the error/close event). */
function wsExecute(client: Client, query: string, variables: Record<string, unknown> = {}) {
  return new Promise<{ data?: any; errors?: any[] } | { failure: unknown }>((resolve) => {
    let result: any;
    client.subscribe(
      { query, variables },
      {
        next: (r) => (result = r),
        error: (err) => resolve({ failure: err }),
        complete: () => resolve(result),
      },
    );
  });
}

describe('HTTP', () => {
  it('answers a query', async () => {
    const res = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.key}` },
      body: JSON.stringify({ query: '{ viewer { id name } }' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer.name).toBe('alice');
  });

  it('serves GraphiQL inline, with no CDN scripts', async () => {
    const res = await fetch(running.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).toContain('<title>reelforge</title>');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdn\./i);
    const srcs = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)=["']([^"']+)["']/gi)].map((m) => m[1]!);
    expect(srcs.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([]);
    // The bundle is in the page itself: big, not a loader stub.
    expect(html.length).toBeGreaterThan(100_000);
  });

  it('puts the demo key into the GraphiQL headers when given one', async () => {
    const demo = 'rf_demo0000_DemoKeyForLocalUseOnly0000000000';
    const res = await createApi({ demoApiKey: demo }).fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain(`Bearer ${demo}`);
    // ...and not without one.
    const plain = await (await fetch(running.url, { headers: { accept: 'text/html' } })).text();
    expect(plain).not.toContain('Bearer rf_');
  });

  it('fails, rather than hanging, when the port is taken', async () => {
    const outcome = await Promise.race([
      startServer(port, '127.0.0.1').then(
        async (s) => {
          await s.close();
          return 'started';
        },
        (err: NodeJS.ErrnoException) => err.code,
      ),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000)),
    ]);
    expect(outcome).toBe('EADDRINUSE');
    // The first server is unaffected.
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('answers /health', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
  });
});

describe('graphql-ws', () => {
  it('executes a query', async () => {
    const r = (await wsExecute(wsClient(), '{ __typename viewer { id } }')) as any;
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ __typename: 'Query', viewer: null });
  });

  it('resolves the viewer from connectionParams.authorization', async () => {
    const r = (await wsExecute(wsClient({ authorization: `Bearer ${alice.key}` }), '{ viewer { id email name } }')) as any;
    expect(r.errors).toBeUndefined();
    expect(r.data.viewer.name).toBe('alice');
    expect(Buffer.from(r.data.viewer.id, 'base64').toString()).toBe(`User:${alice.id}`);
  });

  it('refuses a bad key with a clear error', async () => {
    const bad = `rf_aaaaaaaa_${'A'.repeat(32)}`;
    const r = (await wsExecute(wsClient({ authorization: `Bearer ${bad}` }), '{ viewer { id } }')) as any;
    const errors: any[] = Array.isArray(r.failure) ? r.failure : (r.errors ?? []);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/API key is invalid or revoked/);
    expect(errors[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.data?.viewer).toBeUndefined();
  });

  it('a key revoked while its socket is open stops working for the next operation', async () => {
    const bob = await createUser('bob');
    const client = wsClient({ authorization: `Bearer ${bob.key}` });
    const ok = (await wsExecute(client, '{ viewer { name } }')) as any;
    expect(ok.data.viewer.name).toBe('bob');
    await prisma.apiKey.updateMany({ where: { userId: bob.id }, data: { revokedAt: new Date() } });
    const r = (await wsExecute(client, '{ viewer { name } }')) as any;
    const errors: any[] = Array.isArray(r.failure) ? r.failure : (r.errors ?? []);
    expect(errors[0]?.message).toBe('API key is invalid or revoked');
  });

  it('refuses a malformed Authorization value over the socket', async () => {
    const r = (await wsExecute(wsClient({ authorization: 'Token nope' }), '{ viewer { id } }')) as any;
    const errors: any[] = Array.isArray(r.failure) ? r.failure : (r.errors ?? []);
    expect(errors[0]?.message).toMatch(/Bearer <api key>/);
  });

  it('close() closes open sockets with code 1001', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise<void>((resolve) => socket.once('message', () => resolve()));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    const started = Date.now();
    await running.close();
    const { code } = await closed;
    expect(code).toBe(1001);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(running.server.listening).toBe(false);
  });
});
