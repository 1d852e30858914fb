// Seed data for bench/api.ts: one owner with an API key and `reels` published, SUCCEEDED renders,
// each of its own script with `scenes` scenes, each scene with 1–2 image candidates (the first one
// selected), plus an output video and a thumbnail per render. Rows are written with createMany, so
// seeding 24 reels takes a handful of statements. Uses the app's own Prisma client (imported by the
// caller after the environment is set).
import { randomUUID } from 'node:crypto';
import { newApiKey } from '../src/auth/apiKeys.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';

export interface SeededFeed {
  ownerId: string;
  ownerKey: string;
  /** Render ids, newest publishedAt first (the feed's order). */
  renderIds: string[];
  counts: { reels: number; scenes: number; sceneAssets: number };
}

const BASE = Date.UTC(2030, 0, 1);

export async function seedFeed(prisma: PrismaClient, opts: { schema: string; reels: number; scenes: number }): Promise<SeededFeed> {
  const user = await prisma.user.create({ data: { email: `bench-${randomUUID()}@bench.test`, name: 'bench' } });
  const { key, prefix, secretHash } = newApiKey();
  await prisma.apiKey.create({ data: { userId: user.id, name: 'bench', prefix, secretHash } });
  const project = await prisma.project.create({ data: { ownerId: user.id, title: 'bench feed' } });

  const scripts: { id: string; projectId: string; ownerId: string; title: string; writerModel: string; status: 'APPROVED' }[] = [];
  const scenes: { id: string; scriptId: string; position: number; narration: string }[] = [];
  const assets: {
    id: string;
    projectId: string;
    sceneId?: string;
    kind: 'IMAGE' | 'VIDEO';
    storageKey: string;
    publicKey?: string;
    mime: string;
    bytes: number;
    provider: string;
    contentHash: string;
    createdAt: Date;
  }[] = [];
  const selected: { sceneId: string; assetId: string }[] = [];
  const rendered: {
    renderId: string;
    position: number;
    sceneId: string;
    sceneVersion: number;
    narration: string;
    assetId: string;
    contentHash: string;
    startMs: number;
    durationMs: number;
  }[] = [];
  const renders: {
    id: string;
    title: string;
    scriptId: string;
    ownerId: string;
    status: 'SUCCEEDED';
    published: boolean;
    publishedAt: Date;
    finishedAt: Date;
    durationMs: number;
    outputAssetId: string;
    thumbnailAssetId: string;
  }[] = [];

  let n = 0;
  const asset = (kind: 'IMAGE' | 'VIDEO', sceneId?: string) => {
    const id = randomUUID();
    n++;
    assets.push({
      id,
      projectId: project.id,
      sceneId,
      kind,
      storageKey: `bench/${project.id}/${n}`,
      // Every seeded render is published: its video and thumbnail (the assets without a scene) have public copies.
      ...(sceneId ? {} : { publicKey: `public/reels/${id}/${kind === 'VIDEO' ? 'reel.mp4' : 'thumbnail.jpg'}` }),
      mime: kind === 'VIDEO' ? 'video/mp4' : 'image/jpeg',
      bytes: 10_000 + n,
      provider: 'bench',
      contentHash: `bench-${n}`,
      createdAt: new Date(BASE + n * 1000),
    });
    return id;
  };

  for (let r = 0; r < opts.reels; r++) {
    const scriptId = randomUUID();
    scripts.push({ id: scriptId, projectId: project.id, ownerId: user.id, title: `Reel ${r}`, writerModel: 'bench', status: 'APPROVED' });
    const renderId = randomUUID();
    for (let s = 0; s < opts.scenes; s++) {
      const sceneId = randomUUID();
      const narration = `Reel ${r}, scene ${s}: a sentence of narration about the subject.`;
      scenes.push({ id: sceneId, scriptId, position: s, narration });
      const first = asset('IMAGE', sceneId);
      if ((r + s) % 2 === 0) asset('IMAGE', sceneId);
      selected.push({ sceneId, assetId: first });
      rendered.push({
        renderId,
        position: s,
        sceneId,
        sceneVersion: 1,
        narration,
        assetId: first,
        contentHash: `bench-${r}-${s}`,
        startMs: s * 5_000,
        durationMs: 5_000,
      });
    }
    const video = asset('VIDEO');
    const thumb = asset('IMAGE');
    renders.push({
      id: renderId,
      title: `Reel ${r}`,
      scriptId,
      ownerId: user.id,
      status: 'SUCCEEDED',
      published: true,
      publishedAt: new Date(BASE + r * 60_000),
      finishedAt: new Date(BASE + r * 60_000),
      durationMs: 30_000,
      outputAssetId: video,
      thumbnailAssetId: thumb,
    });
  }

  await prisma.script.createMany({ data: scripts });
  await prisma.scene.createMany({ data: scenes });
  await prisma.asset.createMany({ data: assets });
  await prisma.render.createMany({ data: renders });
  await prisma.renderedScene.createMany({ data: rendered });
  // One statement for every scene's selected asset.
  await prisma.$executeRawUnsafe(
    `UPDATE "${opts.schema}"."Scene" AS s SET "selectedAssetId" = v.a::uuid FROM (VALUES ${selected.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}) AS v(s, a) WHERE s.id = v.s::uuid`,
    ...selected.flatMap((x) => [x.sceneId, x.assetId]),
  );
  // Also a few renders that must stay out of the feed (draft, failed).
  await prisma.render.createMany({
    data: [
      { scriptId: scripts[0]!.id, ownerId: user.id, status: 'SUCCEEDED', published: false },
      { scriptId: scripts[1]!.id, ownerId: user.id, status: 'FAILED', published: true, publishedAt: new Date(BASE + 99 * 86_400_000) },
    ],
  });

  return {
    ownerId: user.id,
    ownerKey: key,
    renderIds: renders.map((r) => r.id).reverse(),
    counts: { reels: renders.length, scenes: scenes.length, sceneAssets: assets.filter((a) => a.sceneId).length },
  };
}
