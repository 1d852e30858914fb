// Error classes of the script writers, and the mapping of SDK errors onto them. Whether a failure
// is worth retrying is decided once, here, so writeScript and the job layer agree.
import { redact, shorten } from '../errorText.js';
import { PermanentMediaError } from '../types.js';

export interface WriterFailure {
  writer: string;
  reason: string;
  retryable: boolean;
  tries: number;
}

/** A failure retrying cannot fix: bad request, bad key, no permission, or unusable answers. */
export class ScriptWriterError extends PermanentMediaError {
  override name = 'ScriptWriterError';
  readonly retryable = false;
  constructor(
    message: string,
    readonly status?: number,
    /** Set when every writer of a chain failed. */
    readonly failures: WriterFailure[] = [],
  ) {
    super(message);
  }
}

/** Rate limits, server errors, timeouts and dropped connections: worth another try later. */
export class RetryableScriptError extends Error {
  override name = 'RetryableScriptError';
  readonly retryable = true;
  constructor(
    message: string,
    /** HTTP status when the service answered (429, 5xx); undefined for timeouts and network errors. */
    readonly status?: number,
    readonly failures: WriterFailure[] = [],
  ) {
    super(message);
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableScriptError;
}

function isTimeout(error: Error): boolean {
  // groq-sdk: APIConnectionTimeoutError; @google/genai: fetch aborted by its timeout signal.
  return /timeout|timed out/i.test(error.name) || /timed? ?out/i.test(error.message) || error.name === 'AbortError';
}

function isNetwork(error: Error): boolean {
  // groq-sdk: APIConnectionError; fetch (undici): TypeError "fetch failed" with a cause.
  return error.name === 'APIConnectionError' || (error instanceof TypeError && /fetch failed/i.test(error.message));
}

/**
 * Maps whatever an SDK threw onto our two classes. 408, 429 and 5xx are retryable; any other
 * HTTP status (400 bad request, 401/403 bad key, 404 unknown model) is permanent. Our own errors
 * pass through. The API key is scrubbed from every message.
 */
export function toWriterError(error: unknown, writer: string, apiKey: string): ScriptWriterError | RetryableScriptError {
  if (error instanceof ScriptWriterError || error instanceof RetryableScriptError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const rawStatus = (err as { status?: unknown }).status;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const detail = shorten(redact(err.message, apiKey));
  if (status !== undefined) {
    const message = `${writer}: HTTP ${status}: ${detail}`;
    return status === 408 || status === 429 || status >= 500 ? new RetryableScriptError(message, status) : new ScriptWriterError(message, status);
  }
  if (isTimeout(err)) return new RetryableScriptError(`${writer}: timed out (${detail})`);
  if (isNetwork(err)) return new RetryableScriptError(`${writer}: network error (${detail})`);
  return new ScriptWriterError(`${writer}: ${detail}`);
}
