// Introspection off (as production defaults): schema queries and "Did you mean…" hints are refused,
// ordinary queries still work.
import { describe, expect, it } from 'vitest';

process.env.INTROSPECTION = 'false';
const { gql } = await import('./helpers.js');

describe('INTROSPECTION=false', () => {
  it('refuses __schema and __type, and gives no field suggestions', async () => {
    const schema = await gql('{ __schema { types { name } } }');
    expect(schema.errors?.[0]?.message).toMatch(/introspection/i);
    expect(schema.data).toBeUndefined();
    const type = await gql('{ __type(name: "Script") { fields { name } } }');
    expect(type.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql('{ reel(first: 1) { totalCount } }');
    expect(typo.errors?.[0]?.message).toMatch(/Cannot query field "reel"/);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
    const ok = await gql('{ reels(first: 1) { totalCount } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data.reels.totalCount).toBe(0);
  });
});
