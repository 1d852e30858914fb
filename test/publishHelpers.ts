// Shared by the YouTube publishing tests: a render whose video is stored (random bytes with the
// size, length and shape a rendered reel records), channels connected to the fake Google, waits.
import { createHash, randomBytes } from 'node:crypto';
import { getStorage } from '../src/jobs/providers.js';
import { channelAad, sealToken } from '../src/publish/tokenSeal.js';
import type { FakeGoogle } from './fakes/youtube.js';
import { CHANNEL } from './fakes/youtube.js';
import { prisma, seedRender, seedScript, type TestUser } from './helpers.js';

export async function renderWithVideo(user: TestUser, video: { width?: number; height?: number; durationMs?: number; bytes?: number } = {}) {
  const { project, script } = await seedScript(user, 1);
  const render = await seedRender(script.id, user.id, { status: 'SUCCEEDED' });
  const data = randomBytes(video.bytes ?? 700_000);
  const key = `renders/${render.id}/video.mp4`;
  await getStorage().put(key, { data }, 'video/mp4');
  const asset = await prisma.asset.create({
    data: {
      projectId: project.id,
      renderId: render.id,
      kind: 'VIDEO',
      storageKey: key,
      mime: 'video/mp4',
      bytes: data.length,
      width: video.width ?? 480,
      height: video.height ?? 854,
      durationMs: video.durationMs ?? 30_000,
      provider: 'test',
      contentHash: createHash('sha256').update(data).digest('hex'),
    },
  });
  await prisma.render.update({ where: { id: render.id }, data: { outputAssetId: asset.id } });
  return { renderId: render.id, data };
}

/** A channel whose refresh token the fake Google honours, as the callback would have stored it. */
export async function seedChannel(user: TestUser, fake: FakeGoogle, channelId = `${CHANNEL.id}-${randomBytes(3).toString('hex')}`) {
  const refreshToken = `1//seeded-${randomBytes(8).toString('hex')}`;
  fake.refreshTokens.add(refreshToken);
  const sealed = sealToken(refreshToken, channelAad(user.id, channelId));
  const channel = await prisma.youTubeChannel.create({
    data: {
      userId: user.id,
      channelId,
      title: 'Seeded channel',
      refreshTokenSealed: sealed.sealed,
      tokenKeyId: sealed.kid,
      scopes: 'youtube.upload youtube.readonly',
    },
  });
  return { channel, refreshToken };
}

export async function waitForPublication(id: string, timeoutMs = 30_000) {
  const started = Date.now();
  for (;;) {
    const p = await prisma.publication.findUniqueOrThrow({ where: { id } });
    if (p.status === 'PUBLISHED' || p.status === 'FAILED') return p;
    if (Date.now() - started > timeoutMs) throw new Error(`publication ${id} still ${p.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const PUBLISH = `mutation($input: PublishRenderInput!) { publishRender(input: $input) {
  __typename ... on PublishRenderSuccess { data { id status } }
  ... on ValidationError { message fields { path message } } ... on NotFoundError { message id } ... on Error { message } } }`;

export function publishInput(renderId: string, channelId: string, extra: Record<string, unknown> = {}) {
  return {
    renderId,
    channelId,
    title: 'How honey is made',
    description: 'Bees at work.',
    tags: ['bees', 'honey'],
    privacy: 'PRIVATE',
    madeForKids: false,
    ...extra,
  };
}
