// YouTube publishing against a fake Google and a fake YouTube on 127.0.0.1 (test/fakes/youtube.ts),
// through the real API server, a real publish worker, Postgres and Redis: connecting a channel
// (OAuth code + PKCE + state), publishing with the resumable protocol (cuts, expired tokens, quota,
// revoked grants), refusals before any upload, disconnecting, and the built-in sandbox end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, CLIENT_ID, CLIENT_SECRET, startFakeGoogle } from './fakes/youtube.js';

const fake = await startFakeGoogle();
Object.assign(process.env, {
  GOOGLE_ISSUER: fake.url,
  GOOGLE_CLIENT_ID: CLIENT_ID,
  GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
  YOUTUBE_API_URL: fake.url,
  YOUTUBE_CHUNK_KB: '256',
  YOUTUBE_POLL_MS: '20',
});

const { createUser, globalId, gql, gqlOk, prisma, rawId } = await import('./helpers.js');
const { closeRenderInfra, collect, startWorkers, wsClient } = await import('./renderHelpers.js');
const { PUBLISH, publishInput, renderWithVideo, seedChannel, waitForPublication } = await import('./publishHelpers.js');
const { startServer } = await import('../src/server.js');
const { env } = await import('../src/config.js');
const { ensureSandboxChannel } = await import('../src/publish/sandbox/channel.js');
const { closeConnectStore } = await import('../src/publish/connect.js');
const { sandboxToken } = await import('../src/publish/sandbox/token.js');
const { putChunk, queryUpload, startResumableUpload } = await import('../src/publish/youtubeApi.js');
const { startSession } = await import('../src/auth/sessions.js');
const { sessionCookieName } = await import('../src/auth/cookies.js');

/** The user's browser: signed in to reelforge (a session cookie), as the person who consents. */
async function browserOf(user: TestUser): Promise<{ cookie: string }> {
  const { token } = await startSession(user.id, 'demo', 'test browser');
  return { cookie: `${sessionCookieName()}=${token}` };
}

type TestUser = Awaited<ReturnType<typeof createUser>>;
let server: Awaited<ReturnType<typeof startServer>>;
let workers: Awaited<ReturnType<typeof startWorkers>>;
let base = '';
let alice: TestUser;

beforeAll(async () => {
  server = await startServer(0, '127.0.0.1');
  base = server.url.replace(/\/graphql$/, '');
  // The callback's redirect URI and the sandbox's URLs hang off PUBLIC_URL.
  env.PUBLIC_URL = base;
  workers = startWorkers(['publish', 'account']);
  alice = await createUser('alice');
});

afterAll(async () => {
  await server?.close();
  await closeRenderInfra(workers);
  await closeConnectStore();
  await fake.close();
});

const CONNECT = `mutation($returnTo: String) { connectYouTube(returnTo: $returnTo) {
  __typename ... on ConnectYouTubeSuccess { data { url expiresAt } } ... on ValidationError { message fields { path message } } ... on Error { message } } }`;

/** Starts connectYouTube and plays the browser up to Google's redirect back (not following it). */
async function consent(user: TestUser, returnTo?: string) {
  const r = await gqlOk(CONNECT, { returnTo }, user.key);
  expect(r.connectYouTube.__typename).toBe('ConnectYouTubeSuccess');
  const url = new URL(r.connectYouTube.data.url);
  const atGoogle = await fetch(url, { redirect: 'manual' });
  expect(atGoogle.status).toBe(302);
  return { authorizeUrl: url, callback: new URL(atGoogle.headers.get('location')!) };
}

describe('connectYouTube', () => {
  it('asks Google for upload + read-only scopes, offline, with consent, PKCE and state; the callback stores the channel with its token sealed', async () => {
    const { authorizeUrl, callback } = await consent(alice);
    const q = authorizeUrl.searchParams;
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${fake.url}/o/oauth2/v2/auth`);
    expect(q.get('scope')!.split(' ').sort()).toEqual(['https://www.googleapis.com/auth/youtube.readonly', 'https://www.googleapis.com/auth/youtube.upload']);
    expect(q.get('access_type')).toBe('offline');
    expect(q.get('prompt')).toBe('consent');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('redirect_uri')).toBe(`${base}/auth/youtube/callback`);
    expect(callback.href.startsWith(`${base}/auth/youtube/callback?`)).toBe(true);

    const done = await fetch(callback, { redirect: 'manual', headers: await browserOf(alice) });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.text()).toContain(`&#34;${CHANNEL.title}&#34; is connected`);
    const rows = await prisma.youTubeChannel.findMany({ where: { userId: alice.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ channelId: CHANNEL.id, title: CHANNEL.title, thumbnailUrl: CHANNEL.thumbnail, sandbox: false, tokenKeyId: 'dev-insecure' });
    // The refresh token Google issued is nowhere in the row in clear.
    const issued = [...fake.refreshTokens].at(-1)!;
    expect(JSON.stringify(row)).not.toContain(issued);
    expect(JSON.stringify(row)).not.toContain(issued.slice(3));

    const viewer = await gqlOk(
      '{ viewer { youtubeChannels(first: 10) { totalCount edges { node { id channelId title thumbnailUrl sandbox } } } } }',
      {},
      alice.key,
    );
    expect(viewer.viewer.youtubeChannels).toEqual({
      totalCount: 1,
      edges: [
        { node: { id: globalId('YouTubeChannel', row.id), channelId: CHANNEL.id, title: CHANNEL.title, thumbnailUrl: CHANNEL.thumbnail, sandbox: false } },
      ],
    });

    // Replaying the same callback finds its state used: refused, nothing added or changed.
    const replay = await fetch(callback, { redirect: 'manual', headers: await browserOf(alice) });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/unknown, expired .* or already used/);
    expect(await prisma.youTubeChannel.findMany({ where: { userId: alice.id } })).toEqual(rows);
  });

  it('refuses forged or missing state, a declined consent, a code that is not Google’s, and a returnTo elsewhere; stores nothing', async () => {
    const before = await prisma.youTubeChannel.count();
    const { callback } = await consent(alice);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-0123456789abcdef');
    let r = await fetch(forged);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/unknown, expired/);
    const noState = new URL(callback);
    noState.searchParams.delete('state');
    r = await fetch(noState);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/no state/);
    // The real state, a wrong code: Google refuses the exchange (and the state is spent).
    const wrongCode = new URL(callback);
    wrongCode.searchParams.set('code', '4/not-a-real-code');
    r = await fetch(wrongCode, { headers: await browserOf(alice) });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/Google refused the authorization code \(invalid_grant\)/);
    // Declined at Google.
    const { callback: second } = await consent(alice);
    const declined = new URL(`${base}/auth/youtube/callback`);
    declined.searchParams.set('error', 'access_denied');
    declined.searchParams.set('state', second.searchParams.get('state')!);
    r = await fetch(declined);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/declined access/);
    expect(await prisma.youTubeChannel.count()).toBe(before);

    for (const returnTo of ['https://evil.example/steal', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const v = await gqlOk(CONNECT, { returnTo }, alice.key);
      expect(v.connectYouTube.__typename, returnTo).toBe('ValidationError');
      expect(v.connectYouTube.fields[0].path).toEqual(['returnTo']);
    }
  });

  it('refuses a callback brought by a browser not signed in as the user who started it (a consent link sent to someone else); stores nothing', async () => {
    const mallory = await createUser('mallory');
    const victim = await createUser('victim');
    for (const headers of [{}, await browserOf(victim)]) {
      // Mallory starts a connection; the victim consents at Google with their own account.
      const { callback } = await consent(mallory);
      const r = await fetch(callback, { redirect: 'manual', headers });
      expect(r.status).toBe(403);
      expect(await r.text()).toMatch(/Sign in to reelforge in this browser as the account that asked to connect YouTube/);
    }
    expect(await prisma.youTubeChannel.count({ where: { userId: { in: [mallory.id, victim.id] } } })).toBe(0);
  });

  it('sends the browser back to returnTo (a path of the app) with the new channel id', async () => {
    const bob = await createUser('bob');
    const { callback } = await consent(bob, '/studio/account');
    const r = await fetch(callback, { redirect: 'manual', headers: await browserOf(bob) });
    expect(r.status).toBe(303);
    const to = new URL(r.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${base}/studio/account`);
    const row = await prisma.youTubeChannel.findFirstOrThrow({ where: { userId: bob.id } });
    expect(to.searchParams.get('channel')).toBe(globalId('YouTubeChannel', row.id));
  });
});

const SUB = `subscription($id: ID!) { publicationProgress(id: $id) { kind status progress bytesConfirmed publication { videoId watchUrl } } }`;

describe('publishRender', () => {
  it('uploads with the resumable protocol as a Short, live progress from SNAPSHOT to PUBLISHED, stage timings stored', async () => {
    const { channel } = await seedChannel(alice, fake);
    const { renderId, data } = await renderWithVideo(alice, { bytes: 700_000 });
    const videosBefore = fake.videos.length;
    const r = await gqlOk(
      PUBLISH,
      { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id), { tags: ['bees', 'honey'] }) },
      alice.key,
    );
    expect(r.publishRender.__typename, JSON.stringify(r)).toBe('PublishRenderSuccess');
    expect(r.publishRender.data.status).toBe('QUEUED');
    const id = r.publishRender.data.id;
    const client = wsClient(server.url, alice.key);
    const live = collect(client, SUB, { id });
    await live.done;
    await client.dispose();
    expect(live.errors).toEqual([]);
    const kinds = live.events.map((e) => `${e.publicationProgress.kind}:${e.publicationProgress.status}`);
    expect(kinds[0]).toMatch(/^SNAPSHOT:/);
    expect(kinds.at(-1)).toBe('STATUS:PUBLISHED');
    expect(kinds).toContain('STATUS:PROCESSING');
    const progress = live.events.filter((e) => e.publicationProgress.kind === 'UPLOAD_PROGRESS').map((e) => e.publicationProgress.bytesConfirmed);
    // 700,000 bytes in 256 KiB chunks: YouTube confirmed 262,144 then 524,288 (any that arrived after the subscription).
    expect(progress.every((b: number) => b % 262_144 === 0 && b > 0 && b < data.length)).toBe(true);

    expect(fake.videos.length).toBe(videosBefore + 1);
    const video = fake.videos.at(-1)!;
    expect(video.bytes.equals(data)).toBe(true);
    expect(video.metadata).toEqual({
      snippet: { title: 'How honey is made', description: 'Bees at work.', tags: ['bees', 'honey'], categoryId: '22' },
      status: { privacyStatus: 'private', selfDeclaredMadeForKids: false, containsSyntheticMedia: true },
    });
    const p = await gqlOk(
      `query($id: ID!) { node(id: $id) { ... on Publication { status progress videoId watchUrl error { code } bytesConfirmed bytesTotal stages { name startedAt finishedAt durationMs } render { id } channel { id } } } }`,
      { id },
      alice.key,
    );
    expect(p.node).toMatchObject({
      status: 'PUBLISHED',
      progress: 1,
      videoId: video.id,
      watchUrl: `https://www.youtube.com/shorts/${video.id}`,
      error: null,
      bytesConfirmed: data.length,
      bytesTotal: data.length,
    });
    expect(p.node.stages.map((s: any) => s.name)).toEqual(['queued', 'upload', 'processing']);
    for (const s of p.node.stages) expect(s.durationMs, s.name).toBeGreaterThanOrEqual(0);
    const row = await prisma.publication.findUniqueOrThrow({ where: { id: rawId(id) } });
    expect(row.uploadUri).toMatch(/upload_id=/);
    // Listed on the render.
    const listed = await gqlOk(
      `query($id: ID!) { node(id: $id) { ... on Render { publications(first: 5) { totalCount edges { node { id } } } } } }`,
      { id: globalId('Render', renderId) },
      alice.key,
    );
    expect(listed.node.publications.edges.map((e: any) => e.node.id)).toEqual([id]);
  });

  it('resumes after a connection cut mid-chunk from the byte YouTube confirmed: every byte accepted once, one video', async () => {
    const { channel } = await seedChannel(alice, fake);
    const { renderId, data } = await renderWithVideo(alice, { bytes: 900_000 });
    const videosBefore = fake.videos.length;
    const queriesBefore = fake.statusQueries;
    fake.knobs.cutNextPutAfter = 100_000;
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const done = await waitForPublication(rawId(r.publishRender.data.id));
    expect(done.status, `${done.errorCode}: ${done.errorMessage}`).toBe('PUBLISHED');
    expect(fake.videos.length).toBe(videosBefore + 1);
    expect(fake.videos.at(-1)!.bytes.equals(data)).toBe(true);
    const session = [...fake.sessions.values()].find((s) => s.videoId === done.videoId)!;
    const accepted = fake.accepted.filter((a) => a.session === session.id);
    // Contiguous, never overlapping: nothing was uploaded twice.
    expect(accepted.reduce((n, a) => (a.start === n ? n + a.length : -1), 0)).toBe(data.length);
    // After the cut it asked where YouTube stood (bytes */N) instead of starting over.
    expect(fake.statusQueries).toBeGreaterThan(queriesBefore);
  });

  it('refreshes an access token that expires mid-upload and carries on', async () => {
    const { channel, refreshToken } = await seedChannel(alice, fake);
    const { renderId, data } = await renderWithVideo(alice, { bytes: 800_000 });
    const grantsBefore = fake.grants.filter((g) => g.refreshToken === refreshToken).length;
    fake.knobs.expireTokenAfterChunks = fake.accepted.length + 1;
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const done = await waitForPublication(rawId(r.publishRender.data.id));
    expect(done.status, `${done.errorCode}: ${done.errorMessage}`).toBe('PUBLISHED');
    expect(fake.videos.find((v) => v.id === done.videoId)!.bytes.equals(data)).toBe(true);
    // One grant at the start, one more after the 401.
    expect(fake.grants.filter((g) => g.refreshToken === refreshToken).length - grantsBefore).toBe(2);
  });

  it('ends FAILED with a clear message when the quota is used up; retryPublication after the reset publishes', async () => {
    const { channel } = await seedChannel(alice, fake);
    const { renderId } = await renderWithVideo(alice, { bytes: 300_000 });
    fake.knobs.quotaExceeded = true;
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const id = r.publishRender.data.id;
    const failed = await waitForPublication(rawId(id));
    expect(failed.status).toBe('FAILED');
    expect(failed.errorCode).toBe('QUOTA_EXCEEDED');
    expect(failed.errorMessage).toMatch(/quota is used up \(quotaExceeded\).*midnight Pacific.*retryPublication/);
    // Not retried by the queue: a quota error waits for the reset.
    const initiations = fake.initiations;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fake.initiations).toBe(initiations);

    fake.knobs.quotaExceeded = false;
    const retry = await gqlOk(
      `mutation($id: ID!) { retryPublication(id: $id) { __typename ... on RetryPublicationSuccess { data { status error { code } } } ... on Error { message } } }`,
      { id },
      alice.key,
    );
    expect(retry.retryPublication).toEqual({ __typename: 'RetryPublicationSuccess', data: { status: 'QUEUED', error: null } });
    const done = await waitForPublication(rawId(id));
    expect(done.status, `${done.errorCode}: ${done.errorMessage}`).toBe('PUBLISHED');
    expect(done.attempt).toBe(1);
    // A PUBLISHED publication is not retried.
    const again = await gqlOk(`mutation($id: ID!) { retryPublication(id: $id) { __typename ... on ValidationError { message } } }`, { id }, alice.key);
    expect(again.retryPublication.message).toMatch(/only a FAILED publication can be retried \(this one is PUBLISHED\)/);
  });

  it('asks the user to reconnect when Google revoked the grant', async () => {
    const { channel, refreshToken } = await seedChannel(alice, fake);
    fake.refreshTokens.delete(refreshToken);
    const { renderId } = await renderWithVideo(alice, { bytes: 300_000 });
    const initiations = fake.initiations;
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const failed = await waitForPublication(rawId(r.publishRender.data.id));
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'RECONNECT_REQUIRED' });
    expect(failed.errorMessage).toMatch(/revoked or has expired: connect the channel again \(connectYouTube\)/);
    expect(fake.initiations).toBe(initiations);
  });

  it('stays PROCESSING while YouTube processes, then PUBLISHED; a video YouTube rejects ends FAILED saying why', async () => {
    const { channel } = await seedChannel(alice, fake);
    const ok = await renderWithVideo(alice, { bytes: 200_000 });
    fake.knobs.processingPolls = 3;
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', ok.renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
    const id = rawId(r.publishRender.data.id);
    const seen = new Set<string>();
    for (;;) {
      const p = await prisma.publication.findUniqueOrThrow({ where: { id } });
      seen.add(p.status);
      if (p.status === 'PUBLISHED' || p.status === 'FAILED') break;
      await new Promise((res) => setTimeout(res, 5));
    }
    expect(seen.has('PROCESSING')).toBe(true);
    expect(fake.knobs.processingPolls).toBe(0);
    expect((await prisma.publication.findUniqueOrThrow({ where: { id } })).status).toBe('PUBLISHED');

    const bad = await renderWithVideo(alice, { bytes: 200_000 });
    fake.knobs.processedAs = 'rejected';
    try {
      const r2 = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', bad.renderId), globalId('YouTubeChannel', channel.id)) }, alice.key);
      const failed = await waitForPublication(rawId(r2.publishRender.data.id));
      expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'REJECTED', errorMessage: 'YouTube rejected the video (duplicate)' });
      expect(failed.videoId).not.toBeNull();
    } finally {
      fake.knobs.processedAs = 'processed';
    }
  });

  it('refuses a reel over 180 s, a landscape one, a render that did not succeed, bad metadata and another user’s channel, before any upload and storing nothing', async () => {
    const { channel } = await seedChannel(alice, fake);
    const channelId = globalId('YouTubeChannel', channel.id);
    const long = await renderWithVideo(alice, { durationMs: 181_000, bytes: 1_000 });
    const wide = await renderWithVideo(alice, { width: 854, height: 480, bytes: 1_000 });
    const square = await renderWithVideo(alice, { width: 720, height: 720, bytes: 1_000 });
    const bob = await createUser('bob');
    const bobs = await seedChannel(bob, fake);
    const requests = fake.initiations;
    const count = await prisma.publication.count();
    const cases: [Record<string, unknown>, RegExp, string[]][] = [
      [publishInput(globalId('Render', long.renderId), channelId), /181\.0 s long; a YouTube Short is at most 180 s/, ['renderId']],
      [publishInput(globalId('Render', wide.renderId), channelId), /854×480 \(landscape\); a YouTube Short is vertical or square/, ['renderId']],
      [publishInput(globalId('Render', square.renderId), channelId, { title: 'x'.repeat(101) }), /at most 100 characters/, ['input', 'title']],
      [publishInput(globalId('Render', square.renderId), channelId, { title: 'a <b> title' }), /must not contain "<" or ">"/, ['input', 'title']],
      [
        publishInput(globalId('Render', square.renderId), channelId, {
          tags: ['x'.repeat(90), 'y'.repeat(90), 'z'.repeat(90), 'w'.repeat(90), 'v'.repeat(90), 'u'.repeat(90)],
        }),
        /500 characters together/,
        ['input', 'tags'],
      ],
      [
        publishInput(globalId('Render', square.renderId), channelId, { publishAt: new Date(Date.now() - 3_600_000).toISOString() }),
        /at least a minute in the future/,
        ['publishAt'],
      ],
      [
        publishInput(globalId('Render', square.renderId), channelId, { privacy: 'PUBLIC', publishAt: new Date(Date.now() + 86_400_000).toISOString() }),
        /must be PRIVATE until then/,
        ['privacy'],
      ],
    ];
    for (const [input, message, path] of cases) {
      const r = await gqlOk(PUBLISH, { input }, alice.key);
      expect(r.publishRender.__typename, JSON.stringify(r)).toBe('ValidationError');
      expect(r.publishRender.message).toMatch(message);
      expect(r.publishRender.fields[0].path).toEqual(path);
    }
    const stranger = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', square.renderId), globalId('YouTubeChannel', bobs.channel.id)) }, alice.key);
    expect(stranger.publishRender).toMatchObject({ __typename: 'NotFoundError', id: globalId('YouTubeChannel', bobs.channel.id) });
    // madeForKids is required: YouTube leaves uploads without it incomplete.
    const noKids = await gql(PUBLISH, { input: { ...publishInput(globalId('Render', square.renderId), channelId), madeForKids: undefined } }, alice.key);
    expect(noKids.errors?.[0]?.message).toMatch(/madeForKids/);
    expect(fake.initiations).toBe(requests);
    expect(await prisma.publication.count()).toBe(count);
  });
});

describe('disconnectYouTube', () => {
  const DISCONNECT = `mutation($id: ID!) { disconnectYouTube(channelId: $id) { __typename ... on DisconnectYouTubeSuccess { data } ... on Error { message } } }`;

  it('keeps the channel when Google cannot revoke, then revokes at Google and removes it (its publications stay)', async () => {
    const { channel, refreshToken } = await seedChannel(alice, fake);
    const id = globalId('YouTubeChannel', channel.id);
    fake.knobs.revokeFails = true;
    const kept = await gqlOk(DISCONNECT, { id }, alice.key);
    expect(kept.disconnectYouTube.__typename).toBe('ProviderFailedError');
    expect(kept.disconnectYouTube.message).toMatch(/Google could not be reached/);
    expect(await prisma.youTubeChannel.findUnique({ where: { id: channel.id } })).not.toBeNull();
    fake.knobs.revokeFails = false;
    const gone = await gqlOk(DISCONNECT, { id }, alice.key);
    expect(gone.disconnectYouTube).toEqual({ __typename: 'DisconnectYouTubeSuccess', data: id });
    expect(fake.revoked).toContain(refreshToken);
    expect(fake.refreshTokens.has(refreshToken)).toBe(false);
    expect(await prisma.youTubeChannel.findUnique({ where: { id: channel.id } })).toBeNull();
  });
});

describe('deleteAccount', () => {
  const DELETE = `mutation { deleteAccount { __typename ... on DeleteAccountSuccess { data { statusToken } } ... on Error { message } } }`;
  const STATUS = `query($t: String!) { accountDeletion(statusToken: $t) { status error } }`;

  it("revokes the account's YouTube grants at Google, retrying while Google cannot be reached", async () => {
    const carol = await createUser('carol');
    const { channel, refreshToken } = await seedChannel(carol, fake);
    fake.knobs.revokeFails = true;
    const tried = fake.revokeAttempts;
    const r = await gqlOk(DELETE, {}, carol.key);
    const token = r.deleteAccount.data.statusToken;
    // The first try fails at Google: the channel (and the user) stay until the grant has ended.
    await expect.poll(() => fake.revokeAttempts, { timeout: 20_000 }).toBeGreaterThan(tried);
    expect(await prisma.user.findUnique({ where: { id: carol.id } })).not.toBeNull();
    expect(await prisma.youTubeChannel.findUnique({ where: { id: channel.id } })).not.toBeNull();
    fake.knobs.revokeFails = false;
    await expect.poll(async () => (await gqlOk(STATUS, { t: token })).accountDeletion.status, { timeout: 60_000, interval: 200 }).toBe('DONE');
    expect(fake.revoked).toContain(refreshToken);
    expect(fake.refreshTokens.has(refreshToken)).toBe(false);
    expect(await prisma.youTubeChannel.findUnique({ where: { id: channel.id } })).toBeNull();
  });
});

describe('the YouTube sandbox', () => {
  it("keeps nothing of a deleted account's sandbox uploads", async () => {
    const { getStorage } = await import('../src/jobs/providers.js');
    const { sandboxFilesOf, sandboxVideoKey } = await import('../src/publish/sandbox/routes.js');
    const dora = await createUser('dora');
    const channel = await ensureSandboxChannel(dora.id);
    const { renderId } = await renderWithVideo(dora, { bytes: 300_000 });
    const r = await gqlOk(PUBLISH, { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id)) }, dora.key);
    const done = await waitForPublication(rawId(r.publishRender.data.id));
    expect(done.status).toBe('PUBLISHED');
    const storage = getStorage();
    const files = sandboxFilesOf(done);
    expect(files.keys).toContain(sandboxVideoKey(done.videoId!));
    for (const key of files.keys) expect(await storage.size(key), key).not.toBeNull();

    const del = await gqlOk(`mutation { deleteAccount { __typename ... on DeleteAccountSuccess { data { statusToken } } } }`, {}, dora.key);
    const token = del.deleteAccount.data.statusToken;
    await expect
      .poll(async () => (await gqlOk(`query($t: String!) { accountDeletion(statusToken: $t) { status } }`, { t: token })).accountDeletion.status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe('DONE');
    for (const key of files.keys) expect(await storage.size(key), key).toBeNull();
  });

  it('takes a publication end to end offline: stored upload, a local watch page that plays it', async () => {
    const demo = await createUser('demo');
    const channel = await ensureSandboxChannel(demo.id);
    expect(await ensureSandboxChannel(demo.id)).toEqual(channel); // idempotent
    const { renderId, data } = await renderWithVideo(demo, { bytes: 600_000 });
    const videos = fake.videos.length;
    const r = await gqlOk(
      PUBLISH,
      { input: publishInput(globalId('Render', renderId), globalId('YouTubeChannel', channel.id), { privacy: 'PUBLIC' }) },
      demo.key,
    );
    const done = await waitForPublication(rawId(r.publishRender.data.id));
    expect(done.status, `${done.errorCode}: ${done.errorMessage}`).toBe('PUBLISHED');
    expect(fake.videos.length).toBe(videos); // nothing went to (fake) YouTube
    expect(done.watchUrl).toBe(`${base}/sandbox/youtube/watch?v=${done.videoId}`);
    const page = await fetch(done.watchUrl!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('How honey is made');
    const src = /<video src="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&');
    // Storage URLs were fixed when this file's server started on PUBLIC_URL's port: same path here.
    const signed = new URL(src);
    const file = await fetch(`${base}${signed.pathname}${signed.search}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(data)).toBe(true);
    // The sandbox insists on what YouTube does: a token of ours.
    const anonymous = await fetch(`${base}/sandbox/youtube/upload/youtube/v3/videos?uploadType=resumable`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });
});

describe('the sandbox speaks the resumable protocol', () => {
  it('confirms bytes with 308 + Range, answers bytes */N, re-states its position to a misplaced chunk, and completes one video once', async () => {
    const user = await createUser('protocol');
    const channel = await ensureSandboxChannel(user.id);
    const token = sandboxToken(channel.id);
    const root = `${base}/sandbox/youtube`;
    const data = Buffer.alloc(600_000, 7);
    const meta = {
      title: 'Protocol',
      description: '',
      tags: [],
      privacy: 'private' as const,
      madeForKids: false,
      containsSyntheticMedia: true,
      publishAt: null,
    };
    const uri = await startResumableUpload(root, token, meta, data.length, 'video/mp4');
    expect(uri).toMatch(/upload_id=/);
    expect(await queryUpload(uri, token, data.length)).toEqual({ done: false, confirmed: 0 });
    expect(await putChunk(uri, token, data.subarray(0, 262_144), 0, data.length, 'video/mp4')).toEqual({ done: false, confirmed: 262_144 });
    expect(await queryUpload(uri, token, data.length)).toEqual({ done: false, confirmed: 262_144 });
    // A chunk from the wrong place is not stored: the answer says where the sandbox stands.
    expect(await putChunk(uri, token, data.subarray(0, 262_144), 0, data.length, 'video/mp4')).toEqual({ done: false, confirmed: 262_144 });
    const done = await putChunk(uri, token, data.subarray(262_144), 262_144, data.length, 'video/mp4');
    expect(done.done).toBe(true);
    // Asked again after completion: the same video, never a second one.
    expect(await queryUpload(uri, token, data.length)).toEqual(done);
    // Another channel's token cannot touch this session.
    const other = await ensureSandboxChannel((await createUser('other')).id);
    await expect(queryUpload(uri, sandboxToken(other.id), data.length)).rejects.toMatchObject({ kind: 'sessionGone' });
    // Without selfDeclaredMadeForKids YouTube leaves an upload incomplete; the sandbox refuses it outright.
    const res = await fetch(`${root}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-upload-content-length': '10' },
      body: JSON.stringify({ snippet: { title: 'x' }, status: { privacyStatus: 'private' } }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/selfDeclaredMadeForKids must be set/);
  });
});
