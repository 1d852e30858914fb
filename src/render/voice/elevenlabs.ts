// ElevenLabs text-to-speech (with character timestamps) through the official SDK. Exact word timings
// from the service's alignment; mp3 audio. Configured by arguments only: never reads the environment.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { probe } from '../compose/probe.js';
import { MAX_DETAIL, networkCode, redact } from '../errorText.js';
import { ProviderError, type ProviderErrorDetails, type ProviderFailureKind } from '../providers/errors.js';
import { PermanentMediaError, type VoiceOptions, type VoiceProvider, type VoiceResult } from '../types.js';
import { alignmentProblem, type CharacterAlignment, wordsFromAlignment } from './alignment.js';
import { narrationParts } from './pauses.js';

type Sdk = typeof import('@elevenlabs/elevenlabs-js');
let sdkLoading: Promise<Sdk> | null = null;
/**
 * The SDK costs ~100 MB of memory and a noticeable start-up once loaded (measured): only a process
 * that speaks with ElevenLabs loads it, on its first request.
 */
function loadSdk(): Promise<Sdk> {
  sdkLoading ??= import('@elevenlabs/elevenlabs-js');
  return sdkLoading;
}

export const ELEVENLABS_PROVIDER = 'elevenlabs';

// ---------------------------------------------------------------------------------------------------
// Models and voices per language: the one table. Model ids live here, not in the environment.
//
// eleven_flash_v2_5: fast, half the price per character; 32 languages (multilingual_v2's plus hu, no,
//   vi); accepts language_code. Used for English and the three languages multilingual_v2 lacks.
// eleven_multilingual_v2: the most natural narration in its 29 languages (en, ja, zh, de, hi, fr, ko,
//   pt, it, es, id, nl, tr, fil, pl, sv, bg, ro, ar, cs, el, fi, hr, ms, sk, da, ta, uk, ru); detects the
//   language itself (language_code is not supported). Also the default for any other language.
// Voices are premade ones (multilingual, available to every account): George (warm British
// storyteller) by default, Rachel (calm American narrator) for US English.
// ---------------------------------------------------------------------------------------------------

const FLASH_V2_5 = 'eleven_flash_v2_5';
const MULTILINGUAL_V2 = 'eleven_multilingual_v2';
const GEORGE = 'JBFqnCBsd6RMkjVDRZzb';
const RACHEL = '21m00Tcm4TlvDq8ikWAM';

export const ELEVENLABS_DEFAULT_VOICE_ID = GEORGE;
export const ELEVENLABS_DEFAULT_MODEL_ID = MULTILINGUAL_V2;

export interface ElevenLabsLanguageEntry {
  modelId: string;
  /** Premade voice for the language; ELEVENLABS_DEFAULT_VOICE_ID when absent. */
  voiceId?: string;
}

const MULTILINGUAL_V2_LANGUAGES = [
  'ja',
  'zh',
  'de',
  'hi',
  'fr',
  'ko',
  'pt',
  'it',
  'es',
  'id',
  'nl',
  'tr',
  'fil',
  'pl',
  'sv',
  'bg',
  'ro',
  'ar',
  'cs',
  'el',
  'fi',
  'hr',
  'ms',
  'sk',
  'da',
  'ta',
  'uk',
  'ru',
] as const;

/** Keys: lower-case BCP 47 tags or their primary language subtag. Anything else: the default model and voice. */
export const ELEVENLABS_LANGUAGES: Readonly<Record<string, ElevenLabsLanguageEntry>> = {
  en: { modelId: FLASH_V2_5, voiceId: RACHEL },
  'en-us': { modelId: FLASH_V2_5, voiceId: RACHEL },
  'en-gb': { modelId: FLASH_V2_5, voiceId: GEORGE },
  hu: { modelId: FLASH_V2_5 },
  no: { modelId: FLASH_V2_5 },
  vi: { modelId: FLASH_V2_5 },
  ...Object.fromEntries(MULTILINGUAL_V2_LANGUAGES.map((l) => [l, { modelId: MULTILINGUAL_V2 }])),
};

/** Old or alternative codes for languages of the table. */
const ALIASES: Record<string, string> = { nb: 'no', nn: 'no', tl: 'fil', in: 'id', cmn: 'zh' };

/** Models that take a language_code (ISO 639-1) to enforce the language. */
const TAKES_LANGUAGE_CODE = /^eleven_(flash|turbo)_v2_5$/;

/** ElevenLabs voice ids are 20 letters and digits; other names (e.g. espeak's 'en-us') are ignored. */
export const VOICE_ID = /^[A-Za-z0-9]{20}$/;

export interface ElevenLabsChoice {
  modelId: string;
  voiceId: string;
  /** Sent only to models that accept it. */
  languageCode?: string;
}

function languageKey(language: string): { tag: string; base: string } {
  const tag = language.trim().toLowerCase().replace(/_/g, '-');
  const rawBase = tag.split('-')[0] ?? '';
  const base = ALIASES[rawBase] ?? rawBase;
  return { tag, base };
}

export interface ElevenLabsVoiceConfig {
  apiKey: string;
  /** Another API root (a proxy, or a local fake server in tests). */
  baseUrl?: string;
  /** One model for every language instead of the table's. */
  modelId?: string;
  /** Voice ids by language tag (or primary subtag), or a function; falls back to the table. */
  voiceForLanguage?: Readonly<Record<string, string>> | ((language: string) => string | undefined);
  /** Whole request, response body included (default 60 s). */
  timeoutMs?: number;
}

/** The model, voice and language code used for `language` (and an explicitly requested voice). */
export function chooseElevenLabs(
  language: string,
  requestedVoice?: string | null,
  config: Pick<ElevenLabsVoiceConfig, 'modelId' | 'voiceForLanguage'> = {},
): ElevenLabsChoice {
  const { tag, base } = languageKey(language);
  const entry = ELEVENLABS_LANGUAGES[tag] ?? ELEVENLABS_LANGUAGES[base];
  const modelId = config.modelId ?? entry?.modelId ?? ELEVENLABS_DEFAULT_MODEL_ID;
  const custom = config.voiceForLanguage;
  const configured = typeof custom === 'function' ? custom(language) : custom ? (custom[tag] ?? custom[base]) : undefined;
  const asked = requestedVoice?.trim();
  const voiceId = asked && VOICE_ID.test(asked) ? asked : (configured ?? entry?.voiceId ?? ELEVENLABS_DEFAULT_VOICE_ID);
  const choice: ElevenLabsChoice = { modelId, voiceId };
  if (TAKES_LANGUAGE_CODE.test(modelId) && /^[a-z]{2}$/.test(base)) choice.languageCode = base;
  return choice;
}

// ---------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------

/** A short human reason from an ElevenLabs error body ({ detail: { status, message } } or FastAPI's list). */
function detailOf(body: unknown): string {
  let text = '';
  const d = body && typeof body === 'object' ? (body as { detail?: unknown }).detail : body;
  if (typeof d === 'string') text = d;
  else if (Array.isArray(d)) {
    text = d
      .map((x) => (x && typeof x === 'object' && typeof (x as { msg?: unknown }).msg === 'string' ? (x as { msg: string }).msg : ''))
      .filter(Boolean)
      .join('; ');
  } else if (d && typeof d === 'object') {
    const { message, status } = d as { message?: unknown; status?: unknown };
    text = [status, message].filter((x): x is string => typeof x === 'string' && x.length > 0).join(': ');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

// ---------------------------------------------------------------------------------------------------

/**
 * ElevenLabs' break tag pauses for at most 3 s (help centre: "Do pauses and SSML phoneme tags work
 * with the API?"): a longer pause is several tags. Every model of the table takes them (Eleven v3,
 * which does not, is not in it).
 */
const MAX_BREAK_MS = 3_000;

/** A pause as ElevenLabs' documented SSML break tags (`<break time="1.5s" />`). */
export function breakTags(ms: number): string {
  const tags: string[] = [];
  for (let left = Math.round(ms); left > 0; left -= MAX_BREAK_MS) tags.push(`<break time="${Math.min(left, MAX_BREAK_MS) / 1000}s" />`);
  return tags.join(' ');
}

const DEFAULT_TIMEOUT_MS = 60_000;
const OUTPUT_FORMAT = 'mp3_44100_128';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function createElevenLabsVoice(config: ElevenLabsVoiceConfig): VoiceProvider {
  const apiKey = config.apiKey?.trim();
  if (!apiKey) throw new Error('createElevenLabsVoice: an API key is required');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let sdk: Sdk | null = null;
  let client: ElevenLabsClient | null = null;
  const clientOf = async (): Promise<ElevenLabsClient> => {
    sdk ??= await loadSdk();
    client ??= new sdk.ElevenLabsClient({
      apiKey,
      ...(config.baseUrl ? { baseUrl: config.baseUrl.replace(/\/+$/, '') } : {}),
      // Retries belong to the caller (voiceChain), which can also fall back to another provider.
      maxRetries: 0,
      // Our own abort (below) fires first and also covers reading the body.
      timeoutInSeconds: timeoutMs / 1000 + 5,
    });
    return client;
  };

  /** Messages never carry the key, whatever a server or proxy echoes back. */
  const clean = (s: string) => redact(s, apiKey);
  const fail = (message: string, kind: ProviderFailureKind, details?: ProviderErrorDetails) =>
    new ProviderError(clean(message), ELEVENLABS_PROVIDER, kind, details);
  const malformed = (what: string) => fail(`ElevenLabs returned a malformed response: ${what}`, 'malformed');

  function failure(e: unknown, timedOut: boolean): Error {
    if (timedOut || (sdk && e instanceof sdk.ElevenLabsTimeoutError)) {
      return fail(`ElevenLabs timed out after ${timeoutMs} ms`, 'timeout');
    }
    if (sdk && e instanceof sdk.ElevenLabsError) {
      const status = e.statusCode;
      if (status === undefined) {
        const code = networkCode(e);
        return fail(`ElevenLabs could not be reached: ${code ?? e.message.split('\n')[0]}`, 'network', code ? { code } : {});
      }
      const detail = detailOf(e.body);
      const suffix = detail ? `: ${detail}` : '';
      if (status === 401 || status === 403) {
        return fail(`ElevenLabs refused the API key (HTTP ${status})${suffix}`, 'auth', { status });
      }
      if (status === 429) {
        return fail(`ElevenLabs rate limit reached (HTTP 429)${suffix}`, 'rate-limited', { status });
      }
      if (status === 408 || status >= 500) {
        return fail(`ElevenLabs server error (HTTP ${status})${suffix}`, 'server-error', { status });
      }
      return fail(`ElevenLabs rejected the request (HTTP ${status})${suffix}`, 'refused-request', { status });
    }
    // The SDK validates the body against its schema: anything else is a response we cannot use.
    const message = e instanceof Error ? e.message : String(e);
    return malformed(`the body is not the expected JSON (${message.split('\n')[0]!.slice(0, MAX_DETAIL)})`);
  }

  async function request(text: string, choice: ElevenLabsChoice): Promise<ElevenLabs.AudioWithTimestampsResponse> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      return await (await clientOf()).textToSpeech.convertWithTimestamps(
        choice.voiceId,
        {
          text,
          modelId: choice.modelId,
          outputFormat: OUTPUT_FORMAT,
          ...(choice.languageCode ? { languageCode: choice.languageCode } : {}),
        },
        { abortSignal: abort.signal },
      );
    } catch (e) {
      throw failure(e, abort.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  const provider: VoiceProvider = {
    name: ELEVENLABS_PROVIDER,

    async synthesize(text: string, options: VoiceOptions): Promise<VoiceResult> {
      const parts = narrationParts(text);
      // The words as shown; what is sent has a break tag for each pause.
      const spoken = parts
        .flatMap((p) => (p.kind === 'speech' ? [p.text] : []))
        .join(' ')
        .trim();
      if (!spoken) throw new PermanentMediaError('Nothing to speak: the text is empty');
      const choice = chooseElevenLabs(options.language, options.voice, config);
      const data = await request(parts.map((p) => (p.kind === 'speech' ? p.text : breakTags(p.ms))).join(' '), choice);

      if (typeof data?.audioBase64 !== 'string' || data.audioBase64.length === 0) throw malformed('no audio');
      const b64 = data.audioBase64.replace(/\s+/g, '');
      if (!BASE64.test(b64)) throw malformed('the audio is not base64');
      const audio = Buffer.from(b64, 'base64');
      if (audio.length === 0) throw malformed('no audio');

      const raw = data.alignment ?? data.normalizedAlignment;
      if (!raw) throw malformed('no character alignment');
      const alignment: CharacterAlignment = {
        characters: raw.characters,
        startTimesSeconds: raw.characterStartTimesSeconds,
        endTimesSeconds: raw.characterEndTimesSeconds,
      };
      const problem = alignmentProblem(alignment);
      if (problem) throw malformed(problem);

      const audioPath = join(options.outDir, `voice-${randomUUID()}.mp3`);
      try {
        await writeFile(audioPath, audio);
        let probedMs: number;
        try {
          const info = await probe(audioPath);
          if (!info.audio) throw new Error('no audio stream');
          probedMs = info.durationMs;
        } catch {
          throw malformed('the audio is not a readable mp3');
        }
        const lastEndMs = Math.round(Math.max(0, ...alignment.endTimesSeconds.slice(-1)) * 1000);
        const durationMs = Math.round(probedMs) || lastEndMs;
        const words = wordsFromAlignment(spoken, alignment, durationMs);
        return { audioPath, mime: 'audio/mpeg', durationMs, words, timingSource: 'provider', provider: ELEVENLABS_PROVIDER };
      } catch (e) {
        await rm(audioPath, { force: true });
        throw e;
      }
    },
  };
  return provider;
}

/** The voice ids the account can use (GET /v1/voices), for checking a requested voice up front. */
export async function listElevenLabsVoiceIds(config: Pick<ElevenLabsVoiceConfig, 'apiKey' | 'baseUrl'>, timeoutMs = 5_000): Promise<string[]> {
  const { ElevenLabsClient } = await loadSdk();
  const client = new ElevenLabsClient({
    apiKey: config.apiKey,
    ...(config.baseUrl ? { baseUrl: config.baseUrl.replace(/\/+$/, '') } : {}),
    maxRetries: 0,
    timeoutInSeconds: timeoutMs / 1000,
  });
  const { voices } = await client.voices.getAll();
  return voices.map((v) => v.voiceId);
}
