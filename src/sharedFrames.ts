// A live event's `next` message, serialised once for every graphql-ws subscriber that shares its
// result, instead of graphql-ws building and JSON.stringifying `{ id, type: 'next', payload }` per
// socket. src/sharedEventExecution.ts hands every subscriber with the same answer key the very same
// ExecutionResult object, so its JSON is kept per result (a WeakMap: it goes when the result does)
// and only the subscription's id is spliced in per socket.
//
// Only results without errors take this path: a result with errors goes back through graphql-ws
// and Yoga's error masking exactly as before (masking is the only plugin step that changes a
// subscription's results, and it only touches results with errors), so the bytes on the wire are
// the ones graphql-ws would have sent.
import type { ExecutionResult } from 'graphql';

/** Where a subscription's frames go: its graphql-ws id, and a send that settles once written. */
export interface FrameSink {
  /** `{"id":<id>,"type":"next","payload":`, built once per subscription. */
  readonly prefix: string;
  send(frame: string): Promise<void>;
}

const sinks = new WeakMap<object, FrameSink>();
const payloads = new WeakMap<ExecutionResult, string>();

/**
 * Lets the subscription whose context is `contextValue` write its error-free results itself.
 * `send` must settle only once the frame is written, so a slow socket still fills its bounded
 * queue in src/channels.ts (and is closed) instead of buffering without end.
 */
export function attachFrameSink(contextValue: object, id: string, send: (frame: string) => Promise<void>): void {
  // graphql-ws's stringifyMessage puts the keys in this order: id, type, payload.
  sinks.set(contextValue, { prefix: `{"id":${JSON.stringify(id)},"type":"next","payload":`, send });
}

export function frameSinkOf(contextValue: unknown): FrameSink | undefined {
  return typeof contextValue === 'object' && contextValue !== null ? sinks.get(contextValue) : undefined;
}

/** The `next` frame for `result`, or null when graphql-ws must send it (it has errors to mask). */
export function nextFrame(sink: FrameSink, result: ExecutionResult): string | null {
  if (result.errors) return null;
  let payload = payloads.get(result);
  if (payload === undefined) {
    payload = JSON.stringify(result);
    payloads.set(result, payload);
  }
  return `${sink.prefix}${payload}}`;
}
