// Offline image provider: a calm gradient card with the scene's key words. The background is SVG
// (librsvg); the words are laid out by Pango inside the part of the frame every Ken Burns motion keeps
// in view, with a margin, shrunk until they fit.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { ImageFile, Size } from '../types.js';
import { alwaysVisibleBox } from '../compose/kenBurns.js';
import { fitText, type TextLayer } from './cardText.js';
import { keyWords, UNSPACED } from './keyWords.js';

export interface CardOptions {
  text: string;
  size: Size;
  /** Same seed, same colours: a project's cards can share a palette by sharing a seed. */
  seed: string;
  /** BCP 47 tag of the text: upper-casing, font choice and shaping follow it. */
  language?: string;
  /** .jpg/.jpeg writes JPEG; anything else PNG. */
  outPath: string;
}

function hslHex(h: number, s: number, l: number): string {
  // Standard HSL → RGB, done here so the SVG text (and so the output bytes) depends only on the seed.
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

export interface Palette {
  top: string;
  bottom: string;
  glow: { cx: number; cy: number };
}

/** Two neighbouring, muted, dark hues from the seed: white text stays readable on both. */
export function paletteFor(seed: string): Palette {
  const h = createHash('sha256').update(seed).digest();
  const hue = h.readUInt16BE(0) % 360;
  const shift = 25 + (h[2]! % 40);
  const sat = 0.35 + (h[3]! % 20) / 100;
  return {
    top: hslHex(hue, sat, 0.36),
    bottom: hslHex((hue + shift) % 360, sat, 0.16),
    glow: { cx: 0.2 + (h[4]! % 60) / 100, cy: 0.15 + (h[5]! % 25) / 100 },
  };
}

/** The card's geometry for a frame size, all in pixels. */
export interface CardLayout {
  /** Where text may be drawn: the always-visible box less SAFE_MARGIN, above the captions. */
  text: { left: number; top: number; right: number; bottom: number };
  largest: number;
  smallest: number;
}

/** Clear space kept between the text and the always-visible edge, as a share of the frame width. */
export const SAFE_MARGIN = 0.04;
/**
 * Text stays above this share of the height: burned-in subtitles sit from 26 % above the bottom
 * upwards in the output frame, and the zoom moves picture content down by up to a fifth.
 */
const CAPTIONS_FROM = 0.58;
/** Longest word drawn whole, in graphemes; a longer one is cut with an ellipsis (it is a title, not the text). */
const MAX_WORD_GRAPHEMES = 48;

export function cardLayout(size: Size): CardLayout {
  const { width: w, height: h } = size;
  const visible = alwaysVisibleBox();
  const margin = Math.ceil(w * SAFE_MARGIN);
  const text = {
    left: Math.ceil(visible.left * w) + margin,
    right: Math.floor(visible.right * w) - margin,
    top: Math.ceil(visible.top * h) + margin,
    bottom: Math.min(Math.floor(visible.bottom * h) - margin, Math.floor(h * CAPTIONS_FROM)),
  };
  // As large as 14 % of the width, so a few short words do not turn into a poster; word wrapping
  // down to 6 % before long words are broken.
  return { text, largest: Math.round(w * 0.14), smallest: Math.round(w * 0.06) };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A long word cut with an ellipsis; the graphemes of a Chinese, Japanese or Thai word held together by
 * WORD JOINERs (invisible), since those scripts may otherwise break a line between any two characters.
 */
function drawnWord(word: string): string {
  let parts = [...graphemes.segment(word)].map((p) => p.segment);
  if (parts.length > MAX_WORD_GRAPHEMES) parts = [...parts.slice(0, MAX_WORD_GRAPHEMES - 1), '…'];
  return parts.join(UNSPACED.test(word) ? '\u2060' : '');
}

/** Key words as one line of text for Pango: upper-cased in the card's language, nothing markup can misread. */
export function cardText(text: string, language?: string): string {
  let locale: string | undefined;
  try {
    locale = language ? new Intl.Locale(language).toString() : undefined;
  } catch {
    locale = undefined;
  }
  return (
    keyWords(text, { language })
      .map((word) => drawnWord(word.toLocaleUpperCase(locale)))
      .join(' ')
      // Controls, lone surrogates (not UTF-8) and noncharacters are not allowed in Pango's markup.
      .replace(/[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu, '')
  );
}

/** The background alone: gradient and glow. Text is drawn by Pango over it (see cardText.ts). */
export function backgroundSvg(size: Size, seed: string): string {
  const { width: w, height: h } = size;
  const p = paletteFor(seed);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.top}"/><stop offset="1" stop-color="${p.bottom}"/></linearGradient>
<radialGradient id="glow" cx="${p.glow.cx}" cy="${p.glow.cy}" r="0.6"><stop offset="0" stop-color="#ffffff" stop-opacity="0.16"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>
</defs>
<rect width="${w}" height="${h}" fill="url(#bg)"/>
<rect width="${w}" height="${h}" fill="url(#glow)"/>
</svg>`;
}

/** The same coverage in black at a third of its opacity: the text's drop shadow. */
function shadowOf(layer: TextLayer): Buffer {
  const out = Buffer.alloc(layer.data.length);
  for (let i = 3; i < out.length; i += 4) out[i] = Math.round(layer.data[i]! * 0.35);
  return out;
}

export interface DrawnCard extends ImageFile {
  /** Where the text, its shadow and the rule under it were drawn, in pixels (right/bottom exclusive). */
  textBox: { left: number; top: number; right: number; bottom: number } | null;
  fontSize: number | null;
}

export async function drawCard(options: CardOptions): Promise<DrawnCard> {
  const { size, outPath } = options;
  const { width: w, height: h } = size;
  const jpeg = /^\.jpe?g$/i.test(extname(outPath));
  const layout = cardLayout(size);
  const area = layout.text;
  const line = cardText(options.text, options.language);
  const overlays: OverlayOptions[] = [];
  let textBox: DrawnCard['textBox'] = null;
  let fontSize: number | null = null;
  if (line) {
    // Room below the text for its shadow and the short rule that underlines the block.
    const probe = Math.round(layout.largest);
    const below = (px: number) => Math.max(2, Math.round(px * 0.05)) + Math.round(px * 0.3) + Math.max(2, Math.round(px * 0.08));
    const layer = await fitText(line, {
      maxWidth: area.right - area.left - Math.max(2, Math.round(probe * 0.05)),
      maxHeight: area.bottom - area.top - below(probe),
      largest: layout.largest,
      smallest: layout.smallest,
      language: options.language,
    });
    fontSize = layer.fontSize;
    const shadow = Math.max(2, Math.round(layer.fontSize * 0.05));
    const gap = Math.round(layer.fontSize * 0.3);
    const ruleHeight = Math.max(2, Math.round(layer.fontSize * 0.08));
    const ruleWidth = Math.min(Math.round(w * 0.12), layer.width);
    const blockWidth = layer.width + shadow;
    const blockHeight = layer.height + shadow + gap + ruleHeight;
    // Centred across, and at 40 % of the height where it fits (the lower third belongs to subtitles).
    const left = Math.round(Math.min(Math.max(area.left, (w - blockWidth) / 2), area.right - blockWidth));
    const top = Math.round(Math.min(Math.max(area.top, h * 0.4 - blockHeight / 2), area.bottom - blockHeight));
    const raw = { width: layer.width, height: layer.height, channels: 4 as const };
    const ruleTop = top + layer.height + shadow + gap;
    overlays.push(
      { input: shadowOf(layer), raw, left: left + shadow, top: top + shadow },
      { input: layer.data, raw, left, top },
      {
        input: { create: { width: ruleWidth, height: ruleHeight, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0.6 } } },
        left: Math.round(left + (layer.width - ruleWidth) / 2),
        top: ruleTop,
      },
    );
    textBox = { left, top, right: left + blockWidth, bottom: ruleTop + ruleHeight };
  }
  const image = sharp(Buffer.from(backgroundSvg(size, options.seed)), { density: 72 })
    // librsvg sizes from the SVG's width/height; resize only guards against rounding surprises.
    .resize(w, h, { fit: 'fill' })
    .composite(overlays)
    .removeAlpha(); // the card is opaque; RGB keeps files smaller and the video path simpler
  const info = await (jpeg ? image.jpeg({ quality: 90 }) : image.png({ compressionLevel: 9 })).toFile(outPath);
  return { path: outPath, mime: jpeg ? 'image/jpeg' : 'image/png', width: info.width, height: info.height, bytes: info.size, textBox, fontSize };
}
