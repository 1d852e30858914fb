// Write-then-rename, so a file at its final path is always complete.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Has `write` fill a temp file next to `path` (same directory, so rename() is atomic), then renames it
 * into place: readers see the old file or the whole new one, never half, and concurrent writers each
 * rename a complete file (last wins). The temp name is dot-prefixed and unique per call.
 */
export async function writeAtomically(path: string, write: (tempPath: string) => Promise<unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.part`);
  try {
    await write(temp);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}
