// Picks an espeak-ng voice for a project language (BCP 47 tag such as 'en', 'pt-BR').
import { spawn } from 'node:child_process';

export const ESPEAK = 'espeak-ng';

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

/** `available`: language names espeak-ng knows (see listEspeakVoices). Unknown → 'en'. */
export function voiceForLanguage(language: string, available: ReadonlySet<string>): string {
  const tag = language.trim().toLowerCase().replace(/_/g, '-');
  if (PREFERRED[tag]) return PREFERRED[tag];
  if (available.has(tag)) return tag;
  const base = tag.split('-')[0] ?? '';
  if (PREFERRED[base]) return PREFERRED[base];
  if (available.has(base)) return base;
  return FALLBACK_VOICE;
}

let voices: Promise<Set<string>> | undefined;

/** The language column of `espeak-ng --voices`, read once per process. */
export function listEspeakVoices(): Promise<Set<string>> {
  voices ??= new Promise<Set<string>>((resolve, reject) => {
    const child = spawn(ESPEAK, ['--voices'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
