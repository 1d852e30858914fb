// A webhook receiver on 127.0.0.1 for tests: records every request and verifies each signature with
// the standardwebhooks package, as a real receiver would. Its answers are scripted per test.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; afterwards `fallback`. */
  script(answers: Answer[], fallback?: Answer): void;
  /** Verifies a request with `secret` (throws WebhookVerificationError when it does not verify). */
  verify(r: Received, secret: string): unknown;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let queue: Answer[] = [];
  let fallback: Answer = { status: 204 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = queue.shift() ?? fallback;
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    script: (answers, fb = { status: 204 }) => {
      queue = [...answers];
      fallback = fb;
    },
    verify: (r, secret) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>),
    waitFor: async (count, timeoutMs = 10_000) => {
      const started = Date.now();
      while (received.length < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`receiver got ${received.length} of ${count} requests within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received.slice(0, count);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
