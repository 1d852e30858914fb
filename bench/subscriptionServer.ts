// Child process of bench/subscriptions.ts: the server under test, alone in its process so its
// memory is not mixed with the clients'. `graphql` runs the real API (startServer: Yoga +
// graphql-ws + Redis pub/sub); `relay` runs the baseline, a bare `ws` server that forwards each
// Redis message to the sockets of its channel (named in the socket's URL), decoded once and shaped
// as the graphql-ws `next` message our server sends. Environment (schema, Redis prefix…) comes from the parent. Driven over IPC.
import { createServer } from 'node:http';
import { constants as perf, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

type Handler = (msg: Record<string, unknown>) => unknown;

const mode = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

async function settledMemory() {
  // Several full collections with turns of the event loop between them (finalizers, weak refs).
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((r) => setTimeout(r, 40));
  }
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, totalHeap: h.total_heap_size };
}

let profiler: Session | null = null;
// Time spent in garbage collection, by kind, within the window.
const gcMs = { minor: 0, major: 0, incremental: 0, weak: 0 };
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    if (kind === perf.NODE_PERFORMANCE_GC_MINOR) gcMs.minor += e.duration;
    else if (kind === perf.NODE_PERFORMANCE_GC_MAJOR) gcMs.major += e.duration;
    else if (kind === perf.NODE_PERFORMANCE_GC_INCREMENTAL) gcMs.incremental += e.duration;
    else gcMs.weak += e.duration;
  }
});
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
let cpuMark = process.cpuUsage();
const common: Record<string, Handler> = {
  memory: () => settledMemory(),
  // SUBS_PROFILE_DIR: CPU profiles of one phase (ramp, publishing), for chrome://inspect or a script.
  profileStart: async () => {
    profiler ??= new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.post('Profiler.start');
    return null;
  },
  profileStop: async (a) => {
    const { profile } = await profiler!.post('Profiler.stop');
    writeFileSync(a.path as string, JSON.stringify(profile));
    profiler!.disconnect();
    return a.path;
  },
  // SUBS_PROFILE_DIR: heap snapshots before and with N idle subscribers (diff them by constructor).
  heapSnapshot: (a) => {
    gc!();
    return v8.writeHeapSnapshot(a.path as string);
  },
  // CPU time and event-loop delay over a window (the publishing window).
  windowStart: () => {
    cpuMark = process.cpuUsage();
    loopDelay.reset();
    loopDelay.enable();
    Object.assign(gcMs, { minor: 0, major: 0, incremental: 0, weak: 0 });
    gcObserver.observe({ entryTypes: ['gc'] });
    return null;
  },
  windowStop: () => {
    const cpu = process.cpuUsage(cpuMark);
    loopDelay.disable();
    gcObserver.disconnect();
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      gcMs: { ...gcMs },
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
    };
  },
};

function serve(handlers: Record<string, Handler>) {
  process.on('message', (raw) => {
    const { id, cmd, ...args } = raw as { id: number; cmd: string } & Record<string, unknown>;
    Promise.resolve()
      .then(() => {
        const h = handlers[cmd];
        if (!h) throw new Error(`unknown command ${cmd}`);
        return h(args);
      })
      .then(
        (result) => {
          process.send!({ id, result });
          if (cmd === 'close') setTimeout(() => process.exit(0), 100);
        },
        (err: unknown) => process.send!({ id, error: String((err as Error)?.stack ?? err) }),
      );
  });
  // The parent went away (or ended us): never linger.
  process.on('disconnect', () => process.exit(0));
}

if (mode === 'graphql') {
  const { startServer } = await import('../src/server.js');
  const { onQuery, prisma } = await import('../src/db.js');
  const { getPubSub, closePubSub } = await import('../src/pubsub.js');
  let queries = 0;
  onQuery(() => queries++);
  // Open the two Redis connections now, so they are not counted as per-subscriber memory.
  getPubSub();
  const running = await startServer(0, '127.0.0.1');
  serve({
    ...common,
    queries: () => queries,
    close: async () => {
      await running.close();
      await closePubSub();
      await prisma.$disconnect();
      return null;
    },
  });
  process.send!({ ready: running.url });
} else if (mode === 'relay') {
  const { WebSocketServer } = await import('ws');
  const { Redis } = await import('ioredis');
  const channel = process.argv[3]!;
  const server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const byChannel = new Map<string, Set<import('ws').WebSocket>>();
  wss.on('connection', (ws, req) => {
    const channel = new URL(req.url ?? '/', 'http://relay').searchParams.get('channel') ?? '';
    let sockets = byChannel.get(channel);
    if (!sockets) byChannel.set(channel, (sockets = new Set()));
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      if (sockets.size === 0) byChannel.delete(channel);
    });
  });
  const sub = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  // One frame per event, the size of ours: graphql-ws `next` with the same selection (renderId as a
  // Relay global id, `at` re-serialised as the DateTime scalar does) and a uuid operation id.
  sub.on('pmessage', (_pattern: string, channel: string, message: string) => {
    const sockets = byChannel.get(channel);
    if (!sockets) return;
    const decoded = JSON.parse(message) as Record<string, unknown>;
    const viewer = channel.includes(':viewerEvents:');
    const e = (viewer ? decoded.event : decoded) as Record<string, unknown>;
    const frame = JSON.stringify({
      id: '6f1c3a52-0d4e-4b8a-9a57-3f2b9c1e7d40',
      type: 'next',
      payload: {
        data: {
          [viewer ? 'viewerEvents' : 'renderProgress']: {
            ...(viewer ? { __typename: 'RenderProgressEvent' } : {}),
            kind: e.kind,
            renderId: Buffer.from(`Render:${e.renderId as string}`).toString('base64'),
            stageName: e.stageName,
            status: e.status,
            progress: e.progress,
            elapsedMs: e.elapsedMs,
            at: new Date(e.at as string).toISOString(),
          },
        },
      },
    });
    for (const ws of sockets) ws.send(frame);
  });
  await sub.psubscribe(channel);
  serve({
    ...common,
    queries: () => 0,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sub.quit().catch(() => sub.disconnect());
      return null;
    },
  });
  const address = server.address();
  process.send!({ ready: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql` });
} else {
  throw new Error(`mode must be graphql or relay, not ${mode}`);
}
