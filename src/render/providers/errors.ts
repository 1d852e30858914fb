// The one error vocabulary of external providers (voice, image search and generation, script
// writers). Whether a failure is worth another try follows from its kind, decided once, here.
import { PermanentMediaError } from '../types.js';

/**
 * What went wrong, in the provider's terms. The first four may pass on a later try; the others fail
 * the same way every time (another provider may still serve).
 */
export type ProviderFailureKind =
  | 'rate-limited' // 429
  | 'server-error' // 5xx
  | 'timeout' // 408, or no answer in time
  | 'network' // unreachable, connection dropped
  | 'malformed' // an answer we cannot use
  | 'auth' // 401/403: the key was refused
  | 'refused-request' // any other 4xx, a blocked prompt: the same request fails every time
  | 'empty'; // the provider answered and had nothing (no results, nothing to speak)

const RETRYABLE_KINDS: ReadonlySet<ProviderFailureKind> = new Set(['rate-limited', 'server-error', 'timeout', 'network']);

export function isRetryableKind(kind: ProviderFailureKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/** The kind of an HTTP error status: 401/403 auth, 408 timeout, 429 rate-limited, 5xx server error, other 4xx refused. */
export function kindOfStatus(status: number): ProviderFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'refused-request';
}

export interface ProviderErrorDetails {
  /** HTTP status when the service answered with an error. */
  status?: number;
  /** The service's own word for it when there is one (e.g. Gemini's 'IMAGE_SAFETY'). */
  reason?: string;
  /** The network error code (ECONNREFUSED…), when there was one. */
  code?: string;
}

/** One provider failed once. Messages never carry a key (each provider scrubs its own). */
export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly retryable: boolean;
  readonly status?: number;
  readonly reason?: string;
  readonly code?: string;
  constructor(
    message: string,
    /** The service that failed, e.g. 'elevenlabs', 'gemini', 'brave'. */
    readonly provider: string,
    readonly kind: ProviderFailureKind,
    details: ProviderErrorDetails = {},
  ) {
    super(message);
    this.retryable = isRetryableKind(kind);
    if (details.status !== undefined) this.status = details.status;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.code !== undefined) this.code = details.code;
  }
}

/**
 * True for failures no later try can fix: PermanentMediaError, and any error that says so
 * (`retryable: false`, as a permanent ProviderError or ProviderChainError does). The job layer
 * fails a stage at once on these instead of spending its attempts.
 */
export function isPermanentError(error: unknown): boolean {
  if (error instanceof PermanentMediaError) return true;
  return error instanceof Error && (error as { retryable?: unknown }).retryable === false;
}

export interface ChainFailure {
  provider: string;
  error: Error;
  /** Why it did not serve: the error's message, without the provider's name in front. */
  reason: string;
  /** Calls made to this provider (1 + its retries). */
  attempts: number;
}

/** Every provider of a chain failed. Permanent (`retryable: false`) only when every failure was. */
export class ProviderChainError extends Error {
  override name = 'ProviderChainError';
  readonly retryable: boolean;
  constructor(
    message: string,
    readonly failures: ChainFailure[],
  ) {
    super(message);
    this.retryable = failures.some((f) => !isPermanentError(f.error));
  }

  /** True when every provider answered and had nothing (kind 'empty'): an answer, not an outage. */
  get nothingFound(): boolean {
    return this.failures.length > 0 && this.failures.every((f) => f.error instanceof ProviderError && f.error.kind === 'empty');
  }
}
