// Ranks image search candidates for a vertical video frame: big enough, the right shape, about the
// query, and not a watermarked stock preview. Pure and deterministic: equal scores keep search order.
import type { Size } from '../../types.js';
import type { ImageCandidate } from './types.js';

export interface ScoredCandidate extends ImageCandidate {
  score: number;
  /** Why: one short line per part of the score, in the order they were added. */
  reasons: string[];
}

/** Hosts of stock agencies (and their CDNs) whose previews carry watermarks. */
const STOCK_HOSTS: ReadonlyArray<[suffix: string, name: string]> = [
  ['shutterstock.com', 'Shutterstock'],
  ['gettyimages.com', 'Getty Images'],
  ['gettyimages.co.uk', 'Getty Images'],
  ['gettyimages.ca', 'Getty Images'],
  ['gettyimages.com.au', 'Getty Images'],
  ['gettyimages.de', 'Getty Images'],
  ['gettyimages.fr', 'Getty Images'],
  ['gettyimages.es', 'Getty Images'],
  ['gettyimages.it', 'Getty Images'],
  ['gettyimages.in', 'Getty Images'],
  ['istockphoto.com', 'iStock'],
  ['alamy.com', 'Alamy'],
  ['alamy.de', 'Alamy'],
  ['alamyimages.fr', 'Alamy'],
  ['dreamstime.com', 'Dreamstime'],
  ['123rf.com', '123RF'],
  ['depositphotos.com', 'Depositphotos'],
  ['stock.adobe.com', 'Adobe Stock'],
  ['adobestock.com', 'Adobe Stock'],
  ['ftcdn.net', 'Adobe Stock'],
  ['bigstockphoto.com', 'Bigstock'],
  ['vectorstock.com', 'VectorStock'],
];

// Words that say nothing about what is in a picture, in the languages scripts are usually written in.
const STOP_WORDS = new Set(
  `a an the and or but of in on at to for from by with without about into over under near as is are was
  were be been this that these those it its his her their our your my vs via
  photo photos image images picture pictures pic pics jpg jpeg png
  o os um uma de do da dos das em no na nos nas por para com sem e ou que
  el la los las un una del al y en con
  le les des du et au aux une sur dans pour avec
  der die das den dem ein eine und im mit von zu für auf`.split(/\s+/),
);

// Weights. Roughly: resolution and relevance up to 30 each, aspect up to 20, rank up to 5.
const COVERS_POINTS = 30;
const UPSCALE_PENALTY_PER_X = 50;
const RESOLUTION_FLOOR = -40;
const ASPECT_POINTS = 40;
const ASPECT_OFFSET = 20;
const PANORAMA_RATIO = 2.5;
const PANORAMA_PENALTY = 40;
const RELEVANCE_POINTS = 30;
const SVG_PENALTY = 40;
const GIF_PENALTY = 15;
const STOCK_PENALTY = 100;
const RANK_POINTS = 5;
const RANK_STEP = 0.5;

const round1 = (n: number) => Math.round(n * 10) / 10;
const signed = (n: number) => (n >= 0 ? `+${round1(n)}` : `${round1(n)}`);

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** 'towers' and 'tower' are the same word here. */
function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The query words that matter: no stop words, no single letters (single digits stay). */
export function queryWords(query: string): string[] {
  const out: string[] = [];
  for (const t of tokens(query)) {
    if (STOP_WORDS.has(t) || (t.length < 2 && !/\p{N}/u.test(t)) || out.includes(t)) continue;
    out.push(t);
  }
  return out;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** The stock agency behind the image or its page, if any. */
export function stockSite(candidate: Pick<ImageCandidate, 'url' | 'sourcePage'>): string | null {
  for (const host of [hostOf(candidate.url), hostOf(candidate.sourcePage)]) {
    if (!host) continue;
    for (const [suffix, name] of STOCK_HOSTS) if (host === suffix || host.endsWith(`.${suffix}`)) return name;
  }
  return null;
}

/** The words of a page URL: host labels and decoded path segments. */
function urlWords(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    let path = u.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep it encoded
    }
    return tokens(`${u.hostname} ${path}`);
  } catch {
    return [];
  }
}

function formatOf(c: ImageCandidate): 'svg' | 'gif' | null {
  const mime = c.mime?.toLowerCase() ?? '';
  let ext = '';
  try {
    ext = /\.([a-z0-9]+)$/i.exec(new URL(c.url).pathname)?.[1]?.toLowerCase() ?? '';
  } catch {
    // no extension
  }
  if (mime.startsWith('image/svg') || ext === 'svg' || ext === 'svgz') return 'svg';
  if (mime === 'image/gif' || ext === 'gif') return 'gif';
  return null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function ratioLabel(size: Size): string {
  const d = gcd(size.width, size.height) || 1;
  return `${size.width / d}:${size.height / d}`;
}

function scoreOne(c: ImageCandidate, index: number, words: string[], target: Size): { score: number; reasons: string[]; stock: boolean } {
  let score = 0;
  const reasons: string[] = [];
  const add = (points: number, why: string) => {
    score += points;
    reasons.push(`${signed(points)} ${why}`);
  };

  // Resolution and shape, when the provider told us the size.
  if (c.width && c.height) {
    const scale = Math.max(target.width / c.width, target.height / c.height);
    if (scale <= 1) add(COVERS_POINTS, `${c.width}×${c.height} covers ${target.width}×${target.height}`);
    else {
      const points = Math.max(RESOLUTION_FLOOR, COVERS_POINTS - UPSCALE_PENALTY_PER_X * (scale - 1));
      add(points, `${c.width}×${c.height} is below ${target.width}×${target.height} (×${scale.toFixed(2)} upscale)`);
    }
    const ratio = c.width / c.height;
    const targetRatio = target.width / target.height;
    const kept = Math.min(ratio, targetRatio) / Math.max(ratio, targetRatio);
    add(ASPECT_POINTS * kept - ASPECT_OFFSET, `aspect ${ratio.toFixed(2)} keeps ${Math.round(kept * 100)}% in ${ratioLabel(target)}`);
    if (ratio >= PANORAMA_RATIO) add(-PANORAMA_PENALTY, 'panorama');
  } else {
    reasons.push('+0 size unknown');
  }

  // Relevance: query words found in the title or the source page's address.
  if (words.length > 0) {
    const found = new Set([...tokens(c.title), ...urlWords(c.sourcePage)].map(stem));
    const matched = words.filter((w) => found.has(stem(w)));
    const why = matched.length
      ? `title/page match ${matched.length}/${words.length} query words (${matched.join(', ')})`
      : `title/page match none of ${words.length} query words`;
    add((RELEVANCE_POINTS * matched.length) / words.length, why);
  }

  const format = formatOf(c);
  if (format === 'svg') add(-SVG_PENALTY, 'SVG (vector; not downloadable as a picture)');
  if (format === 'gif') add(-GIF_PENALTY, 'GIF (often animated or few colours)');

  const stock = stockSite(c);
  if (stock) add(-STOCK_PENALTY, `stock photo site (${stock}): watermarked preview`);

  const rankPoints = Math.max(0, RANK_POINTS - RANK_STEP * index);
  if (rankPoints > 0) add(rankPoints, `search rank ${index + 1}`);

  return { score: round1(score), reasons, stock: stock !== null };
}

/**
 * Scores every candidate for a frame of `target` size and returns them best first. Stock agency
 * images always come last; equal scores keep the search's order.
 */
export function scoreCandidates(query: string, candidates: ImageCandidate[], target: Size): ScoredCandidate[] {
  if (!(target.width > 0 && target.height > 0)) throw new RangeError(`target size must be positive, got ${target.width}×${target.height}`);
  const words = queryWords(query);
  return candidates
    .map((c, index) => ({ c, index, ...scoreOne(c, index, words, target) }))
    .sort((a, b) => Number(a.stock) - Number(b.stock) || b.score - a.score || a.index - b.index)
    .map(({ c, score, reasons }) => ({ ...c, score, reasons }));
}
