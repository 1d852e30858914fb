// Shapes of AI image generators; their errors are ProviderErrors (render/providers/errors.ts). Like
// the rest of src/render: no GraphQL, BullMQ or database here; keys, models and timeouts arrive as
// options.
import type { Size } from '../../types.js';

export interface GenerateImageRequest {
  /** What to draw (a scene's aiImagePrompt). */
  prompt: string;
  /** The look shared by every scene of a video; added as "Style: …" unless the prompt already carries it. */
  style?: string;
  /** Where the JPEG goes. Written atomically: after a failure nothing is there. */
  outPath: string;
  /** The frame the picture is cover-cropped to. */
  size: Size;
  /** Cancels the request; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface GeneratedImage {
  path: string;
  mime: 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
  model: string;
  /** 'gemini:<model>' */
  provider: string;
  /** sha256 hex of the written file. */
  contentHash: string;
}

export interface ImageGenerator {
  readonly name: string;
  generate(request: GenerateImageRequest): Promise<GeneratedImage>;
}
