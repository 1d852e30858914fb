// Object keys and the folder layout every storage driver shares. Keys are also URL paths and file
// paths under the local root, so they are held to a small safe alphabet.

export class InvalidStorageKeyError extends Error {
  override name = 'InvalidStorageKeyError';
}

const KEY_CHARS = /^[A-Za-z0-9._/-]+$/;
/** One id or hash inside a key: no dots, so it can never be `.`/`..` or carry an extension. */
const ID = /^[A-Za-z0-9_-]+$/;
/** One file name inside a folder: no slashes, never `.`/`..`. */
const FILE = /^[A-Za-z0-9._-]+$/;
const MAX_KEY_LENGTH = 1024; // S3's limit, in bytes; the alphabet is ASCII

/** Returns the key when it is safe, else throws InvalidStorageKeyError saying why. */
export function assertValidKey(key: string): string {
  const fail = (why: string): never => {
    throw new InvalidStorageKeyError(`Invalid storage key ${JSON.stringify(key)}: ${why}`);
  };
  if (typeof key !== 'string' || key.length === 0) fail('it is empty');
  if (key.length > MAX_KEY_LENGTH) fail(`it is longer than ${MAX_KEY_LENGTH} characters`);
  if (key.startsWith('/')) fail('it must not start with "/"');
  if (key.endsWith('/')) fail('it must not end with "/"');
  if (!KEY_CHARS.test(key)) fail('only letters, digits, ".", "_", "-" and "/" are allowed');
  for (const part of key.split('/')) {
    if (part === '') fail('it contains an empty path segment ("//")');
    if (part === '.' || part === '..') fail(`it contains a "${part}" path segment`);
  }
  return key;
}

/** A folder prefix ("a/b/") as a key ("a/b"), checked like one. */
export function folderOf(prefix: string): string {
  if (!prefix.endsWith('/')) throw new RangeError(`a storage prefix must end in "/": ${JSON.stringify(prefix)}`);
  return assertValidKey(prefix.slice(0, -1));
}

function id(what: string, value: string): string {
  if (!ID.test(value)) {
    throw new InvalidStorageKeyError(`Invalid ${what} ${JSON.stringify(value)} for a storage key: use [A-Za-z0-9_-]`);
  }
  return value;
}

function file(value: string): string {
  if (!FILE.test(value) || value === '.' || value === '..') {
    throw new InvalidStorageKeyError(`Invalid file name ${JSON.stringify(value)} for a storage key: use [A-Za-z0-9._-]`);
  }
  return value;
}

/**
 * Builders for the folder layout; each part is checked, so callers cannot escape their folder.
 * Everything is private (served only through signed URLs) except what lies under `public/`: the
 * copies of a published reel's video and thumbnail. Names of private files carry a secret token
 * (FileSigner.token), so no key can be derived from ids or content.
 */
export const storageKeys = {
  /** `projects/<projectId>/scripts/<scriptId>/scenes/<sceneId>/<file>`: per-scene inputs (voice, image…). */
  sceneFile(projectId: string, scriptId: string, sceneId: string, fileName: string): string {
    return assertValidKey(`projects/${id('projectId', projectId)}/scripts/${id('scriptId', scriptId)}/scenes/${id('sceneId', sceneId)}/${file(fileName)}`);
  },
  /** `renders/<renderId>/<file>`: one render's outputs (video, thumbnail, soundtrack). */
  renderFile(renderId: string, fileName: string): string {
    return assertValidKey(`renders/${id('renderId', renderId)}/${file(fileName)}`);
  },
  /** `segments/<ownerId>/<name>.mp4`: an encoded scene segment, shared by that owner's renders with the same inputs. */
  segment(ownerId: string, name: string): string {
    return assertValidKey(`segments/${id('ownerId', ownerId)}/${id('segment name', name)}.mp4`);
  },
  /** `segments/<ownerId>/<name>.ass`: the subtitles burned into that segment (captions, checks). */
  segmentSubtitles(ownerId: string, name: string): string {
    return assertValidKey(`segments/${id('ownerId', ownerId)}/${id('segment name', name)}.ass`);
  },
  /** `public/reels/<token>/<file>`: the public copy of a published reel's video or thumbnail. */
  publicReelFile(token: string, fileName: string): string {
    return assertValidKey(`${PUBLIC_PREFIX}reels/${id('public token', token)}/${file(fileName)}`);
  },
};

export const PUBLIC_PREFIX = 'public/';

/** Keys anyone may read without a signature: the public copies of published reels. */
export function isPublicKey(key: string): boolean {
  return key.startsWith(PUBLIC_PREFIX);
}

/**
 * Keys whose content never changes once written: segments are named by content, a render's outputs
 * belong to that one render, and a public copy is of one render's output. Anything under projects/
 * may be regenerated in place.
 */
export function isImmutableKey(key: string): boolean {
  return key.startsWith('segments/') || key.startsWith('renders/') || isPublicKey(key);
}

/**
 * Cache-Control for an object: public copies are cached everywhere for a year; private objects only
 * by the owner's browser (never a shared cache or CDN), a year when immutable, else revalidated.
 */
export function cacheControlFor(key: string): string {
  if (isPublicKey(key)) return 'public, max-age=31536000, immutable';
  return isImmutableKey(key) ? 'private, max-age=31536000, immutable' : 'private, no-cache';
}
