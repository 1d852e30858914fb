// The Gemini image generator through the real @google/genai SDK against a local fake generateContent.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildImagePrompt, createGeminiImageGenerator, GEMINI_IMAGE_MODEL } from '../../../src/render/images/generate/gemini.js';
import { isPermanentError, ProviderError } from '../../../src/render/providers/errors.js';
import { PermanentMediaError } from '../../../src/render/types.js';
import { isRetryableError } from '../../../src/render/providers/retry.js';
import { API_KEY, geminiError, imageAnswer, imagePart, makePng, startFakeGemini, type FakeGemini, type Reply } from './fakeGeminiImage.js';

let png: Buffer;
let dir: string;
let fake: FakeGemini | undefined;

beforeAll(async () => {
  png = await makePng();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-image-'));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  await rm(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await fake?.close();
});

async function serve(reply: (n: number) => Reply, options: { timeoutMs?: number; model?: string; maxImageBytes?: number } = {}) {
  fake = await startFakeGemini((_req, n) => reply(n));
  const generator = createGeminiImageGenerator({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 5_000, ...options });
  return { fake, generator };
}

const size = { width: 720, height: 1280 };
const request = () => ({
  prompt: 'paper cranes drifting over Hiroshima at dawn',
  style: 'soft watercolor illustration',
  outPath: join(dir, 'scene-1.jpg'),
  size,
});

/** Fails with the error the generator rejected with, and checks nothing was left in the folder. */
async function failure(promise: Promise<unknown>): Promise<Error & { status?: number; reason?: string; retryable?: boolean }> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Error,
  );
  expect(await readdir(dir)).toEqual([]);
  expect(error.message).not.toContain(API_KEY);
  expect(String(error.stack)).not.toContain(API_KEY);
  return error;
}

describe('buildImagePrompt', () => {
  it('adds the style once, the vertical frame and the no-text rule', () => {
    const text = buildImagePrompt('  a lighthouse in a storm ', 'moody oil painting.');
    expect(text.split('\n')[0]).toBe('a lighthouse in a storm');
    expect(text).toContain('Style: moody oil painting.');
    expect(text).toMatch(/vertical 9:16/);
    expect(text).toMatch(/text, letters/);
    expect(text).toMatch(/watermarks/);
    // Scripts already append the style to the prompt: not repeated.
    expect(buildImagePrompt('a lighthouse, moody oil painting', 'Moody oil painting')).not.toContain('Style:');
    expect(buildImagePrompt('a lighthouse')).not.toContain('Style:');
  });
});

describe('createGeminiImageGenerator', () => {
  it('asks for a 9:16 image with prompt and style, and writes a JPEG of the frame', async () => {
    const { fake, generator } = await serve(() => ({
      status: 200,
      body: imageAnswer([{ text: 'Here is your image.' }, imagePart(png)]),
    }));
    const out = await generator.generate(request());

    expect(generator.name).toBe('gemini');
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/v1beta/models/${GEMINI_IMAGE_MODEL}:generateContent`);
    expect(req!.headers['x-goog-api-key']).toBe(API_KEY);
    expect(req!.body.generationConfig.responseModalities).toEqual(['IMAGE']);
    expect(req!.body.generationConfig.imageConfig).toEqual({ aspectRatio: '9:16' });
    const text = req!.body.contents[0].parts[0].text as string;
    expect(req!.body.contents[0].role).toBe('user');
    expect(text).toContain('paper cranes drifting over Hiroshima at dawn');
    expect(text).toContain('Style: soft watercolor illustration.');
    expect(text).toMatch(/9:16/);
    expect(text).toMatch(/text, letters/);

    const file = await readFile(out.path);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([720, 1280]);
    expect(out).toEqual({
      path: join(dir, 'scene-1.jpg'),
      mime: 'image/jpeg',
      width: 720,
      height: 1280,
      bytes: file.length,
      model: GEMINI_IMAGE_MODEL,
      provider: `gemini:${GEMINI_IMAGE_MODEL}`,
      contentHash: createHash('sha256').update(file).digest('hex'),
    });
    // Only the picture: no temp or source files beside it.
    expect(await readdir(dir)).toEqual(['scene-1.jpg']);
  });

  it('uses the configured model, skips thought images, and replaces an existing file whole', async () => {
    const thought = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const { fake, generator } = await serve(() => ({
      status: 200,
      body: imageAnswer([{ ...imagePart(thought), thought: true }, imagePart(png)]),
    }));
    const model = 'gemini-3-pro-image-preview';
    const custom = createGeminiImageGenerator({ apiKey: API_KEY, baseUrl: fake.url, model });
    const first = await generator.generate(request());
    const second = await custom.generate({ ...request(), size: { width: 480, height: 854 } });
    expect(fake.requests[1]!.path).toBe(`/v1beta/models/${model}:generateContent`);
    expect(second.provider).toBe(`gemini:${model}`);
    expect(second.model).toBe(model);
    const meta = await sharp(await readFile(second.path)).metadata();
    expect([meta.width, meta.height]).toEqual([480, 854]);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect((await stat(second.path)).size).toBe(second.bytes);
    // The gradient, not the red thought image: the top-left corner is dark, not red.
    const { data } = await sharp(await readFile(second.path))
      .extract({ left: 0, top: 0, width: 4, height: 4 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeLessThan(60);
  });

  it('a blocked image is a permanent error naming the reason; nothing is written', async () => {
    const { generator } = await serve(() => ({
      status: 200,
      body: { candidates: [{ finishReason: 'IMAGE_SAFETY', finishMessage: 'Unable to show the generated image.', index: 0 }] },
    }));
    const error = await failure(generator.generate(request()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(isPermanentError(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'gemini', kind: 'refused-request', reason: 'IMAGE_SAFETY' });
    expect(error.message).toMatch(/blocked \(finishReason IMAGE_SAFETY\)/);
    // finishMessage does not reach us: the SDK's Gemini API converter keeps only the fields it knows.
    expect(isRetryableError(error)).toBe(false);
  });

  it('a blocked prompt (no candidates, promptFeedback) is permanent', async () => {
    const { generator } = await serve(() => ({
      status: 200,
      body: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9 } },
    }));
    const error = await failure(generator.generate(request()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'refused-request', reason: 'PROHIBITED_CONTENT', retryable: false });
    expect(error.message).toMatch(/prompt was blocked \(PROHIBITED_CONTENT\)/);
  });

  it('a text-only answer is permanent and quotes the model', async () => {
    const { generator } = await serve(() => ({ status: 200, body: imageAnswer([{ text: 'I cannot draw that, but here is a poem.' }]) }));
    const error = await failure(generator.generate(request()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'empty', retryable: false });
    expect(error.message).toMatch(/only text/);
    expect(error.message).toContain('I cannot draw that');
    expect(isRetryableError(error)).toBe(false);
  });

  it('malformed base64, non-image bytes, a truncated PNG and an oversized image are permanent; nothing is written', async () => {
    const html = Buffer.from('<!doctype html><html><body>Not an image</body></html>');
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['bad base64', imageAnswer([imagePart('%%% not base64 %%%')]), /not valid base64/],
      ['html', imageAnswer([imagePart(html)]), /text\/html, not an image \(declared image\/png\)/],
      ['truncated png', imageAnswer([imagePart(png.subarray(0, 200))]), /could not be decoded/],
    ];
    for (const [label, body, message] of cases) {
      const { generator } = await serve(() => ({ status: 200, body }));
      const error = await failure(generator.generate(request()));
      expect(error, label).toBeInstanceOf(ProviderError);
      expect(error, label).toMatchObject({ kind: 'malformed', retryable: false });
      expect(error.message, label).toMatch(message);
      expect(error.message, label).not.toContain(dir);
      await fake!.close();
      fake = undefined;
    }
    const { generator } = await serve(() => ({ status: 200, body: imageAnswer([imagePart(png)]) }), { maxImageBytes: 1024 });
    const error = await failure(generator.generate(request()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'malformed', retryable: false });
    expect(error.message).toMatch(/larger than 1024 bytes/);
  });

  it('429 and 5xx are retryable with their status; 400/401/403 are permanent; the key never shows', async () => {
    for (const [code, retryable] of [
      [429, true],
      [500, true],
      [503, true],
      [400, false],
      [401, false],
      [403, false],
    ] as const) {
      const { generator } = await serve(() => ({ status: code, body: geminiError(code, `API key ${API_KEY} says no`) }));
      const error = await failure(generator.generate(request()));
      expect(error).toBeInstanceOf(ProviderError);
      expect(isPermanentError(error)).toBe(!retryable);
      expect(error.status).toBe(code);
      expect(error.retryable).toBe(retryable);
      expect(isRetryableError(error)).toBe(retryable);
      expect(error.message).toContain(`gemini:${GEMINI_IMAGE_MODEL}: HTTP ${code}`);
      expect(error.message).toContain('[redacted]');
      // SDK retries are off: one request per call.
      expect(fake!.requests).toHaveLength(1);
      await fake!.close();
      fake = undefined;
    }
  });

  it('a timeout is retryable', async () => {
    const { generator } = await serve(() => ({ hang: true }), { timeoutMs: 150 });
    const started = Date.now();
    const error = await failure(generator.generate(request()));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toMatch(/timed out after 150 ms/);
    expect(isRetryableError(error)).toBe(true);
  });

  it('a refused connection is retryable', async () => {
    const closed = await startFakeGemini(() => ({ hang: true }));
    await closed.close();
    const generator = createGeminiImageGenerator({ apiKey: API_KEY, baseUrl: closed.url, timeoutMs: 2_000 });
    const error = await failure(generator.generate(request()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toMatch(/network error \(ECONNREFUSED\)/);
    expect(isRetryableError(error)).toBe(true);
  });

  it("the caller's abort rejects with its reason and writes nothing", async () => {
    const { generator } = await serve(() => ({ hang: true }));
    const controller = new AbortController();
    const reason = new Error('render cancelled');
    setTimeout(() => controller.abort(reason), 50);
    const error = await failure(generator.generate({ ...request(), signal: controller.signal }));
    expect(error).toBe(reason);
    expect(JSON.stringify(fake!.requests[0]!.body)).not.toMatch(/abortSignal/);
    // Already aborted: no request at all.
    const before = fake!.requests.length;
    await expect(generator.generate({ ...request(), signal: controller.signal })).rejects.toBe(reason);
    expect(fake!.requests).toHaveLength(before);
  });

  it('refuses an empty prompt, a bad size and a missing key before any request', async () => {
    const { fake, generator } = await serve(() => ({ status: 200, body: imageAnswer([imagePart(png)]) }));
    await expect(generator.generate({ ...request(), prompt: '  ' })).rejects.toBeInstanceOf(PermanentMediaError);
    await expect(generator.generate({ ...request(), size: { width: 0, height: 10 } })).rejects.toBeInstanceOf(PermanentMediaError);
    expect(fake.requests).toHaveLength(0);
    expect(() => createGeminiImageGenerator({ apiKey: ' ' })).toThrow(/API key is required/);
  });
});
