// A small HTTP server on 127.0.0.1 that answers like the ElevenLabs text-to-speech and voices API, for driving the
// real SDK through its baseUrl option. Each request takes the next scripted reply (the last one repeats).
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export type Reply =
  | { status: number; json: unknown }
  | { status: number; raw: string; contentType?: string }
  /** A body made from the request's text (e.g. with speakAlignment). */
  | { status: number; fromText: (text: string) => unknown }
  /** Never answers (for timeouts). */
  | { hang: true };

export interface FakeElevenLabs {
  url: string;
  requests: RecordedRequest[];
  /** Replies for the coming requests, in order; the last one answers every request after it. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startFakeElevenLabs(): Promise<FakeElevenLabs> {
  const requests: RecordedRequest[] = [];
  let replies: Reply[] = [{ status: 500, json: { detail: 'no reply scripted' } }];

  const send = (res: ServerResponse, reply: Reply, body: Record<string, unknown> = {}) => {
    if ('hang' in reply) return;
    if ('fromText' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.fromText(typeof body.text === 'string' ? body.text : '')));
      return;
    }
    if ('json' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json));
    } else {
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      res.end(reply.raw);
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // recorded as {}
      }
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body });
      const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
      // The voices list (GET /v1/voices) takes scripted replies too.
      if (req.method === 'GET' && url.pathname === '/v1/voices') return send(res, reply);
      if (req.method !== 'POST' || !/^\/v1\/text-to-speech\/[^/]+\/with-timestamps$/.test(url.pathname)) {
        return send(res, { status: 404, json: { detail: { status: 'not_found', message: `no route ${url.pathname}` } } });
      }
      send(res, reply, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...r: Reply[]) => {
      replies = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real mp3 of `seconds` (440 Hz sine), made with ffmpeg's libmp3lame. */
export async function makeMp3(dir: string, seconds = 1.5): Promise<string> {
  const out = join(dir, `sine-${seconds}.mp3`);
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`, '-c:a', 'libmp3lame', out]);
  return out;
}

/** An alignment of `text` with character i at [offset + i·step, offset + i·step + length] seconds. */
export function evenAlignment(text: string, offset = 0.1, step = 0.06, length = 0.05) {
  const characters = [...text];
  return {
    characters,
    character_start_times_seconds: characters.map((_, i) => offset + i * step),
    character_end_times_seconds: characters.map((_, i) => offset + i * step + length),
  };
}

/**
 * An alignment of `text` as ElevenLabs answers for text with break tags: characters every `step`
 * seconds, and each `<break time="…" />` a silent gap of its length over which its own characters
 * are spread (they are in the alignment, as the service returns every character it was sent).
 */
export function speakAlignment(text: string, offset = 0.1, step = 0.06, length = 0.05) {
  const characters = [...text];
  const starts: number[] = [];
  const ends: number[] = [];
  let t = offset;
  let i = 0;
  while (i < characters.length) {
    const tag = /^<break time="([\d.]+)(m?s)" \/>/.exec(characters.slice(i).join(''));
    if (tag) {
      const gap = Number(tag[1]) / (tag[2] === 'ms' ? 1000 : 1);
      const n = [...tag[0]].length;
      for (let k = 0; k < n; k++) {
        starts.push(t + (gap * k) / n);
        ends.push(t + (gap * (k + 1)) / n);
      }
      t += gap;
      i += n;
      continue;
    }
    starts.push(t);
    ends.push(t + length);
    t += step;
    i++;
  }
  return { characters, character_start_times_seconds: starts, character_end_times_seconds: ends };
}
