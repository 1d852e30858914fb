// What a file is, from its first bytes (magic numbers). Downloads trust this, never Content-Type:
// a server can say image/png and send HTML, and only the bytes reach sharp or ffmpeg.

export type MediaKind = 'image' | 'audio' | 'video';

/** Enough leading bytes for every signature below (the ftyp box brands, the WebM DocType). */
export const SNIFF_BYTES = 128;

const ascii = (head: Uint8Array, start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
// ISO base media brands that are plain MP4 video (iso2…iso9, mp41, mp42, 3gp4, …).
const MP4_BRAND_PREFIXES = ['iso', 'mp4', 'mp7', 'avc1', '3gp', '3g2', 'M4V', 'dash', 'f4v', 'mmp4', 'MSNV', 'NDAS', 'XAVC'];

/** The mime of an ISO base media file (MP4, MOV, M4A, AVIF, HEIF) from its ftyp box. */
function ftypMime(head: Uint8Array): string | null {
  const major = ascii(head, 8, 12);
  const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  const brands = new Set([major]);
  for (let i = 16; i + 4 <= Math.min(boxSize, head.length); i += 4) brands.add(ascii(head, i, i + 4));
  if (brands.has('avif') || brands.has('avis')) return 'image/avif';
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (major === 'mif1' || major === 'msf1') return 'image/heif';
  if (major === 'M4A ' || major === 'M4B ') return 'audio/mp4';
  if (major === 'qt  ') return 'video/quicktime';
  if (MP4_BRAND_PREFIXES.some((p) => major.startsWith(p))) return 'video/mp4';
  return null;
}

/** An MPEG audio frame header: 11 sync bits, a valid version and layer, a usable bitrate. */
function isMpegAudioFrame(head: Uint8Array): boolean {
  const [b0, b1 = 0, b2 = 0] = head;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 3; // 1 is reserved
  const layer = (b1 >> 1) & 3; // 0 is reserved (and is how AAC ADTS headers look)
  const bitrate = b2 >> 4; // 15 is invalid
  return version !== 1 && layer !== 0 && bitrate !== 15;
}

/** The media mime of these leading bytes, or null when they are none of the supported formats. */
export function sniffMime(head: Uint8Array): string | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  const first6 = ascii(head, 0, 6);
  if (first6 === 'GIF87a' || first6 === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return 'image/webp';
    if (form === 'WAVE') return 'audio/wav';
    return null;
  }
  const box = ascii(head, 4, 8);
  if (box === 'ftyp') return ftypMime(head);
  if (box === 'moov' || box === 'wide' || box === 'mdat') return 'video/quicktime'; // QuickTime without ftyp
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element says which Matroska flavour.
    const header = ascii(head, 4, head.length);
    if (header.includes('webm')) return 'video/webm';
    if (header.includes('matroska')) return 'video/x-matroska';
    return null;
  }
  if (ascii(head, 0, 3) === 'ID3' || isMpegAudioFrame(head)) return 'audio/mpeg';
  return null;
}

export function mediaKind(mime: string): MediaKind | null {
  const top = mime.slice(0, mime.indexOf('/'));
  return top === 'image' || top === 'audio' || top === 'video' ? top : null;
}

/** A name for bytes that are not media, for refusal messages: "text/html", "unrecognised data"… */
export function describeOther(head: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<')) {
    if (text.includes('<svg')) return 'image/svg+xml';
    if (text.startsWith('<?xml')) return 'application/xml';
    return 'text/html';
  }
  if (text.startsWith('{') || text.startsWith('[')) return 'application/json';
  if (head.length > 0 && head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127))) return 'text/plain';
  return 'unrecognised data';
}
