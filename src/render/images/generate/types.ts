// Shapes and errors of AI image generators. Like the rest of src/render: no GraphQL, BullMQ or
// database here; keys, models and timeouts arrive as options.
import { PermanentMediaError, type Size } from '../../types.js';

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

/**
 * A failure retrying cannot fix: refused request or key (4xx other than 408/429), a blocked prompt
 * or image, an answer without a usable picture. `reason` is the service's own word when there is one
 * (finishReason or blockReason, e.g. 'IMAGE_SAFETY').
 */
export class ImageGenerationError extends PermanentMediaError {
  override name = 'ImageGenerationError';
  readonly retryable = false;
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Rate limits (429), 408, server errors (5xx), timeouts and dropped connections: worth another try. */
export class RetryableImageGenerationError extends Error {
  override name = 'RetryableImageGenerationError';
  readonly retryable = true;
  constructor(
    message: string,
    /** HTTP status when the service answered; undefined for timeouts and network errors. */
    readonly status?: number,
  ) {
    super(message);
  }
}
