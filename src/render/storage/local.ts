// Storage in a local folder: the default for development and single-machine installs.
import { constants } from 'node:fs';
import { copyFile, open, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeAtomically } from './atomicWrite.js';
import { assertValidKey, folderOf, isPublicKey } from './keys.js';
import { type FileSigner, signedWindow } from './signing.js';
import { assertValidRange, NotPublicKeyError, type Storage, StorageNotFoundError, StorageRangeError } from './storage.js';

export interface LocalStorageOptions {
  /** Folder holding the objects; created on first write. */
  root: string;
  /** Base URL the folder is served at (e.g. `http://localhost:4000/files`). */
  publicBaseUrl: string;
  /** Signs private files' URLs; the file route checks them with the same signer. */
  signer: FileSigner;
  /** Lifetime of a signed URL; default an hour. */
  signedUrlTtlSeconds?: number;
}

const isCode = (err: unknown, ...codes: string[]): boolean =>
  typeof err === 'object' && err !== null && codes.includes((err as NodeJS.ErrnoException).code ?? '');

export function createLocalStorage(options: LocalStorageOptions): Storage {
  const root = resolve(options.root);
  const baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
  // Key validation rules out `..`, absolute paths and backslashes, so this stays under root.
  const pathOf = (key: string): string => join(root, assertValidKey(key));

  return {
    kind: 'local',

    async put(key, source, _mime) {
      let bytes = 0;
      await writeAtomically(pathOf(key), async (temp) => {
        // FICLONE shares blocks on filesystems that can (btrfs, xfs), else it is a plain copy.
        if ('path' in source) await copyFile(source.path, temp, constants.COPYFILE_FICLONE);
        else await writeFile(temp, source.data);
        bytes = (await stat(temp)).size; // the temp, not the final path: a concurrent put may replace that
      });
      return { bytes };
    },

    async get(key, range) {
      const path = pathOf(key);
      if (range) assertValidRange(range);
      // Open first and stat the handle: the stream reads the file we measured even if it is replaced.
      const handle = await open(path, 'r').catch((err: unknown) => {
        throw isCode(err, 'ENOENT', 'ENOTDIR') ? new StorageNotFoundError(key) : err;
      });
      try {
        const info = await handle.stat();
        if (!info.isFile()) throw new StorageNotFoundError(key);
        if (range && range.start >= info.size) throw new StorageRangeError(key, range);
        return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      } catch (err) {
        await handle.close();
        throw err;
      }
    },

    async download(key, toPath) {
      const path = pathOf(key);
      await writeAtomically(resolve(toPath), (temp) =>
        copyFile(path, temp).catch((err: unknown) => {
          throw isCode(err, 'ENOENT', 'ENOTDIR') ? new StorageNotFoundError(key) : err;
        }),
      );
    },

    async size(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? info.size : null;
      } catch (err) {
        if (isCode(err, 'ENOENT', 'ENOTDIR')) return null;
        throw err;
      }
    },

    async delete(key) {
      await unlink(pathOf(key)).catch((err: unknown) => {
        if (!isCode(err, 'ENOENT', 'ENOTDIR')) throw err;
      });
    },

    async deletePrefix(prefix) {
      const dir = pathOf(folderOf(prefix));
      const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((err: unknown) => {
        if (isCode(err, 'ENOENT', 'ENOTDIR')) return [];
        throw err;
      });
      await rm(dir, { recursive: true, force: true });
      return entries.filter((e) => e.isFile()).length;
    },

    async copy(fromKey, toKey) {
      const from = pathOf(fromKey);
      await writeAtomically(pathOf(toKey), (temp) =>
        copyFile(from, temp, constants.COPYFILE_FICLONE).catch((err: unknown) => {
          throw isCode(err, 'ENOENT', 'ENOTDIR') ? new StorageNotFoundError(fromKey) : err;
        }),
      );
    },

    publicUrl(key) {
      if (!isPublicKey(assertValidKey(key))) throw new NotPublicKeyError(key);
      return `${baseUrl}/${key}`;
    },

    async signedUrl(key, nowMs = Date.now()) {
      const { expires } = signedWindow(nowMs, options.signedUrlTtlSeconds ?? 3_600);
      return `${baseUrl}/${assertValidKey(key)}?${options.signer.signQuery(key, expires)}`;
    },
  };
}
