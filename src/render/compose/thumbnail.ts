// Poster image for a reel: the scene still, cover-cropped to the output size.
import sharp from 'sharp';
import { PermanentMediaError, type Size } from '../types.js';

export async function makeThumbnail(imagePath: string, size: Size, outPath: string): Promise<void> {
  try {
    await sharp(imagePath)
      .rotate()
      .resize(size.width, size.height, { fit: 'cover' })
      .flatten({ background: '#000000' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toFile(outPath);
  } catch (e) {
    throw new PermanentMediaError(`Unreadable image ${imagePath}: ${(e as Error).message}`);
  }
}
