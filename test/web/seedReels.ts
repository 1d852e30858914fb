// Published reels with real, playable videos (short ffmpeg test patterns), published through the API.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { getStorage } from '../../src/jobs/providers.js';
import { globalId, gqlOk, prisma, seedRender, type TestUser } from '../helpers.js';

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${err}`))));
  });
}

const COLOURS = ['0x1d3557', '0x6a040f', '0x2d6a4f', '0x5a189a', '0x9d4edd', '0xbc6c25', '0x006d77', '0x3a0ca3'];

/** Makes `count` 480×854 H.264/AAC reels (3 s, a colour and a tone each) and publishes them. */
export async function seedPublishedReels(user: TestUser, workDir: string, count: number) {
  await mkdir(workDir, { recursive: true });
  const storage = getStorage();
  const reels: { renderId: string; title: string }[] = [];
  for (let i = 0; i < count; i++) {
    const title = `Reel number ${i + 1}`;
    const video = join(workDir, `reel-${i}.mp4`);
    const thumb = join(workDir, `reel-${i}.jpg`);
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `color=c=${COLOURS[i % COLOURS.length]}:s=480x854:r=24:d=3`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${300 + i * 60}:duration=3`,
      '-vf',
      `drawtext=text='${i + 1}':fontsize=200:fontcolor=white:x=(w-tw)/2:y=(h-th)/2`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      '-movflags',
      '+faststart',
      video,
    ]);
    await ffmpeg(['-i', video, '-frames:v', '1', '-q:v', '4', thumb]);
    const project = await prisma.project.create({ data: { ownerId: user.id, title: `Project ${i + 1}` } });
    const script = await prisma.script.create({ data: { projectId: project.id, ownerId: user.id, title, writerModel: 'test', prompt: 'p' } });
    for (let s = 0; s < 3; s++) {
      await prisma.scene.create({ data: { scriptId: script.id, position: s, narration: `${title}, scene ${s + 1} says something worth hearing.` } });
    }
    const videoKey = `test/${project.id}/reel.mp4`;
    const thumbKey = `test/${project.id}/thumb.jpg`;
    const v = await storage.put(videoKey, { path: video }, 'video/mp4');
    const t = await storage.put(thumbKey, { path: thumb }, 'image/jpeg');
    const base = { projectId: project.id, provider: 'test', width: 480, height: 854 };
    const videoAsset = await prisma.asset.create({
      data: { ...base, kind: 'VIDEO', storageKey: videoKey, mime: 'video/mp4', bytes: v.bytes, durationMs: 3000, contentHash: `v${i}` },
    });
    const thumbAsset = await prisma.asset.create({
      data: { ...base, kind: 'IMAGE', storageKey: thumbKey, mime: 'image/jpeg', bytes: t.bytes, contentHash: `t${i}` },
    });
    const render = await seedRender(script.id, user.id, { status: 'SUCCEEDED', outputAssetId: videoAsset.id, thumbnailAssetId: thumbAsset.id });
    // Oldest first, so the feed (newest first) shows reel 1 at the top.
    await prisma.render.update({ where: { id: render.id }, data: { finishedAt: new Date(Date.UTC(2030, 0, 1) - i * 60_000) } });
    reels.push({ renderId: render.id, title });
  }
  // Published newest-first: the feed orders by publishedAt, so publish in reverse.
  for (const reel of [...reels].reverse()) {
    const res = await gqlOk(
      `mutation($id: ID!) { setRenderPublished(id: $id, published: true) { __typename ... on Error { message } } }`,
      { id: globalId('Render', reel.renderId) },
      user.key,
    );
    if (res.setRenderPublished.__typename !== 'SetRenderPublishedSuccess') throw new Error(JSON.stringify(res));
    await new Promise((r) => setTimeout(r, 5));
  }
  return reels;
}
