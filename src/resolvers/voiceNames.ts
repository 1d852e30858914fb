// Which `voice` a render may ask for: one the serving voice chain has. Checked at enqueue, so a
// typo is refused before it takes a quota slot rather than failing the render's voice stages.
// espeak-ng (always in the chain) knows its `--voices`; ElevenLabs, when configured, knows its
// account's voice ids (GET /v1/voices, fetched once per process and cached).
//
// If the ElevenLabs list cannot be fetched (outage, network, a key without the voices_read
// permission) any well-formed ElevenLabs id (20 letters and digits) is accepted rather than
// refusing every render that names one: an id that turns out unknown then fails at the voice stage
// as before. The failure is logged and not cached, so a later enqueue tries the list again.
import { env } from '../config.js';
import { logger } from '../logger.js';
import { listEspeakVoices } from '../render/voice/espeakLanguage.js';
import { listElevenLabsVoiceIds, VOICE_ID } from '../render/voice/elevenlabs.js';

/** Shown as examples in a refusal, when espeak-ng has them. */
const COMMON_ESPEAK = ['en-us', 'en-gb', 'es', 'fr', 'fr-fr', 'de', 'hi'];

let elevenLabs: Promise<Set<string>> | null = null;

function elevenLabsVoices(): Promise<Set<string> | null> {
  if (!env.ELEVENLABS_API_KEY) return Promise.resolve(null);
  elevenLabs ??= listElevenLabsVoiceIds({ apiKey: env.ELEVENLABS_API_KEY, baseUrl: env.ELEVENLABS_BASE_URL }).then((ids) => new Set(ids));
  return elevenLabs.catch((err: unknown) => {
    elevenLabs = null;
    logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'could not list ElevenLabs voices; accepting any well-formed voice id');
    return null;
  });
}

/** null when `voice` is usable; otherwise the reason, naming some of the voices that are. */
export async function unknownVoice(voice: string): Promise<string | null> {
  // Without espeak-ng installed there is no list to check against: the voice stage reports that.
  const espeak = await listEspeakVoices().catch(() => null);
  if (!espeak) return null;
  // espeak-ng takes a variant after '+' (en-us+f3).
  if (espeak.has(voice.toLowerCase().split('+')[0]!)) return null;
  const eleven = env.ELEVENLABS_API_KEY ? await elevenLabsVoices() : null;
  if (eleven?.has(voice)) return null;
  if (env.ELEVENLABS_API_KEY && eleven === null && VOICE_ID.test(voice)) return null;
  const examples = [...[...(eleven ?? [])].slice(0, 3), ...COMMON_ESPEAK.filter((v) => espeak.has(v))].join(', ');
  const where = env.ELEVENLABS_API_KEY ? 'an ElevenLabs voice id of this account or an espeak-ng voice' : 'an espeak-ng voice';
  return `unknown voice "${voice.slice(0, 40)}": use ${where} (${espeak.size} of them, see espeak-ng --voices), such as ${examples}`;
}

/** For tests: forget the cached ElevenLabs list. */
export function forgetVoiceLists(): void {
  elevenLabs = null;
}
