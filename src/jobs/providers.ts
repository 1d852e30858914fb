import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { env } from '../config.js';
import { logger } from '../logger.js';
import { createLocalStorage } from '../render/storage/local.js';
import { createS3Storage } from '../render/storage/s3.js';
import { createFileSigner, type FileSigner } from '../render/storage/signing.js';
import type { Storage } from '../render/storage/storage.js';
import type { VoiceProvider } from '../render/types.js';
import { keyedOnly, whenKeyed } from '../render/providers/chain.js';
import { voiceChain } from '../render/voice/chain.js';
import { createElevenLabsVoice } from '../render/voice/elevenlabs.js';
import { espeakVoice } from '../render/voice/espeak.js';
import { createGeminiWriter } from '../render/script/gemini.js';
import { createGroqWriter } from '../render/script/groq.js';
import { chooseWriters, type Provider } from '../render/script/models.js';
import type { ScriptMode, ScriptWriter } from '../render/script/types.js';
import { buildWriterChain } from '../render/script/writerChain.js';
import { createGeminiImageGenerator } from '../render/images/generate/gemini.js';
import { imageGeneratorChain } from '../render/images/generate/chain.js';
import type { ImageGenerator } from '../render/images/generate/types.js';
import { searchChain, type SearchChain } from '../render/images/search/chain.js';
import { createBraveSearch } from '../render/images/search/brave.js';
import { createGoogleCseSearch } from '../render/images/search/googleCse.js';
import { createSerpApiSearch } from '../render/images/search/serpapi.js';

/** Path under the API where local storage is served. */
export const FILES_PATH = '/files';

export function publicBaseUrl(): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}

export function localStorageDir(): string {
  return resolve(env.STORAGE_DIR ?? resolve(env.DATA_DIR, 'storage'));
}

/**
 * The secret kept at `path`, generated there on first use (outside production, where
 * FILE_SIGNING_SECRET is required), so an API and workers started from the same folder agree and
 * signed URLs survive a restart.
 */
export function secretFromFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true });
  // Written whole under a temp name, then linked into place: link() fails if the name exists, so of
  // two processes starting together one wins and the other reads the winner's complete file.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(temp, path);
    logger.info({ path }, 'generated a file signing secret (set FILE_SIGNING_SECRET in production)');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(path, 'utf8').trim();
}

let signer: FileSigner | null = null;

/** Signs private file URLs and names private keys; one per process. */
export function getFileSigner(): FileSigner {
  signer ??= createFileSigner(env.FILE_SIGNING_SECRET ?? secretFromFile(resolve(env.DATA_DIR, 'file-signing-secret')));
  return signer;
}

let storage: Storage | null = null;

/** The configured storage driver, created once per process. */
export function getStorage(): Storage {
  if (!storage) {
    storage =
      env.STORAGE_DRIVER === 's3'
        ? createS3Storage({
            endpoint: env.S3_ENDPOINT,
            presignEndpoint: env.S3_PRESIGN_ENDPOINT,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET!,
            accessKeyId: env.S3_ACCESS_KEY_ID!,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
            publicBaseUrl: env.S3_PUBLIC_BASE_URL,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            signedUrlTtlSeconds: env.SIGNED_URL_TTL_SECONDS,
          })
        : createLocalStorage({
            root: localStorageDir(),
            publicBaseUrl: `${publicBaseUrl()}${FILES_PATH}`,
            signer: getFileSigner(),
            signedUrlTtlSeconds: env.SIGNED_URL_TTL_SECONDS,
          });
  }
  return storage;
}

let voice: VoiceProvider | null = null;

/** Voice providers in order of preference, created once per process; the offline one always ends the chain. */
export function getVoice(): VoiceProvider {
  if (!voice) {
    const providers = [whenKeyed(env.ELEVENLABS_API_KEY, (apiKey) => createElevenLabsVoice({ apiKey, baseUrl: env.ELEVENLABS_BASE_URL })), espeakVoice];
    voice = voiceChain(providers, {
      onRetry: ({ provider, attempt, delayMs, error }) =>
        logger.debug({ provider, attempt, delayMs, reason: error.message }, 'voice provider failed, retrying'),
      onProviderFailed: ({ provider, error, attempts, next }) =>
        logger.warn({ provider, attempts, next, reason: error.message }, next ? 'voice provider failed, falling back' : 'voice provider failed'),
    });
  }
  return voice;
}

let writers: Partial<Record<Provider, ScriptWriter>> | null = null;

/** One writer per provider that has a key, created once per process (SDK clients are reused). */
function scriptWriters(): Partial<Record<Provider, ScriptWriter>> {
  if (!writers) {
    writers = {};
    if (env.GEMINI_API_KEY) writers.gemini = createGeminiWriter({ apiKey: env.GEMINI_API_KEY, baseUrl: env.GEMINI_BASE_URL });
    if (env.GROQ_API_KEY) writers.groq = createGroqWriter({ apiKey: env.GROQ_API_KEY, baseUrl: env.GROQ_BASE_URL });
  }
  return writers;
}

/**
 * The writers for one request, in the model table's order, limited to providers with a key. Empty
 * when none fits: the caller then uses the offline writer (the prompt is the script).
 */
export function scriptWriterChain(request: { mode: ScriptMode; prompt: string; sceneCount: number }): ScriptWriter[] {
  const available = scriptWriters();
  const choices = chooseWriters({ ...request, available: { gemini: Boolean(available.gemini), groq: Boolean(available.groq) } });
  return buildWriterChain(choices, available);
}

let imageSearch: { chain: SearchChain; names: string[] } | null = null;

/** Image search in order of preference (Google CSE → SerpAPI → Brave), keyed providers only. */
export function getImageSearch(): { chain: SearchChain; names: string[] } {
  if (!imageSearch) {
    const cx = env.GOOGLE_CSE_CX;
    const providers = keyedOnly([
      whenKeyed(cx && env.GOOGLE_CSE_API_KEY, (apiKey) => createGoogleCseSearch({ apiKey, cx: cx!, baseUrl: env.GOOGLE_CSE_BASE_URL })),
      whenKeyed(env.SERPAPI_API_KEY, (apiKey) => createSerpApiSearch({ apiKey, baseUrl: env.SERPAPI_BASE_URL })),
      whenKeyed(env.BRAVE_API_KEY, (apiKey) => createBraveSearch({ apiKey, baseUrl: env.BRAVE_BASE_URL })),
    ]);
    imageSearch = {
      names: providers.map((p) => p.name),
      chain: searchChain(providers, {
        onRetry: ({ provider, attempt, delayMs, error }) =>
          logger.debug({ provider, attempt, delayMs, reason: error.message }, 'image search failed, retrying'),
        onProviderFailed: ({ provider, reason, next }) =>
          logger.warn({ provider, next, reason }, next ? 'image search failed, falling back' : 'image search failed'),
      }),
    };
  }
  return imageSearch;
}

let imageGenerator: ImageGenerator | null | undefined;

/** Gemini image generation (retried on outages) when GEMINI_API_KEY is set; null otherwise (drawn cards). */
export function getImageGenerator(): ImageGenerator | null {
  if (imageGenerator === undefined) {
    imageGenerator = env.GEMINI_API_KEY
      ? imageGeneratorChain([createGeminiImageGenerator({ apiKey: env.GEMINI_API_KEY, baseUrl: env.GEMINI_BASE_URL })], {
          baseDelayMs: 1_000,
          onRetry: ({ provider, attempt, delayMs, error }) =>
            logger.debug({ generator: provider, attempt, delayMs, reason: error.message }, 'image generation failed, retrying'),
        })
      : null;
  }
  return imageGenerator;
}
