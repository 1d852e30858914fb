// Picks an espeak-ng voice for a script's language (BCP 47 tag such as 'hi', 'pt-BR', 'zh-Hant-HK'),
// or for the text's letters when that language has none or its voice cannot read them.
import { spawn } from 'node:child_process';
import { type ToolName, tool } from '../tools/tools.js';

export const ESPEAK: ToolName = 'espeak-ng';

/** Where espeak-ng's own default for a bare language is not the one most viewers expect. */
const PREFERRED: Record<string, string> = {
  en: 'en-us',
  fr: 'fr-fr',
  zh: 'cmn',
  'zh-cn': 'cmn',
  'zh-hans': 'cmn',
  'zh-tw': 'cmn',
  'zh-hk': 'yue',
  no: 'nb',
  iw: 'he',
  in: 'id',
};

export const FALLBACK_VOICE = 'en';

/** What espeak-ng will speak with, and why, when it is not the script's language's own voice. */
export interface EspeakVoiceChoice {
  voice: string;
  /** Set when the language has no installed voice (or its voice cannot read the text's letters). */
  fallback?: string;
}

/** The installed voice for a BCP 47 tag: the tag, then language-region, then the language alone. */
function voiceOf(language: string, available: ReadonlySet<string>): string | null {
  const tag = language.trim().toLowerCase().replace(/_/g, '-');
  const candidates = [tag];
  try {
    const locale = new Intl.Locale(tag);
    if (locale.region) candidates.push(`${locale.language}-${locale.region.toLowerCase()}`);
    candidates.push(locale.language);
  } catch {
    candidates.push(tag.split('-')[0] ?? '');
  }
  for (const c of candidates) {
    const preferred = PREFERRED[c];
    if (preferred && available.has(preferred)) return preferred;
    if (available.has(c)) return c;
  }
  return null;
}

// Writing systems (ISO 15924, as Intl.Locale#maximize names them) and the voice that reads each. Latin
// is not here: romanised text (Hinglish) stays with the language's own voice.
const SCRIPT_VOICES: [script: string, letters: RegExp, voice: string][] = [
  ['Deva', /\p{sc=Devanagari}/u, 'hi'],
  ['Arab', /\p{sc=Arabic}/u, 'ar'],
  ['Hebr', /\p{sc=Hebrew}/u, 'he'],
  ['Beng', /\p{sc=Bengali}/u, 'bn'],
  ['Taml', /\p{sc=Tamil}/u, 'ta'],
  ['Telu', /\p{sc=Telugu}/u, 'te'],
  ['Gujr', /\p{sc=Gujarati}/u, 'gu'],
  ['Guru', /\p{sc=Gurmukhi}/u, 'pa'],
  ['Knda', /\p{sc=Kannada}/u, 'kn'],
  ['Mlym', /\p{sc=Malayalam}/u, 'ml'],
  ['Thai', /\p{sc=Thai}/u, 'th'],
  ['Geor', /\p{sc=Georgian}/u, 'ka'],
  ['Armn', /\p{sc=Armenian}/u, 'hy'],
  ['Grek', /\p{sc=Greek}/u, 'el'],
  ['Cyrl', /\p{sc=Cyrillic}/u, 'ru'],
  ['Kana', /[\p{sc=Hiragana}\p{sc=Katakana}]/u, 'ja'],
  ['Hang', /\p{sc=Hangul}/u, 'ko'],
  ['Hani', /\p{sc=Han}/u, 'cmn'],
];
/** Writing systems a language's script (maximized) covers beyond itself. */
const COVERS: Record<string, string[]> = { Hans: ['Hani'], Hant: ['Hani'], Jpan: ['Hani', 'Kana'], Kore: ['Hang', 'Hani'] };

/** The writing system most of the text's letters are in (Japanese: any kana makes it Japanese). */
function dominantScript(text: string): { script: string; voice: string } | null {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    const hit = SCRIPT_VOICES.find(([, re]) => re.test(ch));
    if (hit) counts.set(hit[0], (counts.get(hit[0]) ?? 0) + 1);
  }
  if (letters === 0) return null;
  if ((counts.get('Kana') ?? 0) > 0 && (counts.get('Kana') ?? 0) + (counts.get('Hani') ?? 0) >= letters / 2) return { script: 'Kana', voice: 'ja' };
  const [script, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n < letters / 2) return null;
  return { script, voice: SCRIPT_VOICES.find(([s]) => s === script)![2] };
}

function scriptOfLanguage(language: string): string | null {
  try {
    return new Intl.Locale(language).maximize().script ?? null;
  } catch {
    return null;
  }
}

/**
 * The espeak-ng voice for a script's language (BCP 47), among `available` (see listEspeakVoices). When
 * the language has no voice, or most of `text` is in letters its voice does not read (a project in
 * 'en' narrating Hindi), the voice of the text's writing system is used, else 'en' — and `fallback`
 * says which and why, for the stage detail and the log.
 */
export function chooseEspeakVoice(language: string, available: ReadonlySet<string>, text = ''): EspeakVoiceChoice {
  const own = voiceOf(language, available);
  const written = dominantScript(text);
  const langScript = scriptOfLanguage(language);
  const reads = (script: string) => !langScript || langScript === script || (COVERS[langScript] ?? []).includes(script);
  const named = JSON.stringify(language);
  if (own && (!written || reads(written.script))) return { voice: own };
  if (written && available.has(written.voice) && written.voice !== own) {
    const letters = `${scriptName(written.script)} letters`;
    const why = own
      ? `the ${JSON.stringify(own)} voice of language ${named} does not read ${letters}`
      : `espeak-ng has no voice for language ${named}; the text is in ${letters}`;
    return { voice: written.voice, fallback: `${why}: spoken with ${JSON.stringify(written.voice)}` };
  }
  if (own) return { voice: own };
  return { voice: FALLBACK_VOICE, fallback: `espeak-ng has no voice for language ${named}: spoken with ${JSON.stringify(FALLBACK_VOICE)}` };
}

function scriptName(code: string): string {
  if (code === 'Kana') return 'Japanese';
  return new Intl.DisplayNames(['en'], { type: 'script' }).of(code) ?? code;
}

let voices: Promise<Set<string>> | undefined;

/** The language column of `espeak-ng --voices`, read once per process. */
export function listEspeakVoices(): Promise<Set<string>> {
  voices ??= new Promise<Set<string>>((resolve, reject) => {
    const espeak = tool(ESPEAK); // a MissingToolError rejects this promise
    const child = spawn(espeak.command, [...espeak.prefixArgs, '--voices'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`espeak-ng --voices exited ${code}: ${err.trim()}`));
      const names = new Set<string>();
      for (const line of out.split('\n').slice(1)) {
        const lang = line.trim().split(/\s+/)[1];
        if (lang) names.add(lang.toLowerCase());
      }
      resolve(names);
    });
  }).catch((e: unknown) => {
    voices = undefined; // let a later call retry (e.g. espeak-ng installed meanwhile)
    throw e;
  });
  return voices;
}
