// Builds the ASS subtitle file burned into a scene: short lines in the lower-middle of a vertical
// frame, with karaoke highlighting, one word at a time, or plain.
import { assWordText, rightToLeftWords } from './assText.js';
import type { Size, SubtitleStyleName, WordTiming } from './types.js';

export interface AssOptions {
  style: SubtitleStyleName;
  size: Size;
  /** Must be installed for libass (fontconfig); DejaVu Sans ships with Debian's ffmpeg deps. */
  fontName?: string;
}

export const DEFAULT_SUBTITLE_FONT = 'DejaVu Sans';
/** Phone-readable lines: at most this many words / characters each. */
export const MAX_LINE_WORDS = 4;
export const MAX_LINE_CHARS = 18;
/** A silence this long between words starts a new line even when the line has room. */
const LINE_BREAK_GAP_MS = 700;
/** Shorter gaps than this keep the previous text on screen, so captions do not flicker. */
const HOLD_GAP_MS = 600;
/** Average advance of a bold DejaVu Sans glyph, in em: used to shrink lines that would not fit. */
const GLYPH_EM = 0.55;

// ASS colours are &HAABBGGRR (alpha 00 = opaque).
const WHITE = '&H00FFFFFF';
const GOLD = '&H0000D7FF';
const BLACK = '&H00000000';
const SHADOW = '&H80000000';

const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*$/u;

/** Centiseconds → H:MM:SS.cc */
export function assTime(cs: number): string {
  const c = Math.max(0, Math.round(cs));
  const h = Math.floor(c / 360_000);
  const m = Math.floor((c % 360_000) / 6000);
  const s = Math.floor((c % 6000) / 100);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}.${pad(c % 100)}`;
}

/** Groups words into display lines: few words, few characters, never across a sentence or pause. */
export function groupLines(words: readonly WordTiming[]): WordTiming[][] {
  const lines: WordTiming[][] = [];
  let line: WordTiming[] = [];
  let chars = 0;
  for (const w of words) {
    const prev = line[line.length - 1];
    const len = [...w.word].length;
    const full =
      line.length >= MAX_LINE_WORDS ||
      chars + 1 + len > MAX_LINE_CHARS ||
      (prev !== undefined && (SENTENCE_END.test(prev.word) || w.startMs - prev.endMs >= LINE_BREAK_GAP_MS));
    if (line.length > 0 && full) {
      lines.push(line);
      line = [];
      chars = 0;
    }
    chars += (line.length > 0 ? 1 : 0) + len;
    line.push(w);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

interface Cue {
  startCs: number;
  endCs: number;
  words: WordTiming[];
}

/** Rounds to centiseconds; each cue lasts at least 1 cs and stays up through short gaps. */
function cues(groups: WordTiming[][]): Cue[] {
  const out = groups.map((g) => {
    const startCs = Math.round(g[0]!.startMs / 10);
    return { startCs, endCs: Math.max(startCs + 1, Math.round(g[g.length - 1]!.endMs / 10)), words: g };
  });
  for (let i = 0; i + 1 < out.length; i++) {
    const cur = out[i]!;
    const next = out[i + 1]!;
    if (next.startCs > cur.endCs && (next.startCs - cur.endCs) * 10 < HOLD_GAP_MS) cur.endCs = next.startCs;
  }
  return out;
}

/** Shrinks a line (its text as shown) that would overflow the frame (a very long word); empty when it fits. */
function fitTag(text: string, fontSize: number, size: Size, margin: number): string {
  const estimated = [...text].length * fontSize * GLYPH_EM;
  const room = size.width - 2 * margin;
  if (estimated <= room) return '';
  const pct = Math.max(30, Math.floor((room / estimated) * 100));
  return `\\fscx${pct}\\fscy${pct}`;
}

/**
 * Karaoke text: one highlight per word and a `\k` for the silence after it, so the tags add up
 * exactly to the cue's span (times are rounded as absolute positions, never as durations). Words are
 * written in spoken order; libass lays the line out by the Unicode bidi algorithm (Encoding -1), so
 * an Arabic or Hebrew line reads, and lights up, right to left. A left-to-right word sweeps (`\kf`);
 * a right-to-left one lights up at once (`\k`), as a sweep would run against the reading direction.
 */
function karaokeText(cue: Cue, prefix: string): string {
  const parts: string[] = [];
  const ws = cue.words;
  const rtl = rightToLeftWords(ws.map((w) => w.word));
  const clamp = (ms: number, lo: number) => Math.min(cue.endCs, Math.max(lo, Math.round(ms / 10)));
  let cursor = cue.startCs;
  for (let i = 0; i < ws.length; i++) {
    const wordEnd = clamp(ws[i]!.endMs, cursor);
    const next = ws[i + 1];
    const nextStart = next ? clamp(next.startMs, wordEnd) : cue.endCs;
    parts.push(`{${i === 0 ? prefix : ''}\\${rtl[i] ? 'k' : 'kf'}${wordEnd - cursor}}${assWordText(ws[i]!.word)}`);
    const space = next ? ' ' : '';
    parts.push(nextStart > wordEnd ? `{\\k${nextStart - wordEnd}}${space}` : space);
    cursor = nextStart;
  }
  return parts.join('');
}

/**
 * libass gives each character of a line the script of the letters around it, and starts a new shaping
 * run where the script changes. On a line of emoji alone there are no letters, so a zero-width joiner
 * keeps its own script and 🧑‍🚀 is shaped as 🧑 and 🚀. An invisible, zero-width Latin letter in
 * front gives the whole line one script, so ZWJ sequences join; `\r` then restores the style.
 */
function scriptAnchor(cue: Cue): string {
  const text = cue.words.map((w) => w.word).join(' ');
  return text.includes('\u200D') && !/\p{L}/u.test(text) ? '{\\alpha&HFF&\\fscx0}a{\\r}' : '';
}

function styleLine(name: string, fontName: string, fontSize: number, primary: string, secondary: string, marginH: number, marginV: number): string {
  const outline = Math.max(2, Math.round(fontSize * 0.08));
  const shadow = Math.max(1, Math.round(fontSize * 0.03));
  // Bold -1 = on; BorderStyle 1 = outline + drop shadow; Alignment 2 = bottom centre. Encoding -1
  // (a libass extension) lays each line out by the Unicode bidi algorithm, its direction taken from
  // its first strong character; with any other value libass, like VSFilter, orders the runs between
  // override tags left to right, so a karaoke line of Arabic words would read backwards.
  return `Style: ${name},${fontName},${fontSize},${primary},${secondary},${BLACK},${SHADOW},-1,0,0,0,100,100,0,0,1,${outline},${shadow},2,${marginH},${marginH},${marginV},-1`;
}

export function buildAss(words: WordTiming[], options: AssOptions): string {
  const { size, style } = options;
  const fontName = (options.fontName ?? DEFAULT_SUBTITLE_FONT).replace(/[,\r\n]/g, ' ');
  // Bottom of the text sits 26 % above the frame's bottom edge: clear of the app overlays at the
  // bottom of a reel, but still in the lower-middle where eyes expect captions.
  const marginV = Math.round(size.height * 0.26);
  const marginH = Math.round(size.width * 0.05);
  const lineFont = Math.round(size.width * 0.08);
  const wordFont = Math.round(size.width * 0.12);

  const header = [
    '[Script Info]',
    '; Generated by reelforge',
    'ScriptType: v4.00+',
    `PlayResX: ${size.width}`,
    `PlayResY: ${size.height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: TV.709',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    // Karaoke: words not yet spoken are white (secondary), spoken ones turn gold (primary).
    styleLine('Karaoke', fontName, lineFont, GOLD, WHITE, marginH, marginV),
    styleLine('Line', fontName, lineFont, WHITE, WHITE, marginH, marginV),
    styleLine('Word', fontName, wordFont, WHITE, WHITE, marginH, marginV),
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ];

  const spoken = words.filter((w) => w.word.trim().length > 0);
  const events: string[] = [];
  const dialogue = (cue: Cue, styleName: string, text: string) =>
    `Dialogue: 0,${assTime(cue.startCs)},${assTime(cue.endCs)},${styleName},,0,0,0,,${scriptAnchor(cue)}${text}`;

  if (style === 'WORD') {
    for (const cue of cues(spoken.map((w) => [w]))) {
      const text = assWordText(cue.words[0]!.word);
      const fit = fitTag(cue.words[0]!.word, wordFont, size, marginH);
      events.push(dialogue(cue, 'Word', fit ? `{${fit}}${text}` : text));
    }
  } else {
    for (const cue of cues(groupLines(spoken))) {
      const plain = cue.words.map((w) => assWordText(w.word)).join(' ');
      const fit = fitTag(cue.words.map((w) => w.word).join(' '), lineFont, size, marginH);
      if (style === 'KARAOKE') events.push(dialogue(cue, 'Karaoke', karaokeText(cue, fit)));
      else events.push(dialogue(cue, 'Line', fit ? `{${fit}}${plain}` : plain));
    }
  }
  return [...header, ...events, ''].join('\n');
}
