import { beforeEach, describe, expect, it } from 'vitest';
import { getStorage } from '../src/jobs/providers.js';
import { countSql, createUser, globalId, gql, gqlOk, prisma, rawId, seedAsset, seedRender, snapshotOf, type TestUser } from './helpers.js';

// The public reels feed. It is global, so every test starts from no public reels in this file's schema.
beforeEach(async () => {
  await prisma.render.deleteMany({ where: { published: true } });
});

const BASE = Date.UTC(2030, 5, 1);

/** A script with scenes (each with image candidates, one selected) and a render of it. */
async function seedReel(
  user: TestUser,
  opts: {
    title?: string;
    scenes?: number;
    assetsPerScene?: number;
    status?: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
    published?: boolean;
    publishedAt?: Date | null;
  } = {},
) {
  const { title = 'A reel', scenes = 2, assetsPerScene = 2, status = 'SUCCEEDED', published = true } = opts;
  const project = await prisma.project.create({ data: { ownerId: user.id, title: 'P' } });
  const script = await prisma.script.create({
    data: { projectId: project.id, ownerId: user.id, title, writerModel: 'test', prompt: 'secret prompt' },
  });
  for (let i = 0; i < scenes; i++) {
    const scene = await prisma.scene.create({ data: { scriptId: script.id, position: i, narration: `${title} scene ${i}.` } });
    let first: string | undefined;
    for (let j = 0; j < assetsPerScene; j++) {
      const asset = await seedAsset(project.id, { sceneId: scene.id });
      first ??= asset.id;
    }
    if (first) await prisma.scene.update({ where: { id: scene.id }, data: { selectedAssetId: first } });
  }
  // A published render's video and thumbnail have public copies (setRenderPublished makes them).
  const video = await seedAsset(project.id, { kind: 'VIDEO', ...(published ? { publicKey: `public/reels/${project.id}/reel.mp4` } : {}) });
  const thumb = await seedAsset(project.id, published ? { publicKey: `public/reels/${project.id}/thumbnail.jpg` } : {});
  const render = await seedRender(script.id, user.id, {
    status,
    published,
    publishedAt: published ? (opts.publishedAt ?? new Date()) : null,
    outputAssetId: video.id,
    thumbnailAssetId: thumb.id,
  });
  return { project, script, render, video, thumb };
}

const reelId = (renderId: string) => globalId('Reel', renderId);

const PUBLISH = `mutation($id: ID!, $published: Boolean!) {
  setRenderPublished(id: $id, published: $published) {
    __typename
    ... on SetRenderPublishedSuccess { data { id published publishedAt status } }
    ... on Error { message }
    ... on NotFoundError { id }
    ... on ValidationError { fields { path message } }
  }
}`;

describe('reels feed', () => {
  it('lists only SUCCEEDED and published renders, newest publishedAt first, without an API key', async () => {
    const alice = await createUser('alice');
    const middle = await seedReel(alice, { title: 'middle', publishedAt: new Date(BASE + 2000) });
    const newest = await seedReel(alice, { title: 'newest', publishedAt: new Date(BASE + 3000) });
    const oldest = await seedReel(alice, { title: 'oldest', publishedAt: new Date(BASE + 1000) });
    await seedReel(alice, { title: 'draft', published: false });
    await seedReel(alice, { title: 'failed', status: 'FAILED', publishedAt: new Date(BASE + 9000) });
    await seedReel(alice, { title: 'running', status: 'RUNNING', publishedAt: new Date(BASE + 9000) });
    await seedReel(alice, { title: 'queued', status: 'QUEUED', publishedAt: new Date(BASE + 9000) });

    const r = await gql(`{ reels(first: 10) { totalCount edges { node { id title publishedAt video { url } } } } }`);
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    expect(r.data.reels.totalCount).toBe(3);
    expect(r.data.reels.edges.map((e: any) => e.node.title)).toEqual(['newest', 'middle', 'oldest']);
    expect(r.data.reels.edges.map((e: any) => e.node.id)).toEqual([newest, middle, oldest].map((x) => reelId(x.render.id)));
    expect(r.data.reels.edges[0].node.publishedAt).toBe(new Date(BASE + 3000).toISOString());
    expect(r.data.reels.edges[0].node.video.url).toBe(`http://127.0.0.1:4000/files/${newest.video.publicKey}`);
  });

  it('startAt opens the feed at a shared reel and the cursor continues from it; a reel not in the feed gives an empty page', async () => {
    const alice = await createUser('alice');
    const seeded = [];
    for (let i = 0; i < 5; i++) seeded.push(await seedReel(alice, { title: `r${i}`, publishedAt: new Date(BASE + (5 - i) * 1000) }));
    const draft = await seedReel(alice, { title: 'draft', published: false });
    const FROM = `query($startAt: ID, $after: String) { reels(first: 2, startAt: $startAt, after: $after) { totalCount edges { node { title } } pageInfo { hasNextPage endCursor } } }`;

    const first = await gqlOk(FROM, { startAt: reelId(seeded[2]!.render.id) });
    expect(first.reels.edges.map((e: any) => e.node.title)).toEqual(['r2', 'r3']);
    expect(first.reels.pageInfo.hasNextPage).toBe(true);
    const next = await gqlOk(FROM, { startAt: reelId(seeded[2]!.render.id), after: first.reels.pageInfo.endCursor });
    expect(next.reels.edges.map((e: any) => e.node.title)).toEqual(['r4']);
    expect(next.reels.pageInfo.hasNextPage).toBe(false);

    // An unpublished render, or no render at all, shows nothing (not even where it would sit).
    for (const id of [draft.render.id, '00000000-0000-4000-8000-000000000000']) {
      const empty = await gqlOk(FROM, { startAt: reelId(id) });
      expect(empty.reels.edges).toEqual([]);
      expect(empty.reels.totalCount).toBe(5);
    }
    const wrongType = await gql(FROM, { startAt: globalId('Project', seeded[0]!.project.id) });
    expect(wrongType.errors?.[0]?.message).toMatch(/Reel/);
  });

  it('setRenderPublished puts a SUCCEEDED render in the feed and takes it out again', async () => {
    const alice = await createUser('alice');
    const { render, video, thumb } = await seedReel(alice, { published: false });
    const id = globalId('Render', render.id);
    // The files publishing copies to public/.
    for (const a of [video, thumb]) await getStorage().put(a.storageKey, { data: Buffer.from('bytes') }, a.mime);

    const on = await gqlOk(PUBLISH, { id, published: true }, alice.key);
    expect(on.setRenderPublished.__typename).toBe('SetRenderPublishedSuccess');
    expect(on.setRenderPublished.data).toMatchObject({ id, published: true, status: 'SUCCEEDED' });
    expect(on.setRenderPublished.data.publishedAt).not.toBeNull();
    const feed = await gqlOk(`{ reels(first: 5) { totalCount edges { node { id } } } }`);
    expect(feed.reels.edges.map((e: any) => e.node.id)).toEqual([reelId(render.id)]);

    const off = await gqlOk(PUBLISH, { id, published: false }, alice.key);
    expect(off.setRenderPublished.data).toMatchObject({ published: false, publishedAt: null });
    const empty = await gqlOk(`{ reels(first: 5) { totalCount edges { node { id } } } }`);
    expect(empty.reels).toEqual({ totalCount: 0, edges: [] });
  });

  it('refuses to publish a render that has not SUCCEEDED, with a ValidationError, changing nothing', async () => {
    const alice = await createUser('alice');
    const { render } = await seedReel(alice, { status: 'RUNNING', published: false });
    const before = await snapshotOf(alice.id);
    const r = await gqlOk(PUBLISH, { id: globalId('Render', render.id), published: true }, alice.key);
    expect(r.setRenderPublished.__typename).toBe('ValidationError');
    expect(r.setRenderPublished.message).toMatch(/SUCCEEDED/);
    expect(r.setRenderPublished.message).toMatch(/RUNNING/);
    expect(r.setRenderPublished.fields[0].path).toEqual(['id']);
    expect(await snapshotOf(alice.id)).toEqual(before);
    expect((await gqlOk(`{ reels(first: 5) { totalCount } }`)).reels.totalCount).toBe(0);
  });

  it("answers NotFoundError for another user's render and changes nothing; needs an API key", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const unpublished = await seedReel(alice, { published: false });
    const published = await seedReel(alice, { publishedAt: new Date(BASE) });
    const before = await snapshotOf(alice.id);

    const steal = await gqlOk(PUBLISH, { id: globalId('Render', unpublished.render.id), published: true }, bob.key);
    expect(steal.setRenderPublished).toMatchObject({
      __typename: 'NotFoundError',
      id: globalId('Render', unpublished.render.id),
      message: `Render ${globalId('Render', unpublished.render.id)} was not found`,
    });
    const hide = await gqlOk(PUBLISH, { id: globalId('Render', published.render.id), published: false }, bob.key);
    expect(hide.setRenderPublished.__typename).toBe('NotFoundError');

    const anon = await gql(PUBLISH, { id: globalId('Render', published.render.id), published: false });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    expect(await snapshotOf(alice.id)).toEqual(before);
    const feed = await gqlOk(`{ reels(first: 5) { edges { node { id } } } }`);
    expect(feed.reels.edges.map((e: any) => e.node.id)).toEqual([reelId(published.render.id)]);
  });

  it('node(id) finds a published Reel anonymously and answers null for an unpublished one', async () => {
    const alice = await createUser('alice');
    const pub = await seedReel(alice, { title: 'public one' });
    const draft = await seedReel(alice, { title: 'draft', published: false });
    const failed = await seedReel(alice, { title: 'failed', status: 'FAILED' });
    const Q = `query($id: ID!) { node(id: $id) { __typename id ... on Reel { title thumbnail { url } } } }`;

    const found = await gql(Q, { id: reelId(pub.render.id) });
    expect(found.errors).toBeUndefined();
    expect(found.data.node).toEqual({
      __typename: 'Reel',
      id: reelId(pub.render.id),
      title: 'public one',
      thumbnail: { url: `http://127.0.0.1:4000/files/${pub.thumb.publicKey}` },
    });

    for (const hidden of [draft, failed]) {
      expect((await gqlOk(Q, { id: reelId(hidden.render.id) })).node).toBeNull();
      // Even the owner does not see an unpublished render as a Reel (it is a Render to them).
      expect((await gqlOk(Q, { id: reelId(hidden.render.id) }, alice.key)).node).toBeNull();
    }
    // And a stranger cannot read the published one as a Render.
    const bob = await createUser('bob');
    expect((await gqlOk(Q, { id: globalId('Render', pub.render.id) }, bob.key)).node).toBeNull();
  });

  it('a public reel shows its scenes as rendered and nothing of the script or its drafts', async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    await seedReel(alice, { title: 'Whales', scenes: 3 });
    const Q = `{ reels(first: 1) { edges { node { title mode language scenes(first: 10) { totalCount edges { node { position narration } } } } } } }`;
    for (const key of [undefined, bob.key, alice.key]) {
      const r = await gql(Q, {}, key);
      expect(r.errors).toBeUndefined();
      const reel = r.data.reels.edges[0].node;
      expect(reel).toMatchObject({ title: 'Whales', mode: 'STORY', language: 'en' });
      expect(reel.scenes.totalCount).toBe(3);
      expect(reel.scenes.edges.map((e: any) => e.node)).toEqual([0, 1, 2].map((i) => ({ position: i, narration: `Whales scene ${i}.` })));
    }
    // The type itself holds only what was rendered and what a viewer needs: no script, status,
    // versions, prompts or candidates to leak, whoever asks.
    const fields = async (type: string) =>
      (await gqlOk(`query($t: String!) { __type(name: $t) { fields { name } } }`, { t: type })).__type.fields.map((f: any) => f.name).sort();
    expect(await fields('Reel')).toEqual(['durationMs', 'id', 'language', 'mode', 'publishedAt', 'scenes', 'thumbnail', 'title', 'video']);
    expect(await fields('ReelScene')).toEqual(['durationMs', 'narration', 'position', 'startMs']);
  });

  it('a published reel keeps what was rendered through every later edit, move, removal, picture and render', async () => {
    const alice = await createUser('alice');
    const { script, render, project } = await seedReel(alice, { title: 'Owls', scenes: 3 });
    const READ = `query($id: ID!) { node(id: $id) { ... on Reel { title scenes(first: 10) { edges { node { position narration } } } } } }`;
    const RENDER = `query($id: ID!) { node(id: $id) { ... on Render { title scenes(first: 10) { edges { node {
      position narration imageQuery aiImagePrompt sceneVersion contentHash picture { id } scene { id } } } } } } }`;
    const before = await gqlOk(READ, { id: reelId(render.id) });
    const renderBefore = await gqlOk(RENDER, { id: globalId('Render', render.id) }, alice.key);
    const scenes = await prisma.scene.findMany({ where: { scriptId: script.id }, orderBy: { position: 'asc' } });
    const sid = (i: number) => globalId('Scene', scenes[i]!.id);

    // The owner goes on editing the script: narration, queries, a move, a removal, a new picture, a title.
    const upd = await gqlOk(
      `mutation($id: ID!) { updateScene(input: { id: $id, version: 1, narration: "Rewritten later.", imageQuery: "owl at night" }) { __typename } }`,
      { id: sid(0) },
      alice.key,
    );
    expect(upd.updateScene.__typename).toBe('UpdateSceneSuccess');
    const moved = await gqlOk(`mutation($id: ID!) { moveScene(id: $id, position: 0) { __typename } }`, { id: sid(2) }, alice.key);
    expect(moved.moveScene.__typename).toBe('MoveSceneSuccess');
    const removed = await gqlOk(`mutation($id: ID!) { removeScene(id: $id) { __typename } }`, { id: sid(1) }, alice.key);
    expect(removed.removeScene.__typename).toBe('RemoveSceneSuccess');
    const fresh = await seedAsset(project.id, { sceneId: scenes[2]!.id });
    const picked = await gqlOk(
      `mutation($s: ID!, $a: ID) { selectSceneAsset(sceneId: $s, assetId: $a) { __typename } }`,
      { s: sid(2), a: globalId('Asset', fresh.id) },
      alice.key,
    );
    expect(picked.selectSceneAsset.__typename).toBe('SelectSceneAssetSuccess');
    await gqlOk(`mutation($id: ID!) { renameScript(id: $id, title: "Renamed") { __typename } }`, { id: globalId('Script', script.id) }, alice.key);
    await seedRender(script.id, alice.id, { status: 'SUCCEEDED', published: true, publishedAt: new Date(BASE) });

    expect(await gqlOk(READ, { id: reelId(render.id) })).toEqual(before);
    expect(await gqlOk(RENDER, { id: globalId('Render', render.id) }, alice.key)).toEqual({
      node: {
        ...renderBefore.node,
        // The removed scene is still rendered; only its link to the live scene is gone.
        scenes: { edges: renderBefore.node.scenes.edges.map((e: any, i: number) => (i === 1 ? { node: { ...e.node, scene: null } } : e)) },
      },
    });
    expect(before.node.title).toBe('Owls');
    // The picture the removed scene rendered with survives it (its candidates do not).
    const removedPicture = renderBefore.node.scenes.edges[1].node.picture.id;
    expect(await prisma.asset.findUnique({ where: { id: rawId(removedPicture) } })).not.toBeNull();
    expect(await prisma.asset.count({ where: { sceneId: scenes[1]!.id } })).toBe(0);
  });

  it('rendered scenes carry a content hash: equal where a scene did not change between two renders', async () => {
    const alice = await createUser('alice');
    const { script, render: first } = await seedReel(alice, { title: 'Bees', scenes: 3, published: false });
    const scenes = await prisma.scene.findMany({ where: { scriptId: script.id }, orderBy: { position: 'asc' } });
    await gqlOk(
      `mutation($id: ID!) { updateScene(input: { id: $id, version: 1, narration: "Bees dance." }) { __typename } }`,
      { id: globalId('Scene', scenes[1]!.id) },
      alice.key,
    );
    const second = await seedRender(script.id, alice.id, { status: 'SUCCEEDED' });
    const hashes = async (id: string) =>
      (
        await gqlOk(
          `query($id: ID!) { node(id: $id) { ... on Render { scenes(first: 10) { edges { node { contentHash sceneVersion } } } } } }`,
          { id: globalId('Render', id) },
          alice.key,
        )
      ).node.scenes.edges.map((e: any) => e.node);
    const [a, b] = [await hashes(first.id), await hashes(second.id)];
    expect(a.map((s: any) => s.contentHash)).toHaveLength(3);
    expect(b[0].contentHash).toBe(a[0].contentHash);
    expect(b[2].contentHash).toBe(a[2].contentHash);
    expect(b[1].contentHash).not.toBe(a[1].contentHash);
    expect(b[1].sceneVersion).toBe(a[1].sceneVersion + 1);
    // Another user cannot read a render's scenes by id.
    const bob = await createUser('bob');
    const row = await prisma.renderedScene.findFirstOrThrow({ where: { renderId: first.id } });
    expect((await gqlOk(`query($id: ID!) { node(id: $id) { id } }`, { id: globalId('RenderedScene', row.id) }, bob.key)).node).toBeNull();
  });

  it("Reel.durationMs is the video's length; processing time stays on Render", async () => {
    const alice = await createUser('alice');
    const { render, video } = await seedReel(alice, { title: 'Timed' });
    await prisma.asset.update({ where: { id: video.id }, data: { durationMs: 31_250 } });
    await prisma.render.update({ where: { id: render.id }, data: { durationMs: 4_800 } });
    const reel = await gqlOk(`query($id: ID!) { node(id: $id) { ... on Reel { durationMs } } }`, { id: reelId(render.id) });
    expect(reel.node.durationMs).toBe(31_250);
    const own = await gqlOk(
      `query($id: ID!) { node(id: $id) { ... on Render { durationMs output { durationMs } } } }`,
      { id: globalId('Render', render.id) },
      alice.key,
    );
    expect(own.node).toEqual({ durationMs: 4_800, output: { durationMs: 31_250 } });
  });

  it('the nested feed query runs as many SQL statements for 20 reels as for 2', async () => {
    const users = [await createUser('a'), await createUser('b'), await createUser('c')];
    for (let i = 0; i < 22; i++) {
      await seedReel(users[i % 3]!, { title: `Reel ${i}`, scenes: 3, assetsPerScene: 2, publishedAt: new Date(BASE + i * 1000) });
    }
    const FEED = `query($n: Int!) { reels(first: $n) { edges { node {
      title durationMs video { url } thumbnail { url }
      scenes(first: 10) { edges { node { position narration startMs durationMs } } }
    } } } }`;
    // The same with every totalCount asked for too.
    const COUNTED = `query($n: Int!) { reels(first: $n) { totalCount edges { node {
      title durationMs video { url } thumbnail { url }
      scenes(first: 10) { totalCount edges { node { position narration startMs durationMs } } }
    } } } }`;

    const measure = async (n: number, query = FEED) => {
      const { result, statements } = await countSql(() => gql(query, { n }));
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const edges = result.data.reels.edges;
      expect(edges).toHaveLength(n);
      // Fully loaded: every reel has its video and thumbnail at public URLs, and scenes as rendered.
      for (const e of edges) {
        expect(e.node.video.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/files\/public\//);
        expect(e.node.thumbnail.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/files\/public\//);
        expect(e.node.scenes.edges.map((s: any) => s.node.narration)).toEqual([0, 1, 2].map((i) => `${e.node.title} scene ${i}.`));
      }
      expect(edges[0].node.title).toBe('Reel 21');
      return statements;
    };

    await measure(2); // warm-up: connection pool, prepared plans
    const two = await measure(2);
    const twenty = await measure(20);
    console.log(`feed SQL statements: N=2 → ${two.length}, N=20 → ${twenty.length}`);
    console.log(two.map((s, i) => `  [${i}] ${s.slice(0, 160)}`).join('\n'));
    expect(twenty.length).toBe(two.length);

    const countedTwo = await measure(2, COUNTED);
    const countedTwenty = await measure(20, COUNTED);
    console.log(`feed SQL statements with totalCounts: N=2 → ${countedTwo.length}, N=20 → ${countedTwenty.length}`);
    expect(countedTwenty.length).toBe(countedTwo.length);
  });
});
