import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { env } from '../config.js';
import type { Context } from '../context.js';
import { prisma } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { decodeId } from './globalId.js';
import { WrongTypeIdsPluginName } from './wrongTypeIds.js';

export const MAX_PAGE_SIZE = 100;
/** Ids one `nodes` call may look up. */
export const MAX_NODES_IDS = 100;

const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
// Every connection pages by a uuid `id`, so each cursor Pothos issues is base64 of "GPC:S:<uuid>".
const CURSOR_RE = /^GPC:S:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses an `after`/`before` that is not one of our cursors, naming it. Pothos checks only the
 * envelope, so e.g. a cursor holding a non-uuid reached Postgres and came back "Unexpected error.".
 */
function checkCursors(args: { after?: unknown; before?: unknown }): void {
  for (const arg of ['after', 'before'] as const) {
    const cursor = args[arg];
    if (cursor == null) continue;
    const text = String(cursor);
    const decoded = BASE64_RE.test(text) ? Buffer.from(text, 'base64').toString('utf8') : '';
    if (!CURSOR_RE.test(decoded)) {
      const shown = text.length > 100 ? `${text.slice(0, 100)}…` : text;
      throw new GraphQLError(`Argument "${arg}" is not a valid cursor: "${shown}". Use a cursor from this connection's edges or pageInfo.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  }
}

/**
 * The page size of every prisma connection. Pothos calls this with the field's arguments before it
 * decodes the cursor (the only hook it has there), so it also checks the cursors. `first`/`last`
 * above the maximum are clamped to it, as the argument descriptions say.
 */
function maxConnectionSize(args: { after?: unknown; before?: unknown }): number {
  checkCursors(args);
  return MAX_PAGE_SIZE;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { user: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
    File: { Input: File; Output: never };
  };
}>({
  // wrongTypeIds inside errors, so the NotFoundError it throws becomes the field's result.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, WrongTypeIdsPluginName, PrismaPlugin, RelayPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (ctx) => ({ user: ctx.viewer !== null }),
    authorizeOnSubscribe: true,
    unauthorizedError: () =>
      new GraphQLError('This needs an API key or a session: send "Authorization: Bearer <key or session token>", or sign in', {
        extensions: { code: 'UNAUTHENTICATED' },
      }),
  },
  errors: {
    // Only expected failures become results; anything else stays a masked top-level error.
    defaultTypes: [NotFoundError, ValidationError],
    // Lets input validation failures (thrown while mapping args) become ValidationError results.
    unsafelyHandleInputErrors: true,
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  prisma: {
    client: prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    // A query that loads relations nobody uses is a bug: fail loudly outside production.
    onUnusedQuery: env.NODE_ENV === 'production' ? null : 'error',
    // Typed as a number at builder level, but Pothos calls a function with (args, ctx) as it does
    // for a field's own `maxSize`.
    maxConnectionSize: maxConnectionSize as unknown as number,
    defaultConnectionSize: 20,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    firstArgOptions: { description: `Page size, at most ${MAX_PAGE_SIZE}; a larger value is treated as ${MAX_PAGE_SIZE}.` },
    lastArgOptions: { description: `Page size from the end, at most ${MAX_PAGE_SIZE}; a larger value is treated as ${MAX_PAGE_SIZE}.` },
    decodeGlobalID: (globalID) => decodeId(globalID),
    nodesQueryOptions: {
      description: `Objects by id, at most ${MAX_NODES_IDS} at once; one that is missing or not yours is null.`,
      resolve: (_root, args, _ctx, _info, resolveNodes) => {
        if (args.ids.length > MAX_NODES_IDS) {
          throw new GraphQLError(`Argument "ids" has ${args.ids.length} ids; at most ${MAX_NODES_IDS} are accepted`, {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        return resolveNodes(args.ids);
      },
    },
  },
  validation: {
    validationError: (failure) =>
      new ValidationError(
        failure.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)),
          message: issue.message,
        })),
      ),
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

builder.queryType({});
builder.mutationType({});

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date-time string, in UTC.',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError('DateTime must be an ISO-8601 string');
    }
    return new Date(value);
  },
});

builder.scalarType('File', {
  description: 'A file sent with a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw new GraphQLError('File is an input-only type');
  },
  parseValue: (value) => {
    // Yoga's multipart parser gives @whatwg-node's File, not necessarily the global class.
    const file = value as Partial<File> | null;
    if (!file || typeof file !== 'object' || typeof file.stream !== 'function' || typeof file.name !== 'string') {
      throw new GraphQLError('File must be sent as a part of a multipart request');
    }
    return value as File;
  },
});

builder.scalarType('JSON', {
  description: 'Arbitrary JSON.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
