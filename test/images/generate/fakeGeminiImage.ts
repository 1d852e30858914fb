// A local HTTP server that speaks just enough of Gemini's generateContent for the real @google/genai
// SDK to get an image answer, and pictures made with sharp to put in it.
import sharp from 'sharp';

export const API_KEY = 'img-key-SECRET-51c2e8';

// The same recording fake as the script writers' (it speaks JSON; `raw` sends a body as it is).
export { startFake as startFakeGemini, type FakeServer as FakeGemini, type Recorded, type Reply } from '../../script/fakeServers.js';

/** A real PNG the size Gemini draws at 9:16 (768×1344), a gradient so it is not trivially compressible. */
export async function makePng(width = 768, height = 1344): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}

type Part = { text?: string; thought?: boolean; inlineData?: { mimeType: string; data: string } };

/** A generateContent answer with these parts. */
export function imageAnswer(parts: Part[], finishReason = 'STOP', extra: Record<string, unknown> = {}) {
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason, index: 0, ...extra }],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 1290, totalTokenCount: 1302 },
    modelVersion: 'gemini-2.5-flash-image',
  };
}

export const imagePart = (bytes: Buffer | string, mimeType = 'image/png'): Part => ({
  inlineData: { mimeType, data: typeof bytes === 'string' ? bytes : bytes.toString('base64') },
});

export function geminiError(code: number, message: string) {
  const status =
    { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' }[code] ??
    'UNKNOWN';
  return { error: { code, message, status } };
}
