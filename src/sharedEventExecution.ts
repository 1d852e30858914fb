// Executes a subscription's selection once per event for every subscriber who would get the same
// answer, instead of once per subscriber: thousands watching one render cost one execution per event.
//
// The live events come from src/channels.ts as one decoded object shared by every local subscriber
// of a channel, so results are kept per event object (a WeakMap: they go when the event does) and,
// within it, per "answer key": the document, the operation, the variables and the credential
// (user, API key or session), which is all that decides what a subscriber may see. The subscription
// root field itself still runs per subscriber (its permission checks, its own snapshot).
import { GraphQLError, createSourceEventStream, type DocumentNode, type ExecutionArgs, type ExecutionResult, execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { SlowSubscriberError } from './channels.js';
import type { Context } from './context.js';
import { frameSinkOf, nextFrame } from './sharedFrames.js';

type Result = ExecutionResult | Promise<ExecutionResult>;

const resultsByEvent = new WeakMap<object, Map<string, Result>>();
const documentIds = new WeakMap<DocumentNode, number>();
let lastDocumentId = 0;

/** Who the answer is for: subscribers with equal keys get the very same result object. */
export function answerKey(args: ExecutionArgs): string {
  let doc = documentIds.get(args.document);
  if (doc === undefined) documentIds.set(args.document, (doc = ++lastDocumentId));
  const viewer = (args.contextValue as Context | undefined)?.viewer;
  const who = viewer ? `${viewer.id}/${viewer.apiKeyId ?? ''}/${viewer.sessionId ?? ''}` : 'anonymous';
  return `${doc}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? null)}\u0000${who}`;
}

function resultFor(args: ExecutionArgs, key: string, event: unknown): Result {
  if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
  let byKey = resultsByEvent.get(event);
  if (!byKey) resultsByEvent.set(event, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) {
    result = execute({ ...args, rootValue: event });
    byKey.set(key, result);
  }
  return result;
}

const DONE: IteratorResult<never> = Object.freeze({ value: undefined, done: true });

/** Expected, and the client must learn why (unexpected errors are masked). */
function explained(err: unknown): never {
  if (err instanceof SlowSubscriberError) throw new GraphQLError(err.message, { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
  throw err;
}

async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source[Symbol.asyncIterator]();
  const key = answerKey(args);
  const sink = frameSinkOf(args.contextValue);
  const shared: AsyncIterableIterator<ExecutionResult> = {
    next: sink
      ? // A graphql-ws subscription writes its error-free results itself (the same bytes for every
        // subscriber sharing them) and only yields what graphql-ws must send: a result with errors.
        async () => {
          for (;;) {
            let r: IteratorResult<unknown>;
            try {
              r = await events.next();
            } catch (err) {
              explained(err);
            }
            if (r.done) return DONE;
            const pending = resultFor(args, key, r.value);
            const result = 'then' in pending ? await pending : pending;
            const frame = nextFrame(sink, result);
            if (frame === null) return { value: result, done: false };
            await sink.send(frame);
          }
        }
      : // One promise per event and subscriber (no async function, no await of a result that is
        // already there): this runs for every subscriber of every event.
        () =>
          events.next().then((r): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
            if (r.done) return DONE;
            const result = resultFor(args, key, r.value);
            return 'then' in result ? result.then((value) => ({ value, done: false })) : { value: result, done: false };
          }, explained),
    return: async () => {
      await events.return?.();
      return DONE;
    },
    [Symbol.asyncIterator]: () => shared,
  };
  return shared;
}

/** Subscriptions execute through sharedSubscribe (after Yoga's engine, whose subscribe it replaces). */
export function useSharedEventExecution(): Plugin {
  return { onSubscribe: ({ setSubscribeFn }) => setSubscribeFn(sharedSubscribe as never) };
}
