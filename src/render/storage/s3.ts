// Storage in an S3-compatible bucket (AWS S3, Cloudflare R2, s3rver in tests).
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { writeAtomically } from './atomicWrite.js';
import { byteSlice } from './byteSlice.js';
import { assertValidKey, cacheControlFor, folderOf, isPublicKey } from './keys.js';
import { mimeForKey } from './mime.js';
import { signedWindow } from './signing.js';
import { assertValidRange, NotPublicKeyError, type Storage, StorageNotFoundError, StorageRangeError } from './storage.js';

export interface S3StorageOptions {
  /** Custom endpoint (R2: `https://<account>.r2.cloudflarestorage.com`); omit for AWS. */
  endpoint?: string;
  /**
   * Where browsers reach the same server, when that differs from `endpoint` (docker-compose: the
   * API talks to `http://minio:9000`, browsers to `http://localhost:9000`). Presigned GETs are signed
   * for this host; nothing is sent to it from here.
   */
  presignEndpoint?: string;
  /** AWS region; R2 takes `auto`. */
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * Public base URL of the bucket (CDN, R2 custom domain): only keys under `public/` are given out
   * at it. Serve no other prefix there (see README).
   */
  publicBaseUrl?: string;
  /** Lifetime of a presigned GET; default an hour (SigV4 allows at most 7 days). */
  signedUrlTtlSeconds?: number;
  /** Bucket in the path rather than the host name; needed by s3rver and most self-hosted servers. */
  forcePathStyle?: boolean;
  /** Folder inside the bucket every key lives under (e.g. `reelforge`). */
  prefix?: string;
  /** Files larger than this go up as a multipart upload. Default 16 MiB; S3 needs ≥ 5 MiB parts. */
  multipartThresholdBytes?: number;
}

export type S3Storage = Storage & {
  readonly kind: 's3';
  /** Closes the client's sockets. */
  destroy(): void;
};

const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_MULTIPART_THRESHOLD = 16 * 1024 * 1024;

const statusOf = (err: unknown): number | undefined => (err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined);
const isNotFound = (err: unknown): boolean => statusOf(err) === 404 || (err instanceof Error && ['NoSuchKey', 'NotFound'].includes(err.name));
const isRangeError = (err: unknown): boolean => statusOf(err) === 416 || (err instanceof Error && err.name === 'InvalidRange');

/**
 * The body trimmed to exactly the asked range. S3 and R2 honour Range, but HTTP lets a server send
 * the whole object (200) instead, and s3rver answers `bytes=0-0` with everything from 0.
 */
function exactRange(body: Readable, range: { start: number; end?: number }, contentRange: string | undefined): Readable {
  const got = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange ?? '');
  const gotStart = got ? Number(got[1]) : 0;
  const gotEnd = got ? Number(got[2]) : Infinity;
  const total = got && got[3] !== '*' ? Number(got[3]) : Infinity;
  const wantEnd = Math.min(range.end ?? Infinity, total - 1);
  if (gotStart === range.start && gotEnd === wantEnd) return body;
  if (gotStart > range.start) {
    body.destroy();
    throw new Error(`S3 answered range ${range.start}-${range.end ?? ''} with ${contentRange}`);
  }
  return byteSlice(body, range.start - gotStart, range.end === undefined ? Infinity : range.end - range.start + 1);
}

export function createS3Storage(options: S3StorageOptions): S3Storage {
  const { bucket } = options;
  const clientAt = (endpoint: string | undefined) =>
    new S3Client({
      endpoint,
      region: options.region,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      forcePathStyle: options.forcePathStyle,
      // With the SDK's default checksums, streamed uploads go out aws-chunked with a trailing
      // checksum; R2 does not support that and s3rver stores the framing inside the object.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const client = clientAt(options.endpoint);
  const presigner = options.presignEndpoint ? clientAt(options.presignEndpoint) : client;
  const prefix = options.prefix ? assertValidKey(options.prefix.replace(/^\/+|\/+$/g, '')) : '';
  const objectKey = (key: string): string => (prefix ? `${prefix}/${assertValidKey(key)}` : assertValidKey(key));
  const multipartThreshold = Math.max(options.multipartThresholdBytes ?? DEFAULT_MULTIPART_THRESHOLD, MIN_PART_SIZE);
  const publicBase = (
    options.publicBaseUrl ?? (options.endpoint ? `${options.endpoint.replace(/\/+$/, '')}/${bucket}` : `https://s3.${options.region}.amazonaws.com/${bucket}`)
  ).replace(/\/+$/, '');

  async function putFile(Key: string, path: string, common: { ContentType: string; CacheControl: string }) {
    const bytes = (await stat(path)).size;
    if (bytes <= multipartThreshold) {
      // A known length lets the SDK stream the file in one plain PUT.
      await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: createReadStream(path), ContentLength: bytes, ...common }));
    } else {
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key, Body: createReadStream(path), ...common },
        partSize: Math.max(MIN_PART_SIZE, Math.ceil(bytes / 10_000)), // S3 allows at most 10,000 parts
        queueSize: 4,
        leavePartsOnError: false,
      });
      await upload.done();
    }
    return bytes;
  }

  async function getBody(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    if (range) assertValidRange(range);
    try {
      const out = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
        }),
      );
      if (!(out.Body instanceof Readable)) throw new Error(`S3 GetObject for ${key} returned no stream body`);
      return range ? exactRange(out.Body, range, out.ContentRange) : out.Body;
    } catch (err) {
      if (isNotFound(err)) throw new StorageNotFoundError(key);
      if (range && isRangeError(err)) throw new StorageRangeError(key, range);
      throw err;
    }
  }

  return {
    kind: 's3',

    async put(key, source, mime) {
      const Key = objectKey(key);
      const common = { ContentType: mime, CacheControl: cacheControlFor(key) };
      if ('path' in source) return { bytes: await putFile(Key, source.path, common) };
      await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: source.data, ContentLength: source.data.length, ...common }));
      return { bytes: source.data.length };
    },

    get: getBody,

    async download(key, toPath) {
      const body = await getBody(key);
      await writeAtomically(resolve(toPath), (temp) => pipeline(body, createWriteStream(temp)));
    },

    async size(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return out.ContentLength ?? 0;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      } catch (err) {
        if (!isNotFound(err)) throw err; // S3 answers 204 for absent keys; some servers say 404
      }
    },

    async deletePrefix(prefix) {
      const Prefix = `${objectKey(folderOf(prefix))}/`;
      let deleted = 0;
      // List a page (at most 1,000 keys), delete it in one request, until nothing is left.
      for (;;) {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix, MaxKeys: 1000 }));
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (keys.length === 0) return deleted;
        const out = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
        if (out.Errors?.length) throw new Error(`deleting under ${prefix}: ${out.Errors.length} objects were not deleted (${out.Errors[0]?.Code})`);
        deleted += keys.length;
      }
    },

    async copy(fromKey, toKey) {
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: objectKey(toKey),
            CopySource: `${bucket}/${objectKey(fromKey)}`, // keys are URL-safe by construction
            // The copy gets its own caching (a public copy is cached everywhere, its source is not).
            MetadataDirective: 'REPLACE',
            ContentType: mimeForKey(toKey),
            CacheControl: cacheControlFor(toKey),
          }),
        );
      } catch (err) {
        if (isNotFound(err)) throw new StorageNotFoundError(fromKey);
        throw err;
      }
    },

    publicUrl(key) {
      if (!isPublicKey(assertValidKey(key))) throw new NotPublicKeyError(key);
      return `${publicBase}/${objectKey(key)}`;
    },

    async signedUrl(key, nowMs = Date.now()) {
      // Signed at the start of the window, so repeated asks within it get the same URL.
      const { signedAt, expires } = signedWindow(nowMs, options.signedUrlTtlSeconds ?? 3_600);
      return getSignedUrl(presigner, new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }), {
        expiresIn: expires - signedAt,
        signingDate: new Date(signedAt * 1000),
      });
    },

    destroy() {
      client.destroy();
      if (presigner !== client) presigner.destroy();
    },
  };
}
