// The `/files/<key>` route of local storage: public keys to anyone, private ones only with a valid,
// unexpired signature (which the API hands only to the file's owner).
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { isPublicKey } from './keys.js';
import { serveStorageFile } from './serveFile.js';
import type { FileSigner } from './signing.js';
import type { Storage } from './storage.js';

export interface FileRouteOptions {
  storage: Storage;
  signer: FileSigner;
  /** Path the route is mounted at, e.g. `/files`. */
  basePath: string;
  /** The clock expiry is checked against (tests inject one). */
  now?: () => number;
}

function refuse(res: ServerResponse, status: 400 | 403): void {
  const body = `${STATUS_CODES[status]}\n`;
  // Not cacheable: the same URL may work once signed properly, and a refusal says nothing about the file.
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * Returns a request handler that answers requests under `basePath` and returns false for any other
 * path. A private key without a valid signature is 403 whether or not the object exists (no probing
 * for what is stored); a valid one is served with Range support. Rejects only on a storage failure.
 */
export function createFileRoute(options: FileRouteOptions): (req: IncomingMessage, res: ServerResponse) => false | Promise<void> {
  const prefix = `${options.basePath.replace(/\/+$/, '')}/`;
  const now = options.now ?? Date.now;
  return (req, res) => {
    if (!req.url?.startsWith(prefix)) return false;
    // Split by hand: URL parsing would resolve `..` segments, which key validation should refuse.
    const rest = req.url.slice(prefix.length);
    const q = rest.indexOf('?');
    const query = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
    let key: string;
    try {
      key = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
    } catch {
      refuse(res, 400);
      return Promise.resolve();
    }
    if (!isPublicKey(key) && options.signer.verify(key, query, now()) !== 'ok') {
      refuse(res, 403);
      return Promise.resolve();
    }
    return serveStorageFile(options.storage, key, req, res);
  };
}
