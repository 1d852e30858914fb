// AI illustrations from Gemini's native image model (@google/genai generateContent with an IMAGE
// response modality). The picture arrives base64 in an inlineData part; it is checked by its bytes,
// cover-cropped to the frame as JPEG and written atomically.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { GenerateContentConfig, GenerateContentResponse } from '@google/genai';
import { abortError } from '../../abort.js';
import { lazyGenAiClient, loadGenAi } from '../../genai.js';
import { networkCode, redact, shorten } from '../../errorText.js';
import { describeOther, mediaKind, sniffMime, SNIFF_BYTES } from '../../net/sniff.js';
import { writeAtomically } from '../../storage/atomicWrite.js';
import { PermanentMediaError, type Size } from '../../types.js';
import { fitImage } from '../fit.js';
import { kindOfStatus, ProviderError, type ProviderFailureKind } from '../../providers/errors.js';
import type { GenerateImageRequest, GeneratedImage, ImageGenerator } from './types.js';

export const GEMINI_IMAGE_MODEL = 'gemini-2.5-flash-image';
/** The service named in this generator's errors (its chain link is named 'gemini:<model>'). */
export const GEMINI_PROVIDER = 'gemini';
/** Image generation is slower than text: a minute or more is normal. */
export const DEFAULT_IMAGE_TIMEOUT_MS = 120_000;
/** Largest decoded picture accepted from an answer (the model's are a few MB at most). */
export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Every reel is vertical; the model draws 768×1344 at 9:16 and fitImage crops to the frame. */
export const GEMINI_ASPECT_RATIO = '9:16';

export interface GeminiImageOptions {
  apiKey: string;
  /** Root of the API, e.g. a local fake server; the SDK adds /v1beta/models/<model>:generateContent. */
  baseUrl?: string;
  /** Per request, body included; a timeout is a retryable failure. */
  timeoutMs?: number;
  model?: string;
  /** Cap on the decoded picture (default 20 MiB); a larger one is refused as permanent. */
  maxImageBytes?: number;
}

/** The text sent to the model: the scene, the shared style, and the frame's rules. */
export function buildImagePrompt(prompt: string, style?: string): string {
  const scene = prompt.trim();
  const lines = [scene];
  const look = style?.trim().replace(/[\s.]+$/, '');
  // Scripts already append the shared style to each aiImagePrompt; say it once.
  if (look && !scene.toLowerCase().includes(look.toLowerCase())) lines.push(`Style: ${look}.`);
  lines.push(
    'Format: a vertical 9:16 portrait image that fills the whole frame.',
    'Do not draw any text, letters, numbers, captions, signs, logos or watermarks.',
  );
  return lines.join('\n');
}

// finishReason / blockReason values that mean the service refused to draw this prompt.
const BLOCKED = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'RECITATION', 'IMAGE_RECITATION']);
// Standard or URL-safe alphabet, optional padding (Buffer would silently skip anything else).
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
function checkRequest(request: GenerateImageRequest): void {
  if (!request.prompt?.trim()) throw new PermanentMediaError('Nothing to draw: the image prompt is empty');
  const { width, height } = request.size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new PermanentMediaError(`Invalid image size ${width}x${height}`);
  }
}

interface FoundImage {
  data: string;
  mimeType?: string;
}

export function createGeminiImageGenerator(options: GeminiImageOptions): ImageGenerator {
  const apiKey = options.apiKey?.trim();
  if (!apiKey) throw new Error('createGeminiImageGenerator: an API key is required');
  const model = options.model?.trim() || GEMINI_IMAGE_MODEL;
  const provider = `gemini:${model}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS;
  const maxBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  // Base64 holds 3 bytes in 4 characters: longer text cannot decode to an accepted picture.
  const maxBase64Chars = Math.ceil(maxBytes / 3) * 4;

  // One client per generator. SDK retries stay off (no retryOptions): the caller's chain or job owns
  // retrying. The SDK's timeout covers each attempt including its body.
  const client = lazyGenAiClient({
    apiKey,
    httpOptions: {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      timeout: timeoutMs,
    },
  });

  /** Messages never carry the key, whatever a server or proxy echoes back. */
  const clean = (s: string) => redact(s, apiKey);
  const fail = (message: string, kind: ProviderFailureKind, details: { status?: number; reason?: string } = {}) =>
    new ProviderError(clean(message), GEMINI_PROVIDER, kind, details);
  /** A failure retrying cannot fix; `reason` is the service's own word when there is one (e.g. 'IMAGE_SAFETY'). */
  const permanent = (what: string, kind: ProviderFailureKind = 'malformed', reason?: string) => fail(`${provider}: ${what}`, kind, reason ? { reason } : {});

  /** Maps what the SDK threw: 408/429/5xx, timeouts and network errors retryable; other statuses permanent. */
  function failure(e: unknown, signal: AbortSignal | undefined): Error {
    if (signal?.aborted) return abortError(signal);
    const err = e instanceof Error ? e : new Error(String(e));
    const rawStatus = (err as { status?: unknown }).status;
    const detail = shorten(clean(err.message));
    if (typeof rawStatus === 'number') {
      const status = rawStatus;
      const message = clean(`${provider}: HTTP ${status}: ${detail}`);
      return fail(message, kindOfStatus(status), { status });
    }
    // The SDK aborts its fetch when httpOptions.timeout passes (the caller's abort was handled above).
    if (err.name === 'AbortError' || err.name === 'TimeoutError' || /timed? ?out/i.test(err.message)) {
      return fail(`${provider}: timed out after ${timeoutMs} ms`, 'timeout');
    }
    const code = networkCode(err);
    if ((err instanceof TypeError && /fetch failed/i.test(err.message)) || (code && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code))) {
      return fail(`${provider}: network error (${code ?? detail})`, 'network');
    }
    return permanent(detail);
  }

  /** The first non-thought image part, or a permanent error saying why there is none. */
  function findImage(response: GenerateContentResponse): FoundImage {
    const blockReason = response.promptFeedback?.blockReason;
    const candidate = response.candidates?.[0];
    if (!candidate) {
      const why = blockReason ? `the prompt was blocked (${blockReason})` : 'the answer has no candidates';
      const extra = response.promptFeedback?.blockReasonMessage ? `: ${shorten(response.promptFeedback.blockReasonMessage)}` : '';
      throw permanent(`no image: ${why}${extra}`, blockReason ? 'refused-request' : 'malformed', blockReason);
    }
    const parts = candidate.content?.parts ?? [];
    for (const part of parts) {
      const data = part.inlineData?.data;
      const mimeType = part.inlineData?.mimeType;
      if (part.thought || typeof data !== 'string' || !data) continue;
      if (mimeType && !mimeType.toLowerCase().startsWith('image/')) continue;
      return { data, mimeType };
    }
    const reason = candidate.finishReason ?? blockReason;
    const text = parts
      .filter((p) => typeof p.text === 'string' && !p.thought)
      .map((p) => p.text)
      .join(' ');
    const said = text.trim() ? `; the model said: "${shorten(text)}"` : '';
    const message = candidate.finishMessage ? ` (${shorten(candidate.finishMessage)})` : '';
    if (reason && BLOCKED.has(reason)) throw permanent(`no image: blocked (finishReason ${reason})${message}${said}`, 'refused-request', reason);
    if (reason && reason !== 'STOP') throw permanent(`no image (finishReason ${reason})${message}${said}`, 'refused-request', reason);
    throw permanent(text.trim() ? `no image: the answer has only text${said}` : 'no image in the answer', 'empty', reason);
  }

  /** Decodes and checks the picture: valid base64, within the cap, an image by its bytes. */
  function decode(found: FoundImage): Buffer {
    const { data } = found;
    if (data.length > maxBase64Chars) throw permanent(`the image is larger than ${maxBytes} bytes`);
    if (!BASE64.test(data)) throw permanent('the image data is not valid base64');
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length === 0) throw permanent('the image data is empty');
    if (bytes.length > maxBytes) throw permanent(`the image is larger than ${maxBytes} bytes`);
    const head = bytes.subarray(0, SNIFF_BYTES);
    const sniffed = sniffMime(head);
    if (!sniffed || mediaKind(sniffed) !== 'image') {
      const said = found.mimeType ? ` (declared ${found.mimeType})` : '';
      throw permanent(`the answer's image data is ${sniffed ?? describeOther(head)}, not an image${said}`);
    }
    return bytes;
  }

  /** Crops and compresses into outPath; nothing is left there (or beside it) on failure. */
  async function save(bytes: Buffer, size: Size, outPath: string) {
    let result: { bytes: number; contentHash: string } | undefined;
    await writeAtomically(outPath, async (temp) => {
      const source = `${temp}.src`;
      try {
        await writeFile(source, bytes);
        let fitted;
        try {
          fitted = await fitImage(source, size, temp);
        } catch (e) {
          if (!(e instanceof PermanentMediaError)) throw e;
          // fitImage names the temp file; say what it was instead.
          throw permanent(`the image could not be decoded: ${shorten(e.message.split(source).join('image'))}`);
        }
        const written = await readFile(temp);
        result = { bytes: fitted.bytes, contentHash: createHash('sha256').update(written).digest('hex') };
      } finally {
        await rm(source, { force: true });
      }
    });
    return result!;
  }

  return {
    name: 'gemini',

    async generate(request: GenerateImageRequest): Promise<GeneratedImage> {
      checkRequest(request);
      const { signal, size, outPath } = request;
      if (signal?.aborted) throw abortError(signal);
      const { Modality } = await loadGenAi();
      const config: GenerateContentConfig = {
        responseModalities: [Modality.IMAGE],
        imageConfig: { aspectRatio: GEMINI_ASPECT_RATIO },
        ...(signal ? { abortSignal: signal } : {}),
      };
      let response: GenerateContentResponse;
      try {
        response = await (await client()).models.generateContent({
          model,
          contents: [{ role: 'user', parts: [{ text: buildImagePrompt(request.prompt, request.style) }] }],
          config,
        });
      } catch (e) {
        throw failure(e, signal);
      }
      const bytes = decode(findImage(response));
      if (signal?.aborted) throw abortError(signal);
      const saved = await save(bytes, size, outPath);
      return {
        path: outPath,
        mime: 'image/jpeg',
        width: size.width,
        height: size.height,
        bytes: saved.bytes,
        model,
        provider,
        contentHash: saved.contentHash,
      };
    },
  };
}
