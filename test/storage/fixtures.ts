// Real services for the storage tests: an in-process s3rver on loopback, temp folders, stream helpers.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { expect } from 'vitest';

export const BUCKET = 'reels';
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function tempDir(label: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `reelforge-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** s3rver on 127.0.0.1 with an empty `reels` bucket, its files in a temp dir; logs `METHOD url` of each request. */
export async function startS3rver(): Promise<{ endpoint: string; requests: string[]; close(): Promise<void> }> {
  const dir = await tempDir('s3rver');
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir.path,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const requests: string[] = [];
  server.httpServer?.on('request', (req: IncomingMessage) => requests.push(`${req.method} ${req.url}`));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      await server.close();
      await dir.remove();
    },
  };
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Deterministic, non-repeating bytes (a repeating pattern could hide an offset error). */
export function patternBytes(length: number, seed = 'reelforge'): Buffer {
  const out = Buffer.alloc(length);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < length; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Asserts two byte strings are identical. Reports length and first differing offset rather than
 * letting toEqual diff large buffers, which takes vitest minutes on a few hundred kilobytes.
 */
export function expectSameBytes(actual: Buffer, expected: Buffer): void {
  const n = Math.min(actual.length, expected.length);
  let firstDifference = -1;
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      firstDifference = i;
      break;
    }
  }
  expect({ length: actual.length, firstDifference }).toEqual({ length: expected.length, firstDifference: -1 });
}
