// Small local HTTP servers that speak just enough of the Gemini and Groq APIs for the real SDKs.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** `hang` never answers (for timeouts); `raw` is sent as it is. */
export type Reply = { status: number; body: unknown } | { status: number; raw: string } | { hang: true };

export interface FakeServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** Answers the n-th request (0-based) with reply(request, n) (or what it resolves to: a slow service); records every request. */
export async function startFake(reply: (request: Recorded, n: number) => Reply | Promise<Reply>): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      const recorded: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
      requests.push(recorded);
      const r = await reply(recorded, requests.length - 1);
      if ('hang' in r) return;
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end('raw' in r ? r.raw : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const API_KEY = 'test-key-SECRET-7f3a9c';

export const validScript = {
  title: 'Nobel Peace Prize 2024',
  style: 'clean editorial illustration',
  scenes: [
    { narration: 'The Nobel Peace Prize went to Nihon Hidankyo.', imageQuery: 'Nihon Hidankyo Nobel Peace Prize ceremony Oslo 2024' },
    { narration: 'The group of survivors has campaigned for decades.', aiImagePrompt: 'paper cranes over a city' },
    { narration: 'Their message: never again.' },
  ],
};

/** A generateContent answer; with chunks, as a grounded (Google Search) answer. */
export function geminiAnswer(text: string, chunks: { uri: string; title: string }[] = []) {
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ text }] },
        finishReason: 'STOP',
        index: 0,
        ...(chunks.length
          ? {
              groundingMetadata: {
                webSearchQueries: ['nobel peace prize 2024'],
                groundingChunks: chunks.map((web) => ({ web })),
              },
            }
          : {}),
      },
    ],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 20, totalTokenCount: 30 },
    modelVersion: 'gemini-2.5-flash',
  };
}

export function geminiError(code: number, message: string) {
  const status = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL' }[code] ?? 'UNKNOWN';
  return { error: { code, message, status } };
}

/** A chat.completions answer. */
export function groqAnswer(content: string, model = 'meta-llama/llama-4-maverick-17b-128e-instruct') {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  };
}

export function groqError(message: string, type = 'invalid_request_error', extra: Record<string, unknown> = {}) {
  return { error: { message, type, ...extra } };
}
