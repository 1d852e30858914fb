// Cuts a byte window out of a stream, for servers that answer a Range request with more than asked.
import { Readable } from 'node:stream';

/** Skips `skip` bytes, then passes on at most `take` (Infinity: the rest); stops reading the source after. */
export function byteSlice(source: NodeJS.ReadableStream, skip: number, take: number): Readable {
  async function* window(): AsyncGenerator<Buffer> {
    let toSkip = skip;
    let left = take;
    // Leaving the loop early calls return() on the source iterator, which destroys the source stream.
    for await (const raw of source as AsyncIterable<Buffer | string>) {
      let chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      if (toSkip > 0) {
        const dropped = Math.min(toSkip, chunk.length);
        chunk = chunk.subarray(dropped);
        toSkip -= dropped;
      }
      if (chunk.length === 0) continue;
      if (chunk.length >= left) {
        yield chunk.subarray(0, left);
        return;
      }
      left -= chunk.length;
      yield chunk;
    }
  }
  return Readable.from(window(), { objectMode: false });
}
