// Query shape limits, checked while validating, before anything executes (GraphQL Armor), and the
// introspection switch. Sized so the feed (reels → script → scenes → assets) and the editor's
// queries pass with room to spare; see test/protection.test.ts.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
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

export function queryLimitPlugins(): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: true },
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: true },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, depthCostFactor: 1, ignoreIntrospection: true, exposeLimits: true },
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
