// Query shape limits, checked while validating, before anything executes (GraphQL Armor), and the
// introspection switch. Sized so the feed (reels → script → scenes → assets) and the editor's
// queries pass with room to spare; see test/protection.test.ts.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { env } from '../config.js';

export const QUERY_LIMITS = {
  maxDepth: 14,
  maxAliases: 20,
  maxTokens: 3_000,
  maxDirectives: 20,
  /** Armor's cost grows with each list's `first`: the feed of 20 reels costs ~77k, the editor ~17k. */
  maxCost: 250_000,
  /** Operations in one batched HTTP request (a JSON array body). */
  maxBatch: 10,
} as const;

/**
 * Armor throws a bare GraphQLError ("Syntax Error: …", no code), which Yoga answers with HTTP 200
 * and no `data`: the GraphQL-over-HTTP spec forbids that for application/graphql-response+json.
 * Each refusal gets a code, loses the misleading "Syntax Error" prefix, and answers 400 for both
 * media types (`spec: false`, else Yoga marks validation errors `spec` and answers application/json
 * with 200). The token limit trips while parsing, where Yoga forces `spec`: it answers as a parse
 * failure does, 400 for application/graphql-response+json and 200 for application/json.
 */
function refuseWith(code: string) {
  return [
    (_ctx: unknown, err: GraphQLError) => {
      err.message = err.message.replace(/^Syntax Error: /, '');
      Object.assign(err.extensions, { code, http: { status: 400, spec: false } });
    },
  ];
}

export function queryLimitPlugins(): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true, onReject: refuseWith('QUERY_TOO_DEEP') },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true, onReject: refuseWith('TOO_MANY_ALIASES') },
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: true, onReject: refuseWith('TOO_MANY_TOKENS') },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: true, onReject: refuseWith('TOO_MANY_DIRECTIVES') },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, depthCostFactor: 1, ignoreIntrospection: true, exposeLimits: true, onReject: refuseWith('QUERY_TOO_COSTLY') },
    // "Did you mean …" hints map the schema for anyone when introspection is off.
    blockFieldSuggestion: { enabled: !introspectionEnabled() },
  });
  const plugins: Plugin[] = [...(armor.protect().plugins as Plugin[])];
  if (!introspectionEnabled()) {
    plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  }
  return plugins;
}

export function introspectionEnabled(): boolean {
  return env.INTROSPECTION ?? env.NODE_ENV !== 'production';
}
