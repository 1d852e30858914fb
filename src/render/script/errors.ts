// The mapping of the writers' SDK errors onto ProviderErrors. Whether a failure is worth retrying
// follows from its kind (render/providers/errors.ts), so writeScript and the job layer agree.
import { redact, shorten } from '../errorText.js';
import { kindOfStatus, ProviderError } from '../providers/errors.js';

export interface WriterFailure {
  writer: string;
  reason: string;
  retryable: boolean;
  tries: number;
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
 * Maps whatever an SDK threw onto a ProviderError named after the writer. 408, 429 and 5xx are
 * retryable; any other HTTP status (400 bad request, 401/403 bad key, 404 unknown model) is
 * permanent. Our own errors pass through. The API key is scrubbed from every message.
 */
export function toWriterError(error: unknown, writer: string, apiKey: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const rawStatus = (err as { status?: unknown }).status;
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const detail = shorten(redact(err.message, apiKey));
  if (status !== undefined) {
    const message = `${writer}: HTTP ${status}: ${detail}`;
    return new ProviderError(message, writer, kindOfStatus(status), { status });
  }
  if (isTimeout(err)) return new ProviderError(`${writer}: timed out (${detail})`, writer, 'timeout');
  if (isNetwork(err)) return new ProviderError(`${writer}: network error (${detail})`, writer, 'network');
  // Anything else the SDK could not make sense of: an answer we cannot use.
  return new ProviderError(`${writer}: ${detail}`, writer, 'malformed');
}
