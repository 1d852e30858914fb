import { resolve } from 'node:path';
import { env } from '../config.js';
import { logger } from '../logger.js';
import { createLocalStorage } from '../render/storage/local.js';
import { createS3Storage } from '../render/storage/s3.js';
import type { Storage } from '../render/storage/storage.js';
import type { VoiceProvider } from '../render/types.js';
import { voiceChain } from '../render/voice/chain.js';
import { createElevenLabsVoice } from '../render/voice/elevenlabs.js';
import { espeakVoice } from '../render/voice/espeak.js';
import { createGeminiWriter } from '../render/script/gemini.js';
import { createGroqWriter } from '../render/script/groq.js';
import { chooseWriters, type Provider } from '../render/script/models.js';
import type { ScriptMode, ScriptWriter } from '../render/script/types.js';
import { buildWriterChain } from '../render/script/writerChain.js';

/** Path under the API where local storage is served. */
export const FILES_PATH = '/files';

export function publicBaseUrl(): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}

export function localStorageDir(): string {
  return resolve(env.STORAGE_DIR ?? resolve(env.DATA_DIR, 'storage'));
}

let storage: Storage | null = null;

/** The configured storage driver, created once per process. */
export function getStorage(): Storage {
  if (!storage) {
    storage =
      env.STORAGE_DRIVER === 's3'
        ? createS3Storage({
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET!,
            accessKeyId: env.S3_ACCESS_KEY_ID!,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
            publicBaseUrl: env.S3_PUBLIC_BASE_URL,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
          })
        : createLocalStorage({ root: localStorageDir(), publicBaseUrl: `${publicBaseUrl()}${FILES_PATH}` });
  }
  return storage;
}

let voice: VoiceProvider | null = null;

/** Voice providers in order of preference, created once per process; the offline one always ends the chain. */
export function getVoice(): VoiceProvider {
  if (!voice) {
    const providers: VoiceProvider[] = [];
    if (env.ELEVENLABS_API_KEY) {
      providers.push(createElevenLabsVoice({ apiKey: env.ELEVENLABS_API_KEY, baseUrl: env.ELEVENLABS_BASE_URL }));
    }
    providers.push(espeakVoice);
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
