// Poster image for a reel: the scene still, cover-cropped to the output size.
import sharp from 'sharp';
import { PermanentMediaError, type Size } from '../types.js';
import { FFMPEG, runTool } from './run.js';

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

/** One frame of a video as a JPEG (the poster of a reel that opens on a clip). */
export async function frameAt(videoPath: string, seconds: number, outPath: string, signal?: AbortSignal): Promise<void> {
  await runTool(FFMPEG, ['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', videoPath, '-frames:v', '1', '-q:v', '3', outPath], signal);
}
