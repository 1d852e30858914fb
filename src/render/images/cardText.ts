// The title card's words as a picture that fits a box: laid out by Pango (sharp's text input), so
// every script is shaped (Arabic joined, Devanagari conjuncts), bidi-ordered (RTL reads right to
// left) and wrapped where its own line-breaking rules allow (between CJK characters, which have no
// spaces), then shrunk until its drawn extent fits.
import sharp from 'sharp';

export interface TextLayer {
  /** White text, anti-aliased in the alpha channel: raw RGBA, exactly `width` × `height` (its ink). */
  data: Buffer;
  width: number;
  height: number;
  fontSize: number;
  /** How lines were broken: at word boundaries only, or also between characters (a word too long). */
  wrap: 'word' | 'word-char';
}

export interface FitOptions {
  /** The box in pixels the text must fit into. */
  maxWidth: number;
  maxHeight: number;
  /** Largest and smallest font sizes (px) tried with word wrapping; below the smallest, words break. */
  largest: number;
  smallest: number;
  /** BCP 47 tag: Pango chooses fonts (Chinese vs Japanese forms) and shaping by it. */
  language?: string;
}

// Bold sans for Latin, Greek and Cyrillic; fontconfig falls back to the Noto family of any other script.
const FONT_FAMILY = 'DejaVu Sans, Noto Sans, sans-serif';
/** Below this, broken words are still unreadable on a phone: the layer is scaled down instead. */
const FLOOR_PX = 10;

function escapeMarkup(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Tag Pango's markup accepts in `lang` (a well-formed BCP 47 tag), or none. */
function pangoLanguage(language: string | undefined): string | null {
  if (!language) return null;
  try {
    return new Intl.Locale(language).toString();
  } catch {
    return null;
  }
}

async function render(text: string, fontSize: number, width: number, wrap: TextLayer['wrap'], language: string | null): Promise<TextLayer> {
  const lang = language ? ` lang="${escapeMarkup(language)}"` : '';
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="#ffffff"${lang}>${escapeMarkup(text)}</span>`,
      font: `${FONT_FAMILY} Bold ${fontSize}px`,
      width: Math.max(1, Math.floor(width)),
      align: 'centre',
      wrap,
      rgba: true,
      // Lines a little apart: stacked diacritics (Devanagari, Arabic) otherwise touch the line above.
      spacing: Math.round(fontSize * 0.15),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // libvips crops the text image to Pango's ink rectangle: its size is the drawn extent.
  return { data, width: info.width, height: info.height, fontSize, wrap };
}

/** The largest size in [lo, hi] whose layout fits, by bisection (fit shrinks with size), or null. */
async function largestFitting(text: string, lo: number, hi: number, o: FitOptions, wrap: TextLayer['wrap'], lang: string | null): Promise<TextLayer | null> {
  const fits = (l: TextLayer) => l.width <= o.maxWidth && l.height <= o.maxHeight;
  const high = Math.floor(hi);
  const top = await render(text, high, o.maxWidth, wrap, lang);
  if (fits(top)) return top;
  // Invariant: `above` does not fit; `best` is the largest size seen that does.
  let best: TextLayer | null = null;
  let low = Math.ceil(lo);
  let above = high;
  while (low < above) {
    const mid = Math.floor((low + above) / 2);
    const layer = await render(text, mid, o.maxWidth, wrap, lang);
    if (fits(layer)) {
      best = layer;
      low = mid + 1;
    } else {
      above = mid;
    }
  }
  return best;
}

/**
 * `text` laid out as large as fits `maxWidth` × `maxHeight`, at most `largest` px: word wrapping down to
 * `smallest` px, then breaking words between graphemes (Pango never splits one) down to a floor, and
 * past that the picture itself scaled down, so the result always fits.
 */
export async function fitText(text: string, o: FitOptions): Promise<TextLayer> {
  const lang = pangoLanguage(o.language);
  const largest = Math.max(FLOOR_PX, o.largest);
  const smallest = Math.min(largest, Math.max(FLOOR_PX, o.smallest));
  const worded = await largestFitting(text, smallest, largest, o, 'word', lang);
  if (worded) return worded;
  const broken = await largestFitting(text, FLOOR_PX, smallest, o, 'word-char', lang);
  if (broken) return broken;
  const layer = await render(text, FLOOR_PX, o.maxWidth, 'word-char', lang);
  const scale = Math.min(o.maxWidth / layer.width, o.maxHeight / layer.height);
  const width = Math.max(1, Math.floor(layer.width * scale));
  const height = Math.max(1, Math.floor(layer.height * scale));
  const data = await sharp(layer.data, { raw: { width: layer.width, height: layer.height, channels: 4 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height, fontSize: Math.floor(FLOOR_PX * scale), wrap: 'word-char' };
}
