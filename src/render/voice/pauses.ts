// Pause marks in narration: `[pause 0.5s]` or `[pause 500ms]` is silence of that length for every
// voice, and is never shown or spoken as text. The one parser: voices, validation and captions use it.

export const MIN_PAUSE_MS = 100;
export const MAX_PAUSE_MS = 5_000;

export type NarrationPart = { kind: 'speech'; text: string } | { kind: 'pause'; ms: number };

export interface PauseMark {
  /** Code-unit offset of the `[` in the text. */
  index: number;
  /** The mark as written. */
  mark: string;
  /** Its length as written (before clamping), or null when no duration could be read. */
  ms: number | null;
}

/**
 * Anything in brackets that starts with the word "pause" is meant as a mark; other brackets are text.
 * Bounded (40 characters after the word) so text full of unclosed "[pause" scans in linear time
 * (20,000 characters of them: 39 ms unbounded, 1 ms bounded).
 */
const MARK = /\[\s*pause\b[^\]]{0,40}\]/giu;
const DURATION = /^\[\s*pause\s+(\d+(?:[.,]\d+)?)\s*(ms|s)\s*\]$/iu;

/** Every pause mark of `text`, in order, with the duration it asks for (null: unreadable). */
export function pauseMarks(text: string): PauseMark[] {
  return [...text.matchAll(MARK)].map((m) => {
    const d = DURATION.exec(m[0]);
    const value = d ? Number(d[1]!.replace(',', '.')) : Number.NaN;
    const ms = Number.isFinite(value) ? Math.round(d![2]!.toLowerCase() === 'ms' ? value : value * 1000) : null;
    return { index: m.index, mark: m[0], ms };
  });
}

const seconds = (ms: number) => `${Math.round(ms) / 1000} s`;

/**
 * What is wrong with the pause marks of `text`, one message per bad mark (empty when all are good):
 * e.g. "pause of 10 s at character 12: pauses are 0.1–5 s".
 */
export function pauseProblems(text: string): string[] {
  const range = `pauses are ${MIN_PAUSE_MS / 1000}–${MAX_PAUSE_MS / 1000} s`;
  return pauseMarks(text).flatMap(({ index, mark, ms }) => {
    const at = `at character ${index + 1}`;
    if (ms === null) return [`${JSON.stringify(mark)} ${at} is not a pause mark: write it as [pause 0.5s] or [pause 500ms]`];
    if (ms < MIN_PAUSE_MS || ms > MAX_PAUSE_MS) return [`pause of ${seconds(ms)} ${at}: ${range}`];
    return [];
  });
}

/**
 * The narration as spoken: runs of text (whitespace collapsed, never blank) and pauses (adjacent
 * marks added up). A mark out of range is clamped, one with no readable duration is dropped: the API
 * refuses both, so they only reach here from older data.
 */
export function narrationParts(text: string): NarrationPart[] {
  const parts: NarrationPart[] = [];
  const speak = (s: string) => {
    let t = s.replace(/\s+/gu, ' ').trim();
    // Punctuation right after a mark ("Wait [pause 1s], then") belongs to the words before it, as
    // it is shown: the voice's words then match the caption's.
    const lead = /^[,.;:!?…]+/u.exec(t)?.[0];
    // Pauses merge, so the parts alternate: the last speech is one of the last two.
    const before = [parts.at(-1), parts.at(-2)].find((p) => p?.kind === 'speech');
    if (lead && before?.kind === 'speech') {
      before.text += lead;
      t = t.slice(lead.length).trim();
    }
    if (t) parts.push({ kind: 'speech', text: t });
  };
  let from = 0;
  let pending = ''; // text before dropped marks, spoken with what follows them
  for (const { index, mark, ms } of pauseMarks(text)) {
    pending += `${text.slice(from, index)} `;
    from = index + mark.length;
    if (ms === null) continue;
    speak(pending);
    pending = '';
    const clamped = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, ms));
    const last = parts.at(-1);
    if (last?.kind === 'pause') last.ms += clamped;
    else parts.push({ kind: 'pause', ms: clamped });
  }
  speak(pending + text.slice(from));
  return parts;
}

/**
 * The narration as shown (subtitles, title cards): marks removed, with the space around each one
 * closed up to one. Text without marks comes back unchanged.
 */
export function shownNarration(text: string): string {
  if (pauseMarks(text).length === 0) return text;
  return text
    .replace(/(?:[^\S\n]*\[\s*pause\b[^\]]{0,40}\])+[^\S\n]*/giu, (m: string, at: number, whole: string) => {
      const next = whole[at + m.length];
      // Nothing in between at either end, and no space before punctuation ("Wait [pause 1s], then").
      return at === 0 || next === undefined || /[\s,.;:!?…]/u.test(next) ? '' : ' ';
    })
    .trim();
}
