// Magic numbers: what the first bytes of a file say it is.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeOther, mediaKind, sniffMime } from '../../src/render/net/sniff.js';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const ftyp = (major: string, ...compatible: string[]) => bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], compatible.join(''));

describe('sniffMime', () => {
  it('recognises images encoded by sharp', async () => {
    const raw = { create: { width: 16, height: 16, channels: 3, background: '#ff0000' } } as const;
    expect(sniffMime(await sharp(raw).png().toBuffer())).toBe('image/png');
    expect(sniffMime(await sharp(raw).jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffMime(await sharp(raw).webp().toBuffer())).toBe('image/webp');
    expect(sniffMime(await sharp(raw).gif().toBuffer())).toBe('image/gif');
  });

  it('recognises every supported signature', () => {
    const cases: Array<[Buffer, string]> = [
      [bytes('GIF87a', [1, 0]), 'image/gif'],
      [bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
      [bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
      [ftyp('avif', 'mif1', 'miaf'), 'image/avif'],
      [ftyp('mif1', 'avif'), 'image/avif'],
      [ftyp('heic', 'mif1'), 'image/heic'],
      [ftyp('mif1', 'heic'), 'image/heif'],
      [ftyp('isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
      [ftyp('mp42'), 'video/mp4'],
      [ftyp('qt  '), 'video/quicktime'],
      [ftyp('M4A ', 'isom'), 'audio/mp4'],
      [bytes(u32(8), 'moov'), 'video/quicktime'],
      [bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'video/webm'],
      [bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'), 'video/x-matroska'],
      [bytes('ID3', [4, 0, 0]), 'audio/mpeg'],
      [bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'], // MPEG-1 layer III frame
    ];
    for (const [head, mime] of cases) expect(sniffMime(head), mime).toBe(mime);
  });

  it('recognises nothing else', () => {
    const cases: Buffer[] = [
      Buffer.alloc(0),
      bytes('<!doctype html><html>'),
      bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytes('{"error":"nope"}'),
      bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'),
      ftyp('crx '), // Canon raw, not a video
      bytes([0xff, 0xf1, 0x50, 0x80]), // AAC ADTS: layer bits 00
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x80]), // EBML without a known DocType
      bytes('%PDF-1.7'),
      bytes([0x50, 0x4b, 0x03, 0x04]), // zip
    ];
    for (const head of cases) expect(sniffMime(head), head.toString('latin1')).toBeNull();
  });
});

describe('describeOther', () => {
  it('names common non-media bodies for refusal messages', () => {
    expect(describeOther(Buffer.from('\uFEFF  <!DOCTYPE html>', 'utf8'))).toBe('text/html');
    expect(describeOther(bytes('<?xml version="1.0"?><svg>'))).toBe('image/svg+xml');
    expect(describeOther(bytes('<?xml version="1.0"?><rss>'))).toBe('application/xml');
    expect(describeOther(bytes('[1,2]'))).toBe('application/json');
    expect(describeOther(bytes('Access denied\n'))).toBe('text/plain');
    expect(describeOther(bytes([0, 1, 2, 3]))).toBe('unrecognised data');
  });
});

describe('mediaKind', () => {
  it('is the top-level type for media and null otherwise', () => {
    expect(mediaKind('image/avif')).toBe('image');
    expect(mediaKind('audio/wav')).toBe('audio');
    expect(mediaKind('video/webm')).toBe('video');
    expect(mediaKind('text/html')).toBeNull();
  });
});
