// Offline image provider: a calm gradient card with the scene's key words, drawn by sharp from SVG.
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import sharp from 'sharp';
import type { ImageFile, Size } from '../types.js';
import { keyWords } from './keyWords.js';

export interface CardOptions {
  text: string;
  size: Size;
  /** Same seed, same colours: a project's cards can share a palette by sharing a seed. */
  seed: string;
  /** .jpg/.jpeg writes JPEG; anything else PNG. */
  outPath: string;
}

const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
/** Average advance of a bold sans glyph in em (upper case runs wider than lower). */
const GLYPH_EM = 0.68;
/** Wrap key words into lines of about this many characters. */
const LINE_CHARS = 12;

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
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

function wrap(words: string[]): string[] {
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && [...last].length + 1 + [...w].length <= LINE_CHARS) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines;
}

export function cardSvg(text: string, size: Size, seed: string): string {
  const { width: w, height: h } = size;
  const p = paletteFor(seed);
  const lines = wrap(keyWords(text).map((word) => word.toLocaleUpperCase()));
  const longest = Math.max(1, ...lines.map((l) => [...l].length));
  // As large as fits 86 % of the width, capped so a few short words do not turn into a poster,
  // and so the block stays within the upper 60 % of the frame (captions live below).
  const fontSize = Math.floor(Math.min(w * 0.14, (w * 0.86) / (longest * GLYPH_EM), (h * 0.5) / (lines.length * 1.2)));
  const lineHeight = Math.round(fontSize * 1.2);
  // Centre the block at 40 % height: the lower third belongs to the burned-in subtitles.
  const firstBaseline = Math.round(h * 0.4 - (lineHeight * lines.length) / 2 + fontSize * 0.85);
  const shadow = Math.max(2, Math.round(fontSize * 0.05));
  const tspans = (dx: number, dy: number) =>
    lines
      .map((l, i) => `<tspan x="${w / 2 + dx}" y="${firstBaseline + i * lineHeight + dy}">${escapeXml(l)}</tspan>`)
      .join('');
  const rule = Math.round(w * 0.12);
  const ruleY = firstBaseline + (lines.length - 1) * lineHeight + Math.round(fontSize * 0.55);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.top}"/><stop offset="1" stop-color="${p.bottom}"/></linearGradient>
<radialGradient id="glow" cx="${p.glow.cx}" cy="${p.glow.cy}" r="0.6"><stop offset="0" stop-color="#ffffff" stop-opacity="0.16"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>
</defs>
<rect width="${w}" height="${h}" fill="url(#bg)"/>
<rect width="${w}" height="${h}" fill="url(#glow)"/>
<g font-family="${FONT_FAMILY}" font-weight="bold" font-size="${fontSize}" text-anchor="middle">
<text fill="#000000" fill-opacity="0.35">${tspans(shadow, shadow)}</text>
<text fill="#ffffff">${tspans(0, 0)}</text>
</g>
${lines.length > 0 ? `<rect x="${(w - rule) / 2}" y="${ruleY}" width="${rule}" height="${Math.max(2, Math.round(fontSize * 0.08))}" fill="#ffffff" fill-opacity="0.6"/>` : ''}
</svg>`;
}

export async function drawCard(options: CardOptions): Promise<ImageFile> {
  const { size, outPath } = options;
  const jpeg = /^\.jpe?g$/i.test(extname(outPath));
  const image = sharp(Buffer.from(cardSvg(options.text, size, options.seed)), { density: 72 })
    // librsvg sizes from the SVG's width/height; resize only guards against rounding surprises.
    .resize(size.width, size.height, { fit: 'fill' })
    .removeAlpha(); // the card is opaque; RGB keeps files smaller and the video path simpler
  const info = await (jpeg ? image.jpeg({ quality: 90 }) : image.png({ compressionLevel: 9 })).toFile(outPath);
  return { path: outPath, mime: jpeg ? 'image/jpeg' : 'image/png', width: info.width, height: info.height, bytes: info.size };
}
