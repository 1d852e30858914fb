import { describe, expect, it } from 'vitest';
import { createUser, globalId, gql, gqlOk, prisma, rawId } from './helpers.js';

const CREATE = `mutation($name: String!) {
  createApiKey(name: $name) {
    __typename
    ... on CreateApiKeySuccess { data { key apiKey { id name prefix lastUsedAt revokedAt } } }
    ... on ValidationError { message fields { path message } }
  }
}`;

const REVOKE = `mutation($id: ID!) {
  revokeApiKey(id: $id) {
    __typename
    ... on RevokeApiKeySuccess { data { id revokedAt } }
    ... on NotFoundError { message id }
  }
}`;

const VIEWER = `{ viewer { id name } }`;

async function createKey(userKey: string, name = 'laptop') {
  const r = await gqlOk(CREATE, { name }, userKey);
  expect(r.createApiKey.__typename).toBe('CreateApiKeySuccess');
  return r.createApiKey.data as { key: string; apiKey: { id: string; name: string; prefix: string; lastUsedAt: string | null; revokedAt: string | null } };
}

async function waitFor<T>(fn: () => Promise<T | null | undefined>, ms = 3000): Promise<T | null | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('API keys', () => {
  it('createApiKey returns the key once, in the rf_<8>_<32> format, and it authenticates', async () => {
    const alice = await createUser('alice');
    const created = await createKey(alice.key);
    expect(created.key).toMatch(/^rf_[a-z0-9]{8}_[A-Za-z0-9]{32}$/);
    expect(created.apiKey.prefix).toBe(created.key.slice(3, 11));
    expect(created.apiKey.name).toBe('laptop');
    expect(created.apiKey.revokedAt).toBeNull();

    const me = await gqlOk(VIEWER, {}, created.key);
    expect(me.viewer).toEqual({ id: globalId('User', alice.id), name: 'alice' });

    // The key is not readable afterwards: the ApiKey type has no field that exposes it.
    const r = await gql(`query($id: ID!) { node(id: $id) { ... on ApiKey { key } } }`, { id: created.apiKey.id }, alice.key);
    expect(r.errors?.[0]?.message).toMatch(/Cannot query field "key"/);
  });

  it('stores only a sha256 hash of the secret', async () => {
    const alice = await createUser('alice');
    const { key, apiKey } = await createKey(alice.key);
    const secret = key.slice(12);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: rawId(apiKey.id) } });
    const { createHash } = await import('node:crypto');
    expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it('a revoked key fails with UNAUTHENTICATED and a clear message', async () => {
    const alice = await createUser('alice');
    const { key, apiKey } = await createKey(alice.key);
    const rev = await gqlOk(REVOKE, { id: apiKey.id }, alice.key);
    expect(rev.revokeApiKey.__typename).toBe('RevokeApiKeySuccess');
    expect(rev.revokeApiKey.data.revokedAt).not.toBeNull();

    const r = await gql(VIEWER, {}, key);
    expect(r.status).toBe(401);
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.message).toBe('API key is invalid or revoked');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Revoking twice is harmless and keeps the first revocation time.
    const again = await gqlOk(REVOKE, { id: apiKey.id }, alice.key);
    expect(again.revokeApiKey.data.revokedAt).toBe(rev.revokeApiKey.data.revokedAt);
  });

  it.each([
    ['a non-Bearer Authorization header', 'Basic dXNlcjpwYXNz', /Authorization header must be "Bearer <api key>"/],
    ['Bearer with nothing after it', 'Bearer ', /Authorization header must be "Bearer <api key>"/],
    ['a malformed key', 'Bearer not-a-key', /API key is malformed/],
    ['a key with a too-short secret', 'Bearer rf_abcdefgh_short', /API key is malformed/],
    ['an unknown key', `Bearer rf_zzzzzzzz_${'Q'.repeat(32)}`, /API key is invalid or revoked/],
  ])('%s gives a clear UNAUTHENTICATED error and HTTP 401', async (_label, header, message) => {
    const { api } = await import('./helpers.js');
    const res = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: header },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as any;
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toMatch(message);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a right prefix with a wrong secret is refused', async () => {
    const alice = await createUser('alice');
    const { key } = await createKey(alice.key);
    const wrong = `${key.slice(0, 12)}${key.slice(12).split('').reverse().join('')}`;
    expect(wrong).not.toBe(key);
    const r = await gql(VIEWER, {}, wrong);
    expect(r.status).toBe(401);
    expect(r.errors?.[0]?.message).toBe('API key is invalid or revoked');
  });

  it('sets lastUsedAt after the key is used', async () => {
    const alice = await createUser('alice');
    const { key, apiKey } = await createKey(alice.key);
    expect(apiKey.lastUsedAt).toBeNull();
    const before = Date.now();
    await gqlOk(VIEWER, {}, key);
    const row = await waitFor(() => prisma.apiKey.findFirst({ where: { id: rawId(apiKey.id), lastUsedAt: { not: null } } }));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    expect(row!.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const shown = await gqlOk(`query($id: ID!) { node(id: $id) { ... on ApiKey { lastUsedAt } } }`, { id: apiKey.id }, key);
    expect(shown.node.lastUsedAt).toBe(row!.lastUsedAt!.toISOString());
  });

  it('another user revoking your key gets NotFoundError and your key keeps working', async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { key, apiKey } = await createKey(alice.key);
    const r = await gqlOk(REVOKE, { id: apiKey.id }, bob.key);
    expect(r.revokeApiKey).toEqual({
      __typename: 'NotFoundError',
      message: `ApiKey ${apiKey.id} was not found`,
      id: apiKey.id,
    });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: rawId(apiKey.id) } });
    expect(row.revokedAt).toBeNull();
    const me = await gqlOk(VIEWER, {}, key);
    expect(me.viewer.id).toBe(globalId('User', alice.id));
  });

  it('viewer is null without a key', async () => {
    const r = await gql(VIEWER);
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ viewer: null });
  });

  it("node(id) of another user's User or ApiKey is null; your own resolve", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const { apiKey } = await createKey(alice.key);
    const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
    expect((await gqlOk(NODE, { id: globalId('User', alice.id) }, bob.key)).node).toBeNull();
    expect((await gqlOk(NODE, { id: apiKey.id }, bob.key)).node).toBeNull();
    expect((await gqlOk(NODE, { id: apiKey.id })).node).toBeNull();
    // Positive controls: the owner sees both.
    expect((await gqlOk(NODE, { id: globalId('User', alice.id) }, alice.key)).node).toEqual({
      __typename: 'User',
      id: globalId('User', alice.id),
    });
    expect((await gqlOk(NODE, { id: apiKey.id }, alice.key)).node).toEqual({ __typename: 'ApiKey', id: apiKey.id });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['101 characters', 'k'.repeat(101)],
  ])('createApiKey with a %s name is a ValidationError naming `name`', async (_label, name) => {
    const alice = await createUser('alice');
    const before = await prisma.apiKey.count({ where: { userId: alice.id } });
    const r = await gqlOk(CREATE, { name }, alice.key);
    expect(r.createApiKey.__typename).toBe('ValidationError');
    expect(r.createApiKey.fields.length).toBeGreaterThan(0);
    expect(r.createApiKey.fields[0].path).toEqual(['name']);
    expect(r.createApiKey.message).toMatch(/name/);
    expect(await prisma.apiKey.count({ where: { userId: alice.id } })).toBe(before);
  });

  it('createApiKey accepts a 100-character name', async () => {
    const alice = await createUser('alice');
    const created = await createKey(alice.key, 'k'.repeat(100));
    expect(created.apiKey.name).toHaveLength(100);
  });

  it('createApiKey and revokeApiKey need a key', async () => {
    const r = await gql(CREATE, { name: 'x' });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.message).toMatch(/needs an API key/);
  });
});
