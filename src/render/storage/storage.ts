// Where media lives: a local folder or an S3-compatible bucket, behind one small interface.

export interface Storage {
  readonly kind: 'local' | 's3';
  put(key: string, source: { path: string } | { data: Buffer }, mime: string): Promise<{ bytes: number }>;
  /** Streams the object, or a byte range of it (inclusive end, like HTTP Range). */
  get(key: string, range?: { start: number; end?: number }): Promise<NodeJS.ReadableStream>;
  download(key: string, toPath: string): Promise<void>;
  /** Size in bytes, or null when absent. */
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>; // absent is fine
  /** Deletes every object under a folder (`prefix` ends in "/"); returns how many. Absent is fine. */
  deletePrefix(prefix: string): Promise<number>;
  /** Copies an object to another key (server-side where the store can), replacing what was there. */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** The permanent, cacheable URL of a public key (under `public/`); throws for any other key. */
  publicUrl(key: string): string;
  /**
   * A URL that lets whoever holds it GET the object until it expires (the driver's lifetime; `nowMs`
   * for tests). Local: HMAC-signed, checked by the file route. S3/R2: a presigned GET.
   */
  signedUrl(key: string, nowMs?: number): Promise<string>;
}

export class NotPublicKeyError extends Error {
  override name = 'NotPublicKeyError';
  constructor(readonly key: string) {
    super(`Storage key ${key} is private: it has no public URL (use signedUrl)`);
  }
}

export class StorageNotFoundError extends Error {
  override name = 'StorageNotFoundError';
  constructor(readonly key: string) {
    super(`Storage object not found: ${key}`);
  }
}

/** A range that starts at or past the end of the object (HTTP 416). */
export class StorageRangeError extends RangeError {
  override name = 'StorageRangeError';
  constructor(
    readonly key: string,
    readonly range: { start: number; end?: number },
  ) {
    super(`Range ${range.start}-${range.end ?? ''} is not satisfiable for ${key}`);
  }
}

/** Checks a range argument before any I/O: whole, non-negative numbers with start ≤ end. */
export function assertValidRange(range: { start: number; end?: number }): void {
  const ok =
    Number.isSafeInteger(range.start) && range.start >= 0 && (range.end === undefined || (Number.isSafeInteger(range.end) && range.end >= range.start));
  if (!ok) throw new RangeError(`Invalid byte range ${JSON.stringify(range)}`);
}

export { assertValidKey, InvalidStorageKeyError, storageKeys, cacheControlFor, isImmutableKey, isPublicKey } from './keys.js';
export { mimeForKey } from './mime.js';
