import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Hash of a JSON-able description: names content by everything that shapes it. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
