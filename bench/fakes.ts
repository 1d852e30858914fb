// Local stand-ins for every paid provider the pipeline calls, each answering after a fixed delay, for
// bench/pipeline.ts. Loopback only, port 0; every request is recorded with when it arrived and when
// it was answered, so the bench can show which calls ran in parallel. No vitest here.
//
// The servers run in a worker thread: like a real provider, a fake answers on time even while the
// bench's own event loop is busy (sharp callbacks, Prisma, spawning ffprobe). On that loop its timers
// would fire late and the stall would be added to the provider's delay instead of overlapping it.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import sharp from 'sharp';

/** Fixed answer delays (ms). */
export const DELAYS = {
  /** Gemini script generation (one call). */
  D_SCRIPT: 800,
  /** Google CSE image search (one call per search scene). */
  D_SEARCH: 300,
  /** Each image download from the image host. */
  D_DOWNLOAD: 150,
  /** Gemini image generation (one call per AI scene). */
  D_IMAGE: 700,
  /** ElevenLabs with-timestamps (one call per scene). */
  D_VOICE: 500,
} as const;

export const GEMINI_KEY = 'bench-gemini-key';
export const CSE_KEY = 'bench-cse-key';
export const CSE_CX = 'bench-cx';
export const ELEVEN_KEY = 'bench-eleven-key';

export type CallKind = 'script' | 'image' | 'search' | 'download' | 'voice';

export interface Call {
  kind: CallKind;
  path: string;
  /** Date.now() when the request had been read, and when the answer was sent. */
  at: number;
  answeredAt: number;
}

interface Started {
  url: string;
  server: Server;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Started> {
  const server = createServer(handler);
  // Answers arrive after the delay, never early: no socket is kept waiting by Node's own timers.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => resolve(raw));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// The script Gemini writes: six scenes, three with an imageQuery (photos), three with an aiImagePrompt.
// ---------------------------------------------------------------------------------------------------

export const STYLE = 'clean editorial illustration, soft light';

/** Town names, one per script call: every generated script speaks other words, so no render of one
 * reuses a cached segment or voice of another (segments are cached by image + audio content). */
export const TOWNS = ['Porthaven', 'Kingsbay', 'Seacliff', 'Eastport', 'Westwick', 'Northmoor', 'Redcove', 'Saltash', 'Greyhaven', 'Lowmere'];

/** The n-th script Gemini writes: six scenes of 10–12 words, alternating searched photo and AI image. */
export function benchScript(n: number) {
  const town = TOWNS[n % TOWNS.length]!;
  return {
    title: `The ${town} Harbour Lights Festival`,
    style: STYLE,
    scenes: [
      { narration: `The ${town} Harbour Lights Festival opened on Friday with boats.`, imageQuery: `${town} harbour lights festival boat parade` },
      {
        narration: `Thousands of lanterns drifted across ${town} bay after sunset that evening.`,
        aiImagePrompt: `lanterns drifting across a dark bay, ${STYLE}`,
      },
      { narration: `Bakers in ${town} sold fish pies from stalls along the quay.`, imageQuery: `${town} fish pie stall stone quay` },
      {
        narration: `A choir of ${town} fishermen sang shanties on the lighthouse steps.`,
        aiImagePrompt: `fishermen choir singing on lighthouse steps, ${STYLE}`,
      },
      { narration: `The ${town} festival closed with fireworks over the breakwater at midnight.`, imageQuery: `${town} fireworks over harbour breakwater` },
      {
        narration: `Organisers in ${town} expect bigger crowds when it returns next summer.`,
        aiImagePrompt: `crowded harbour promenade on a summer evening, ${STYLE}`,
      },
    ],
  };
}

function geminiScriptAnswer(n: number) {
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ text: JSON.stringify(benchScript(n)) }] },
        finishReason: 'STOP',
        index: 0,
        groundingMetadata: {
          webSearchQueries: ['harbour lights festival 2026'],
          groundingChunks: [{ web: { uri: 'https://news.example.org/harbour-lights', title: 'Harbour Lights news' } }],
        },
      },
    ],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 20, totalTokenCount: 30 },
    modelVersion: 'gemini-2.5-flash',
  };
}

function geminiImageAnswer(png: Buffer) {
  return {
    candidates: [
      { content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: png.toString('base64') } }] }, finishReason: 'STOP', index: 0 },
    ],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 1290, totalTokenCount: 1302 },
    modelVersion: 'gemini-2.5-flash-image',
  };
}

/** A gradient PNG the size Gemini draws at 9:16, tinted per call so every illustration differs. */
async function makePng(tint: number, width = 768, height = 1344): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = (tint * 53) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

// ---------------------------------------------------------------------------------------------------
// Voice: a real mp3 and an alignment that spreads the text over it.
// ---------------------------------------------------------------------------------------------------

export const VOICE_SECONDS = 4;

async function makeMp3(dir: string, seconds: number): Promise<Buffer> {
  const out = join(dir, 'voice.mp3');
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`, '-c:a', 'libmp3lame', '-b:a', '64k', out]);
  return readFile(out);
}

/** Character i of `text` spoken at an even pace over the first 95 % of the audio. */
function alignment(text: string, seconds: number) {
  const characters = [...text];
  const step = (seconds * 0.95 - 0.1) / Math.max(1, characters.length);
  return {
    characters,
    character_start_times_seconds: characters.map((_, i) => 0.1 + i * step),
    character_end_times_seconds: characters.map((_, i) => 0.1 + i * step + step * 0.8),
  };
}

// ---------------------------------------------------------------------------------------------------

export interface Fakes {
  env: Record<string, string>;
  calls: Call[];
  close(): Promise<void>;
}

/**
 * Starts Gemini (script + image), Google CSE, the image host it points at, and ElevenLabs in a
 * worker thread. `scratch` holds the generated mp3 while it is made. Returns the env the app needs
 * to use them and the calls they answered (filled in as they are reported).
 */
export async function startFakes(scratch: string, readyTimeoutMs = 60_000): Promise<Fakes> {
  const calls: Call[] = [];
  // This file is TypeScript and a worker does not inherit tsx's loader: it loads itself through tsx's API.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => api.tsImport(${JSON.stringify(import.meta.url)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(boot, { eval: true, workerData: { benchFakes: true, scratch } });
  let closed: (() => void) | null = null;
  const stop = async () => {
    const done = new Promise<void>((resolve) => (closed = resolve));
    worker.postMessage({ type: 'close' });
    await Promise.race([done, new Promise((r) => setTimeout(r, 5_000).unref())]);
    await worker.terminate();
  };
  try {
    const env = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake providers not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
      worker.on('message', (m: { type: string; env?: Record<string, string>; call?: Call; error?: string }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(m.env!);
        } else if (m.type === 'call') calls.push(m.call!);
        else if (m.type === 'closed') closed?.();
        else if (m.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`fake providers failed: ${m.error}`));
        }
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return { env, calls, close: stop };
  } catch (err) {
    await worker.terminate();
    throw err;
  }
}

if (!isMainThread && (workerData as { benchFakes?: boolean } | null)?.benchFakes) {
  const port = parentPort!;
  startFakesHere((workerData as { scratch: string }).scratch, (call) => port.postMessage({ type: 'call', call })).then(
    (fakes) => {
      port.on('message', (m: { type: string }) => {
        if (m.type === 'close') void fakes.close().then(() => port.postMessage({ type: 'closed' }));
      });
      port.postMessage({ type: 'ready', env: fakes.env });
    },
    (err: unknown) => port.postMessage({ type: 'error', error: err instanceof Error ? err.message : String(err) }),
  );
}

/** The servers themselves, on this thread. */
async function startFakesHere(scratch: string, record: (call: Call) => void): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const calls = { push: record };
  const started: Started[] = [];
  try {
    const mp3 = await makeMp3(scratch, VOICE_SECONDS);
    const pngs = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => makePng(i)));
    // Three distinct photos per search (the collector drops duplicates and would fetch more).
    const photos = new Map<string, Buffer>();
    for (let s = 0; s < 6; s++) {
      for (let r = 0; r < 3; r++) {
        const background = { r: (s * 40 + r * 13) % 256, g: (r * 70 + 30) % 256, b: (s * 25 + 90) % 256 };
        photos.set(
          `/photo-${s}-${r}.jpg`,
          await sharp({ create: { width: 360, height: 640, channels: 3, background } })
            .jpeg()
            .toBuffer(),
        );
      }
    }

    // Answers are serialised up front: the fakes share the bench's event loop, and their own work
    // must not be billed to the pipeline (a real provider does it on its own machines).
    const imageBodies = pngs.map((png) => Buffer.from(JSON.stringify(geminiImageAnswer(png))));
    const scriptBodies = TOWNS.map((_, n) => Buffer.from(JSON.stringify(geminiScriptAnswer(n))));
    let imageCalls = 0;
    let scriptCalls = 0;
    const gemini = await listen(async (req, res) => {
      const at = Date.now();
      await readBody(req);
      const isImage = (req.url ?? '').includes('gemini-2.5-flash-image');
      await sleep(isImage ? DELAYS.D_IMAGE : DELAYS.D_SCRIPT);
      const body = isImage ? imageBodies[imageCalls++ % imageBodies.length]! : scriptBodies[scriptCalls++ % scriptBodies.length]!;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
      calls.push({ kind: isImage ? 'image' : 'script', path: (req.url ?? '').split('?')[0]!, at, answeredAt: Date.now() });
    });
    started.push(gemini);

    const host = await listen(async (req, res) => {
      const at = Date.now();
      const path = new URL(req.url ?? '/', 'http://host').pathname;
      await sleep(DELAYS.D_DOWNLOAD);
      const photo = photos.get(path);
      if (!photo) {
        res.writeHead(404).end('not found');
      } else {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length });
        res.end(photo);
      }
      calls.push({ kind: 'download', path, at, answeredAt: Date.now() });
    });
    started.push(host);

    const searchBodies = [0, 1, 2, 3, 4, 5].map((s) => (q: string) => {
      const items = [0, 1, 2].map((r) => ({
        kind: 'customsearch#result',
        title: `${q} ${r + 1}`,
        link: `${host.url}/photo-${s}-${r}.jpg`,
        displayLink: 'example.org',
        mime: 'image/jpeg',
        fileFormat: 'image/jpeg',
        image: { contextLink: `https://example.org/page-${s}-${r}`, width: 1080, height: 1920, byteSize: 123456 },
      }));
      return JSON.stringify({ kind: 'customsearch#search', searchInformation: { totalResults: '3' }, items });
    });
    const queries = new Map<string, number>();
    const cse = await listen(async (req, res) => {
      const at = Date.now();
      const u = new URL(req.url ?? '/', 'http://cse');
      const q = u.searchParams.get('q') ?? '';
      if (!queries.has(q)) queries.set(q, queries.size);
      const s = queries.get(q)! % 6;
      await sleep(DELAYS.D_SEARCH);
      const body = searchBodies[s]!(q);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
      calls.push({ kind: 'search', path: u.pathname, at, answeredAt: Date.now() });
    });
    started.push(cse);

    const mp3Base64 = mp3.toString('base64');
    const eleven = await listen(async (req, res) => {
      const at = Date.now();
      const raw = await readBody(req);
      const text = (JSON.parse(raw || '{}') as { text?: string }).text ?? '';
      await sleep(DELAYS.D_VOICE);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ audio_base64: mp3Base64, alignment: alignment(text, VOICE_SECONDS) }));
      calls.push({ kind: 'voice', path: (req.url ?? '').split('?')[0]!, at, answeredAt: Date.now() });
    });
    started.push(eleven);

    return {
      env: {
        GEMINI_API_KEY: GEMINI_KEY,
        GEMINI_BASE_URL: gemini.url,
        GOOGLE_CSE_API_KEY: CSE_KEY,
        GOOGLE_CSE_CX: CSE_CX,
        GOOGLE_CSE_BASE_URL: cse.url,
        ELEVENLABS_API_KEY: ELEVEN_KEY,
        ELEVENLABS_BASE_URL: eleven.url,
        DOWNLOAD_ALLOW_LOOPBACK: 'true',
      },
      close: async () => {
        await Promise.all(started.map((s) => closeServer(s.server)));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => closeServer(s.server)));
    throw err;
  }
}
