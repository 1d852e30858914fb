// liveStream's own contract, without Redis: the snapshot first, then live events in order, and a
// recheck that ends the stream when its final live event never came.
import { describe, expect, it } from 'vitest';
import { liveStream } from '../src/resolvers/liveStream.js';

/** A live iterator fed by hand. */
function handLive<E>() {
  const queue: E[] = [];
  let waiting: ((r: IteratorResult<E>) => void) | null = null;
  let returned = 0;
  return {
    push(e: E) {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: e, done: false });
      } else queue.push(e);
    },
    returned: () => returned,
    iterator: {
      ready: Promise.resolve(),
      queued: () => queue.length > 0,
      next: (): Promise<IteratorResult<E>> =>
        queue.length > 0 ? Promise.resolve({ value: queue.shift()!, done: false }) : new Promise((resolve) => (waiting = resolve)),
      return: async (): Promise<IteratorResult<E>> => {
        returned++;
        waiting?.({ value: undefined, done: true });
        return { value: undefined, done: true };
      },
    },
  };
}

describe('liveStream', () => {
  it('gives the snapshot, then each live event in order, and ends after a final one', async () => {
    const live = handLive<number>();
    const stream = liveStream({ live: live.iterator, snapshot: async () => 0, isFinal: (n) => n === 3, finalFromSnapshot: (n) => n });
    expect(await stream.next()).toEqual({ value: 0, done: false });
    const second = stream.next();
    live.push(1);
    live.push(2);
    live.push(3);
    live.push(4);
    expect(await second).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 3, done: false });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(live.returned()).toBe(1);
  });

  it('ends with the final state read by a recheck when the final live event was missed', async () => {
    const live = handLive<string>();
    let reads = 0;
    const stream = liveStream({
      live: live.iterator,
      snapshot: async () => (++reads === 1 ? 'RUNNING' : 'SUCCEEDED'),
      isFinal: (s) => s === 'SUCCEEDED',
      finalFromSnapshot: (s) => `final:${s}`,
      recheckMs: 50,
    });
    expect(await stream.next()).toEqual({ value: 'RUNNING', done: false });
    // No live event ever comes: the recheck reads the state again and finds it final.
    expect(await stream.next()).toEqual({ value: 'final:SUCCEEDED', done: false });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(reads).toBe(2);
    expect(live.returned()).toBe(1);
  });
});
