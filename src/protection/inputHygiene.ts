// What graphql-js and Yoga let through and Postgres or the client should not see: bodies that are
// not UTF-8, text with NUL characters or lone surrogates, variables that are not JSON (GET/form),
// documents nested past the parser's stack, and error lists that repeat a huge input back.
import type { IncomingMessage } from 'node:http';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { GraphQLError } from 'graphql';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A refusal the HTTP layer sends itself, before GraphQL. */
export interface BodyRefusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Reads a JSON (non-multipart) body of a length already checked against the cap, refusing it when
 * it turns out longer than announced or is not valid UTF-8 (silently replacing bytes would store
 * text nobody sent).
 */
export async function readTextBody(req: IncomingMessage, limit: number): Promise<{ text: string } | BodyRefusal> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { status: 413, code: 'REQUEST_TOO_LARGE', message: `the request body is larger than ${limit} bytes` };
    chunks.push(chunk);
  }
  try {
    return { text: fatalUtf8.decode(Buffer.concat(chunks)) };
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'the request body is not valid UTF-8' };
  }
}

/** The first string under `value` with a NUL or a lone surrogate, as a path and a reason. */
export function badText(value: unknown, path: string[] = [], depth = 0): { path: string; reason: string } | null {
  if (depth > 64) return null;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path: path.join('.'), reason: 'contains a NUL character (U+0000)' };
    if (!(value as string & { isWellFormed(): boolean }).isWellFormed())
      return { path: path.join('.'), reason: 'contains a lone UTF-16 surrogate (not valid Unicode)' };
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = badText(v, [...path, k], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

// A GraphQL string escape \u0000 (or a raw NUL), or an escaped surrogate without its pair.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const DOCUMENT_NUL = /\u0000|\\u0000/;
const LONE_SURROGATE_ESCAPE = /\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

const MAX_ERRORS = 20;
const MAX_MESSAGE = 500;

function badRequest(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

export function useInputHygiene(): Plugin {
  return {
    // Yoga's GET and form parsers JSON.parse `variables`/`extensions` unguarded: a SyntaxError there
    // would answer 500.
    onRequestParse: ({ requestParser, setRequestParser }) => {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (e) {
          if (e instanceof SyntaxError) throw badRequest(`variables or extensions are not valid JSON: ${e.message}`);
          // Yoga's multipart parser refuses `operations`/`map` that are missing or not JSON with a
          // GraphQLError carrying no status: answered 200 with no `data`, which the spec forbids.
          if (e instanceof GraphQLError && !e.extensions.http) throw badRequest(e.message);
          throw e;
        }
      });
    },
    onParams: ({ params, setResult }) => {
      const list = Array.isArray(params) ? params : [params];
      for (const p of list) {
        const variables = badText(p.variables, ['variables']);
        if (variables) return setResult({ errors: [badRequest(`${variables.path} ${variables.reason}`)] });
        if (typeof p.query === 'string' && (DOCUMENT_NUL.test(p.query) || LONE_SURROGATE_ESCAPE.test(p.query))) {
          return setResult({ errors: [badRequest('the document contains a NUL character or a lone surrogate in a string')] });
        }
      }
    },
    // graphql-js parses recursively: thousands of nested lists exhaust the stack (a RangeError).
    onParse: ({ parseFn, setParseFn }) => {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (e) {
          if (e instanceof RangeError) {
            throw createGraphQLError('Syntax Error: the document is nested too deeply', {
              extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
            });
          }
          throw e;
        }
      });
    },
    // Coercion errors print the whole offending value, once per problem: cap both.
    onResultProcess: ({ result, setResult }) => {
      const shorten = (r: unknown): unknown => {
        const errors = (r as { errors?: readonly GraphQLError[] } | null)?.errors;
        if (!errors || (errors.length <= MAX_ERRORS && errors.every((e) => e.message.length <= MAX_MESSAGE))) return r;
        const kept = errors.slice(0, MAX_ERRORS).map((e) =>
          e.message.length <= MAX_MESSAGE
            ? e
            : // Head and tail: graphql-js names the offending field at the end ('at "input.title"').
              new GraphQLError(`${e.message.slice(0, MAX_MESSAGE / 2)} … ${e.message.slice(-MAX_MESSAGE / 2)}`, {
                nodes: e.nodes,
                path: e.path,
                extensions: e.extensions,
              }),
        );
        if (errors.length > MAX_ERRORS) kept.push(new GraphQLError(`… and ${errors.length - MAX_ERRORS} more errors`));
        return { ...(r as object), errors: kept };
      };
      if (Array.isArray(result)) setResult(result.map(shorten) as never);
      else if (result && typeof result === 'object' && 'errors' in result) setResult(shorten(result) as never);
    },
  };
}
