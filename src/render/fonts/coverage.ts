// Which writing systems the installed fonts cover, and which characters of a text no font has (those
// would be drawn as boxes). Asks fontconfig, which is what libass and librsvg pick fonts through.
import { fcList } from './fontconfig.js';

export interface WritingSystem {
  script: string;
  /** Languages written in it, for the message. */
  examples: string;
  /** fontconfig language tags: some font must cover each one's orthography... */
  fcLangs?: string[];
  /** ...or these code points (emoji have no language tag). */
  codePoints?: number[];
  /** What installs a font for it. */
  install: string;
}

const NOTO_CORE = 'the Debian package fonts-noto-core';
const NOTO_CJK = 'the Debian package fonts-noto-cjk';
const DEJAVU = 'the Debian package fonts-dejavu-core';

export const WRITING_SYSTEMS: readonly WritingSystem[] = [
  { script: 'Latin', examples: 'English, Spanish, …', fcLangs: ['en', 'es', 'vi'], install: DEJAVU },
  { script: 'Cyrillic', examples: 'Russian, Ukrainian, …', fcLangs: ['ru', 'uk'], install: DEJAVU },
  { script: 'Greek', examples: 'Greek', fcLangs: ['el'], install: DEJAVU },
  { script: 'Devanagari', examples: 'Hindi, Marathi', fcLangs: ['hi', 'mr'], install: NOTO_CORE },
  { script: 'Bengali', examples: 'Bengali', fcLangs: ['bn'], install: NOTO_CORE },
  { script: 'Tamil', examples: 'Tamil', fcLangs: ['ta'], install: NOTO_CORE },
  { script: 'Telugu', examples: 'Telugu', fcLangs: ['te'], install: NOTO_CORE },
  { script: 'Arabic', examples: 'Arabic, Persian, Urdu', fcLangs: ['ar', 'fa', 'ur'], install: NOTO_CORE },
  { script: 'Hebrew', examples: 'Hebrew', fcLangs: ['he'], install: NOTO_CORE },
  { script: 'Han', examples: 'Chinese', fcLangs: ['zh-cn', 'zh-tw'], install: NOTO_CJK },
  { script: 'Kana', examples: 'Japanese', fcLangs: ['ja'], install: NOTO_CJK },
  { script: 'Hangul', examples: 'Korean', fcLangs: ['ko'], install: NOTO_CJK },
  {
    script: 'Emoji',
    examples: 'emoji up to Unicode 15',
    // 😀, 🥲 (Unicode 13), 🫠 (14), 🩷 (15): Symbola alone stops at Unicode 9.
    codePoints: [0x1f600, 0x1f972, 0x1fae0, 0x1fa77],
    install: 'the npm package @expo-google-fonts/noto-emoji (a dependency: run `npm ci`)',
  },
];

/** Sorted, merged [from, to] ranges of the code points some installed font has. */
type Ranges = [number, number][];

interface Installed {
  langs: Set<string>;
  ranges: Ranges;
}

function parseRanges(charsets: string[]): Ranges {
  const all: Ranges = [];
  for (const cs of charsets) {
    for (const r of cs.split(' ')) {
      if (!r) continue;
      const [a, b] = r.split('-');
      const from = parseInt(a!, 16);
      if (Number.isFinite(from)) all.push([from, b === undefined ? from : parseInt(b, 16)]);
    }
  }
  all.sort((x, y) => x[0] - y[0]);
  const merged: Ranges = [];
  for (const r of all) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function inRanges(ranges: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = ranges[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

const cache = new Map<string, Promise<Installed>>();

/** Every installed font's languages and characters, read once per fontconfig file (one fc-list). */
function installed(fontconfig?: string): Promise<Installed> {
  const key = fontconfig ?? '';
  let hit = cache.get(key);
  if (!hit) {
    hit = fcList(['--format', '%{lang}\t%{charset}\n'], fontconfig).then((out) => {
      const langs = new Set<string>();
      const charsets: string[] = [];
      for (const line of out.split('\n')) {
        const [lang = '', charset = ''] = line.split('\t');
        for (const l of lang.split('|')) if (l) langs.add(l);
        charsets.push(charset);
      }
      return { langs, ranges: parseRanges(charsets) };
    });
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

export interface FontCheckOptions {
  /** A fontconfig file to ask instead of ours (tests use one with fewer fonts). */
  fontconfig?: string;
}

/** The writing systems no installed font covers. */
export async function missingWritingSystems(o: FontCheckOptions = {}): Promise<WritingSystem[]> {
  const { langs, ranges } = await installed(o.fontconfig);
  return WRITING_SYSTEMS.filter((ws) => !(ws.fcLangs ?? []).every((l) => langs.has(l)) || !(ws.codePoints ?? []).every((cp) => inRanges(ranges, cp)));
}

/** Characters that draw nothing by design: spaces, controls, joiners, variation selectors, tags. */
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]$/u;

/** The distinct characters of `text` that no installed font has, in order of first appearance. */
export async function uncoveredCharacters(text: string, o: FontCheckOptions = {}): Promise<string[]> {
  const { ranges } = await installed(o.fontconfig);
  const out = new Set<string>();
  for (const ch of text) {
    if (!INVISIBLE.test(ch) && !inRanges(ranges, ch.codePointAt(0)!)) out.add(ch);
  }
  return [...out];
}

export interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Logs one warning per writing system that subtitles and title cards would draw as boxes, naming
 * what to install. A machine without fontconfig's fc-list gets one warning saying so.
 */
export async function warnMissingFonts(log: WarnLogger, o: FontCheckOptions = {}): Promise<WritingSystem[]> {
  let missing: WritingSystem[];
  try {
    missing = await missingWritingSystems(o);
  } catch (err) {
    log.warn(
      { err: (err as Error).message },
      "could not list the installed fonts (fontconfig's fc-list): text in subtitles may show as boxes. Install the Debian package fontconfig",
    );
    return [];
  }
  for (const ws of missing) {
    const name = ws.examples === ws.script ? ws.script : `${ws.script} (${ws.examples})`;
    log.warn(
      { script: ws.script, install: ws.install },
      `no installed font covers ${name}: subtitles and title cards in it will show boxes. Install ${ws.install}`,
    );
  }
  return missing;
}
