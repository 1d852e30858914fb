import { GraphQLError } from 'graphql';
import { encodeId } from './ids.js';
import { logger } from './logger.js';
// Expected failures. Resolvers throw these; the schema turns them into typed GraphQL results.

export interface FieldIssue {
  /** Path of the offending input field, e.g. ["input", "narration"]. */
  path: string[];
  message: string;
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  /** The id as the client knows it: the global id, never the database UUID. */
  readonly globalId: string;
  constructor(
    readonly typename: string,
    readonly id: string,
    globalId?: string,
  ) {
    const shown = globalId ?? encodeId(typename, id);
    super(`${typename} ${shown} was not found`);
    this.globalId = shown;
  }

  /** For an id the client sent that names no object of `typename` (e.g. an id of another type). */
  static ofGlobalId(typename: string, globalId: string): NotFoundError {
    return new NotFoundError(typename, '', globalId.length > 60 ? `${globalId.slice(0, 60)}…` : globalId);
  }
}

export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid input: ${issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`);
  }
  static field(path: string[], message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

/** A write named a version that is no longer current; carries what the client must reload. */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
  constructor(
    readonly typename: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`${typename} ${encodeId(typename, id)} is at version ${currentVersion}, not ${expectedVersion}: reload it and apply your edit again`);
  }
}

/** Every external provider of a chain failed (outage, refused key); each one's reason, no secrets. */
export class ProviderFailedError extends Error {
  override name = 'ProviderFailedError';
  constructor(
    message: string,
    readonly failures: { provider: string; reason: string }[],
  ) {
    super(message);
  }
}

/** The job queue (Redis) cannot be reached: an outage, not the caller's fault; logged, then shown as is. */
export function queueUnavailable(what: string, cause: unknown): GraphQLError {
  logger.error({ err: cause }, `${what}: the queue is unavailable`);
  return new GraphQLError(`The job queue is unavailable: ${what}. Try again shortly.`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

/** A per-user quota is used up (renders in flight, upload bytes…); says what and how much. */
export class QuotaExceededError extends Error {
  override name = 'QuotaExceededError';
  constructor(
    readonly quota: string,
    readonly limit: number,
    readonly used: number,
    hint: string,
  ) {
    super(`Quota "${quota}" reached (${used} of ${limit}): ${hint}`);
  }
}

/** A sign-in that cannot go ahead (not configured, refused by Google, a bad ID token): the message says why. */
export class SignInError extends Error {
  override name = 'SignInError';
}
