// Refresh tokens at rest: AES-256-GCM round trip, tampering and row swapping refused, key rotation
// (old keys open what they sealed; rotateTokenKeys re-seals every row under the current key).
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TokenKey } from '../src/config.js';

const { env } = await import('../src/config.js');
const { channelAad, openToken, sealToken, TokenKeyMissingError } = await import('../src/publish/tokenSeal.js');
const { rotateTokenKeys } = await import('../src/publish/rotateTokenKeys.js');
const { createUser, prisma, seedRender, seedScript } = await import('./helpers.js');
const { runPublication } = await import('../src/publish/publishRun.js');
const { getStorage } = await import('../src/jobs/providers.js');

const key = (kid: string): TokenKey => ({ kid, key: randomBytes(32) });
const original = env.TOKEN_ENCRYPTION_KEYS;
afterEach(() => {
  env.TOKEN_ENCRYPTION_KEYS = original;
});
afterAll(async () => {
  await (await import('../src/pubsub.js')).closePubSub();
});

describe('sealing refresh tokens', () => {
  it('round-trips under the current key, with a fresh IV each time, and never shows the token', () => {
    const k1 = key('k1');
    const a = sealToken('1//refresh-token-value', 'aad', [k1]);
    const b = sealToken('1//refresh-token-value', 'aad', [k1]);
    expect(a.kid).toBe('k1');
    expect(a.sealed).not.toBe(b.sealed);
    expect(a.sealed).not.toContain('refresh-token');
    expect(openToken(a, 'aad', [k1])).toBe('1//refresh-token-value');
  });

  it('refuses a tampered ciphertext, another row’s binding, a wrong key and a dropped key id', () => {
    const k1 = key('k1');
    const s = sealToken('secret', channelAad('user-a', 'UCa'), [k1]);
    const [iv, ct, tag] = s.sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openToken({ ...s, sealed: [iv, flipped.toString('base64url'), tag].join('.') }, channelAad('user-a', 'UCa'), [k1])).toThrow(/authenticate/);
    // Copied onto another user's row it does not open.
    expect(() => openToken(s, channelAad('user-b', 'UCa'), [k1])).toThrow(/authenticate/);
    expect(() => openToken(s, channelAad('user-a', 'UCa'), [{ kid: 'k1', key: randomBytes(32) }])).toThrow(/authenticate/);
    expect(() => openToken(s, channelAad('user-a', 'UCa'), [key('k2')])).toThrow(TokenKeyMissingError);
    expect(() => openToken({ ...s, sealed: 'not.sealed' }, channelAad('user-a', 'UCa'), [k1])).toThrow(/malformed/);
  });

  it('rotates: a new first key seals, old keys still open, rotateTokenKeys re-seals every row so the old key can go', async () => {
    const [k1, k2] = [key('k1'), key('k2')];
    env.TOKEN_ENCRYPTION_KEYS = [k1];
    const user = await createUser('rotating');
    const tokens = ['1//first', '1//second'];
    for (const [i, token] of tokens.entries()) {
      const sealed = sealToken(token, channelAad(user.id, `UC${i}`));
      await prisma.youTubeChannel.create({
        data: { userId: user.id, channelId: `UC${i}`, title: 't', refreshTokenSealed: sealed.sealed, tokenKeyId: sealed.kid, scopes: 's' },
      });
    }
    env.TOKEN_ENCRYPTION_KEYS = [k2, k1];
    const rows = await prisma.youTubeChannel.findMany({ where: { userId: user.id }, orderBy: { channelId: 'asc' } });
    expect(rows.map((r) => r.tokenKeyId)).toEqual(['k1', 'k1']);
    expect(rows.map((r) => openToken({ sealed: r.refreshTokenSealed, kid: r.tokenKeyId }, channelAad(user.id, r.channelId)))).toEqual(tokens);
    expect(sealToken('x', 'aad').kid).toBe('k2');

    expect(await rotateTokenKeys()).toEqual({ resealed: 2 });
    expect(await rotateTokenKeys()).toEqual({ resealed: 0 });
    env.TOKEN_ENCRYPTION_KEYS = [k2];
    const after = await prisma.youTubeChannel.findMany({ where: { userId: user.id }, orderBy: { channelId: 'asc' } });
    expect(after.map((r) => r.tokenKeyId)).toEqual(['k2', 'k2']);
    expect(after.map((r) => openToken({ sealed: r.refreshTokenSealed, kid: r.tokenKeyId }, channelAad(user.id, r.channelId)))).toEqual(tokens);
  });
});

describe('a channel whose key was dropped from TOKEN_ENCRYPTION_KEYS', () => {
  it('fails its publication at once, naming the key id and asking for a reconnect (no retries)', async () => {
    const old = key('old');
    env.TOKEN_ENCRYPTION_KEYS = [old];
    const user = await createUser('dropped');
    const sealed = sealToken('1//token', channelAad(user.id, 'UCdropped'));
    const channel = await prisma.youTubeChannel.create({
      data: { userId: user.id, channelId: 'UCdropped', title: 't', refreshTokenSealed: sealed.sealed, tokenKeyId: sealed.kid, scopes: 's' },
    });
    const { project, script } = await seedScript(user, 1);
    const render = await seedRender(script.id, user.id, { status: 'SUCCEEDED' });
    const keyName = `renders/${render.id}/video.mp4`;
    await getStorage().put(keyName, { data: randomBytes(1000) }, 'video/mp4');
    const asset = await prisma.asset.create({
      data: {
        projectId: project.id,
        renderId: render.id,
        kind: 'VIDEO',
        storageKey: keyName,
        mime: 'video/mp4',
        bytes: 1000,
        width: 480,
        height: 854,
        durationMs: 10_000,
        provider: 'test',
        contentHash: 'h',
      },
    });
    await prisma.render.update({ where: { id: render.id }, data: { outputAssetId: asset.id } });
    const publication = await prisma.publication.create({
      data: { renderId: render.id, ownerId: user.id, channelId: channel.id, title: 'T', privacy: 'PRIVATE', madeForKids: false },
    });
    env.TOKEN_ENCRYPTION_KEYS = [key('new')];
    expect(await runPublication(publication.id, 0, getStorage())).toBe('done');
    const failed = await prisma.publication.findUniqueOrThrow({ where: { id: publication.id } });
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'RECONNECT_REQUIRED' });
    expect(failed.errorMessage).toMatch(/sealed with key "old", which is no longer in TOKEN_ENCRYPTION_KEYS: connect the channel again/);
  });
});
