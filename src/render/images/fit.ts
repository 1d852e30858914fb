// Brings any picture to the frame: cover-crop around what draws the eye, no metadata, JPEG.
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { PermanentMediaError, type ImageFile, type Size } from '../types.js';

export const FIT_JPEG_QUALITY = 85;

export async function fitImage(inputPath: string, size: Size, outPath: string): Promise<ImageFile> {
  let data: Buffer;
  try {
    // Encode into memory first: every failure up to here is about the input (missing, not an
    // image, truncated, too many pixels) and will fail again on retry. failOn 'warning' makes
    // libvips refuse truncated files instead of padding them with grey. Loading from a buffer, not
    // the path, because libvips caches loads by file name and a rewritten path could come back stale.
    data = await sharp(await readFile(inputPath), { failOn: 'warning' })
      .autoOrient() // apply EXIF rotation before the metadata that carries it is dropped
      .resize(size.width, size.height, { fit: 'cover', position: sharp.strategy.attention })
      .flatten({ background: '#000000' }) // transparent areas: black, like the video around them
      // Plain libjpeg: these are intermediates x264 re-encodes; mozjpeg made each fit ~2× slower.
      .jpeg({ quality: FIT_JPEG_QUALITY })
      .toBuffer();
  } catch (e) {
    throw new PermanentMediaError(`Unreadable image ${inputPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Write errors (disk full, missing directory) are the machine's, not the image's: not permanent.
  await writeFile(outPath, data);
  return { path: outPath, mime: 'image/jpeg', width: size.width, height: size.height, bytes: data.length };
}
