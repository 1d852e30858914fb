// What a user's words become inside an ASS dialogue line: shown character for character, never read
// as an override tag, with emoji drawn from a font that has them and the direction each word reads in.
import bidiJs from 'bidi-js';
import { EMOJI_FONT_FAMILY } from './fonts/fontconfig.js';

// bidi-js is a UMD module: at run time the default import is the factory itself, while its types
// describe an ES module whose default export is the factory.
const bidi = (bidiJs as unknown as typeof bidiJs.default)();

/** U+2060 WORD JOINER: invisible, zero-width, and under HarfBuzz it changes no shaping (tested). */
const WJ = '\u2060';

/**
 * Makes text safe as ASS dialogue text, showing exactly what was typed. libass reads `{` as the start
 * of an override block and `\N`, `\n`, `\h` as line breaks and hard spaces; `\{` is its escape for a
 * literal brace, and a backslash followed by a word joiner is an unknown sequence it shows as typed.
 * A lone `}` is shown as typed. Line breaks inside a word become spaces (our lines are our own).
 */
export function escapeAssText(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/\\/g, `\\${WJ}`)
    .replace(/\{/g, '\\{');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * An emoji grapheme: one shown as a picture (Emoji_Presentation, or text made emoji by U+FE0F, a
 * keycap, a flag). ©, ™ or a bare ❤ without U+FE0F stay in the text font, as they are typed.
 */
const EMOJI = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\uFE0F|\u20E3/u;

/**
 * Escapes a word and draws its emoji with the bundled monochrome emoji font, so every emoji up to
 * Unicode 15 has a glyph, all in one style, and ZWJ sequences, flags and skin tones join into one.
 */
export function assWordText(word: string): string {
  let out = '';
  let run = '';
  const flush = () => {
    if (run) out += `{\\fn${EMOJI_FONT_FAMILY}}${run}{\\fn}`;
    run = '';
  };
  for (const { segment } of segmenter.segment(word)) {
    // Escaped in the emoji run too: `{` followed by U+FE0F is one grapheme that matches EMOJI.
    if (EMOJI.test(segment)) run += escapeAssText(segment);
    else {
      flush();
      out += escapeAssText(segment);
    }
  }
  flush();
  return out;
}

/** A BMP character of each bidi class that characters outside the BMP can have. */
const STAND_IN: Record<string, string> = { L: 'a', R: '\u05D0', AL: '\u0627', EN: '0', AN: '\u0660', NSM: '\u0300', BN: '\u200B' };

/**
 * bidi-js reads a string by UTF-16 code units and takes each half of a surrogate pair for a strong
 * left-to-right letter, so an emoji would turn an Arabic line left to right. Each character outside
 * the BMP becomes two BMP characters of its own bidi class: same length, same levels.
 */
function bmpStandIns(text: string): string {
  return text.replace(/[\u{10000}-\u{10FFFF}]/gu, (ch) => (STAND_IN[bidi.getBidiCharTypeName(ch)] ?? '!').repeat(2));
}

/**
 * For each word of a line (as it is shown, words joined by single spaces), whether it reads right to
 * left there (any of its characters resolves to an odd embedding level under the Unicode bidi
 * algorithm, the line's direction taken from its first strong character, as libass takes it).
 */
export function rightToLeftWords(words: readonly string[]): boolean[] {
  const line = words.join(' ');
  const { levels } = bidi.getEmbeddingLevels(bmpStandIns(line), 'auto');
  const out: boolean[] = [];
  let at = 0;
  for (const w of words) {
    let rtl = false;
    for (let i = at; i < at + w.length; i++) if (levels[i]! % 2 === 1) rtl = true;
    out.push(rtl);
    at += w.length + 1;
  }
  return out;
}
