// The case table of test/authzMatrix.test.ts: for every root field, how to call it with one user's
// ids. A field that takes an id (an ID argument, or an input object with an ID field) needs an entry
// in ID_CASES; a field that takes none needs one in OPEN_FIELDS. The matrix fails on a field in
// neither, so a new field forces a new case here.
import { expect } from 'vitest';
import { startSession } from '../src/auth/sessions.js';
import { getQueue } from '../src/jobs/queues.js';
import { stageRowsFor } from '../src/jobs/stages.js';
import { newWebhookSecret } from '../src/notify/secrets.js';
import { ensureSandboxChannel } from '../src/publish/sandbox/channel.js';
import { globalId, gqlOk, prisma, rawId, seedAsset, seedRender, type TestUser } from './helpers.js';

export type Vars = Record<string, unknown>;

/** One user's objects, made through the API where there is an API for them; global ids throughout. */
export interface Fixture {
  user: TestUser;
  projectId: string;
  /** APPROVED, four scenes, renders below. */
  scriptId: string;
  /** A second script, DRAFT. */
  draftScriptId: string;
  /** A generated script whose generation FAILED (nothing written). */
  failedScriptId: string;
  sceneId: string;
  sceneVersion: number;
  /** An IMAGE candidate of `sceneId`, selected as its picture. */
  assetId: string;
  queuedRenderId: string;
  failedRenderId: string;
  /** SUCCEEDED and published: a public reel. */
  publishedRenderId: string;
  /** SUCCEEDED, not published. */
  privateRenderId: string;
  stageId: string;
  /** A key made with createApiKey (not the one the tests call with). */
  apiKeyId: string;
  /** A webhook endpoint (made in the database: its loopback URL is refused through the API here). */
  webhookEndpointId: string;
  /** A failed delivery of a render.failed event to it. */
  webhookDeliveryId: string;
  /** A signed-in session of the user (demo sign-in). */
  sessionId: string;
  /** The user's sandbox YouTube channel. */
  youtubeChannelId: string;
  /** A FAILED publication of the published render to that channel. */
  publicationId: string;
  /** One id of each Node type, for node/nodes. Reel: the private render (no reel for anyone). */
  nodes: Record<string, string>;
}

/** The other user's own project and script, for calls mixing their ids with the victim's. */
export interface OwnFixture {
  projectId: string;
  scriptId: string;
  sceneId: string;
}

const RESULT = '{ __typename ... on Error { message } ... on NotFoundError { id typename } }';
const NODE = '{ __typename id }';

async function call(key: string, field: string, doc: string, vars: Vars): Promise<any> {
  const data = await gqlOk(doc, vars, key);
  const value = data[field];
  if (!String(value?.__typename).endsWith('Success')) throw new Error(`fixture: ${field} answered ${JSON.stringify(value)}`);
  return value.data;
}

const TEXT = 'The sun rose over the harbour. Gulls circled the fishing boats. An old man mended his nets. Evening came quietly.';

async function projectWithScript(key: string, title: string) {
  const project = await call(
    key,
    'createProject',
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { __typename ... on CreateProjectSuccess { data { id } } ... on Error { message } } }`,
    { input: { title } },
  );
  const script = await call(
    key,
    'createScript',
    `mutation($input: CreateScriptInput!) { createScript(input: $input) { __typename ... on CreateScriptSuccess { data { id scenes(first: 20) { edges { node { id } } } } } ... on Error { message } } }`,
    { input: { projectId: project.id, text: TEXT } },
  );
  return { projectId: project.id as string, scriptId: script.id as string, sceneIds: script.scenes.edges.map((e: any) => e.node.id as string) };
}

async function renderWithStages(
  scriptId: string,
  ownerId: string,
  sceneIds: string[],
  status: 'QUEUED' | 'FAILED' | 'SUCCEEDED',
  extra: { published?: boolean; publishedAt?: Date } = {},
) {
  const finished = status === 'QUEUED' ? {} : { startedAt: new Date(Date.now() - 5000), finishedAt: new Date(), durationMs: 5000 };
  const render = await seedRender(rawId(scriptId), ownerId, { status, ...extra });
  await prisma.render.update({
    where: { id: render.id },
    data: {
      ...finished,
      progress: status === 'SUCCEEDED' ? 1 : 0,
      ...(status === 'FAILED' ? { errorStage: 'media:0', errorMessage: 'no picture found' } : {}),
    },
  });
  const rows = stageRowsFor(
    render.id,
    sceneIds.map((id, position) => ({ id: rawId(id), position })),
  );
  await prisma.renderStage.createMany({
    data: rows.map((row) => ({
      ...row,
      status: status === 'SUCCEEDED' ? 'SUCCEEDED' : status === 'FAILED' && row.name === 'media:0' ? 'FAILED' : 'PENDING',
      progress: status === 'SUCCEEDED' ? 1 : 0,
    })),
  });
  return render;
}

/** Builds `user`'s fixture: project, scripts and scenes through the API; assets and renders in the database. */
export async function buildFixture(user: TestUser): Promise<Fixture> {
  const { key } = user;
  const main = await projectWithScript(key, 'Harbour');
  const [sceneId, ...rest] = main.sceneIds;
  if (!sceneId || rest.length < 1) throw new Error(`fixture: the script needs two scenes, has ${main.sceneIds.length}`);
  // Independent parts in parallel: a picture for the first scene (then approval), a second script, a
  // failed generation, four renders and a spare API key.
  const picture = (async () => {
    const asset = await seedAsset(rawId(main.projectId), { sceneId: rawId(sceneId) });
    const assetId = globalId('Asset', asset.id);
    await call(
      key,
      'selectSceneAsset',
      `mutation($sceneId: ID!, $assetId: ID) { selectSceneAsset(sceneId: $sceneId, assetId: $assetId) { __typename ... on SelectSceneAssetSuccess { data { id } } ... on Error { message } } }`,
      { sceneId, assetId },
    );
    await call(
      key,
      'approveScript',
      `mutation($id: ID!) { approveScript(id: $id) { __typename ... on ApproveScriptSuccess { data { id } } ... on Error { message } } }`,
      { id: main.scriptId },
    );
    return assetId;
  })();
  const publishedRender = (async () => {
    const published = await renderWithStages(main.scriptId, user.id, main.sceneIds, 'SUCCEEDED', { published: true, publishedAt: new Date() });
    const video = await seedAsset(rawId(main.projectId), { renderId: published.id, kind: 'VIDEO' });
    // A vertical 30 s reel: one YouTube takes as a Short (publishRender checks).
    await prisma.asset.update({ where: { id: video.id }, data: { width: 480, height: 854, durationMs: 30_000, mime: 'video/mp4' } });
    const thumb = await seedAsset(rawId(main.projectId), { renderId: published.id, kind: 'IMAGE' });
    await prisma.render.update({ where: { id: published.id }, data: { outputAssetId: video.id, thumbnailAssetId: thumb.id } });
    return published;
  })();
  const [assetId, draft, failed, queued, failedRender, published, privateRender, created, signedIn] = await Promise.all([
    picture,
    call(
      key,
      'createScript',
      `mutation($input: CreateScriptInput!) { createScript(input: $input) { __typename ... on CreateScriptSuccess { data { id } } ... on Error { message } } }`,
      { input: { projectId: main.projectId, text: 'A second tale. It is short.', title: 'Draft' } },
    ),
    prisma.script.create({
      data: {
        projectId: rawId(main.projectId),
        ownerId: user.id,
        title: 'Owls',
        status: 'FAILED',
        prompt: 'How owls fly silently',
        writerModel: 'pending',
        failureReason: 'every writer failed',
      },
    }),
    renderWithStages(main.scriptId, user.id, main.sceneIds, 'QUEUED'),
    renderWithStages(main.scriptId, user.id, main.sceneIds, 'FAILED'),
    publishedRender,
    renderWithStages(main.scriptId, user.id, main.sceneIds, 'SUCCEEDED'),
    call(
      key,
      'createApiKey',
      `mutation { createApiKey(name: "spare") { __typename ... on CreateApiKeySuccess { data { apiKey { id } } } ... on Error { message } } }`,
      {},
    ),
    startSession(user.id, 'demo', 'authz matrix'),
  ]);
  const stage = await prisma.renderStage.findFirstOrThrow({ where: { renderId: queued.id, name: 'media:0' } });
  // Loopback, which this file does not allow: the owner's test delivery fails at once, sending nothing.
  const endpoint = await prisma.webhookEndpoint.create({
    data: { userId: user.id, url: 'http://127.0.0.1:9999/hook', events: ['render.failed', 'render.succeeded'], secret: newWebhookSecret() },
  });
  const message = await prisma.webhookMessage.create({
    data: {
      endpointId: endpoint.id,
      eventType: 'render.failed',
      body: '{"type":"render.failed"}',
      status: 'FAILED',
      attempts: 1,
      runAttempts: 1,
      jobId: 'fixture',
    },
  });
  const delivery = await prisma.webhookDelivery.create({
    data: { messageId: message.id, endpointId: endpoint.id, attempt: 1, status: 'FAILED', responseStatus: 500, durationMs: 12, error: 'HTTP 500' },
  });
  const channel = await ensureSandboxChannel(user.id);
  const publication = await prisma.publication.create({
    data: {
      renderId: published.id,
      ownerId: user.id,
      channelId: channel.id,
      title: 'Harbour',
      privacy: 'PRIVATE',
      madeForKids: false,
      status: 'FAILED',
      errorCode: 'QUOTA_EXCEEDED',
      errorMessage: "YouTube's quota is used up",
      finishedAt: new Date(),
    },
  });
  const scene = await prisma.scene.findUniqueOrThrow({ where: { id: rawId(sceneId) } });
  const renderedScene = await prisma.renderedScene.findFirstOrThrow({ where: { renderId: queued.id, position: 0 } });
  const fx: Fixture = {
    user,
    projectId: main.projectId,
    scriptId: main.scriptId,
    draftScriptId: draft.id,
    failedScriptId: globalId('Script', failed.id),
    sceneId,
    sceneVersion: scene.version,
    assetId,
    queuedRenderId: globalId('Render', queued.id),
    failedRenderId: globalId('Render', failedRender.id),
    publishedRenderId: globalId('Render', published.id),
    privateRenderId: globalId('Render', privateRender.id),
    stageId: globalId('RenderStage', stage.id),
    apiKeyId: created.apiKey.id,
    webhookEndpointId: globalId('WebhookEndpoint', endpoint.id),
    webhookDeliveryId: globalId('WebhookDelivery', delivery.id),
    sessionId: globalId('Session', signedIn.session.id),
    youtubeChannelId: globalId('YouTubeChannel', channel.id),
    publicationId: globalId('Publication', publication.id),
    nodes: {},
  };
  fx.nodes = {
    ApiKey: fx.apiKeyId,
    Asset: fx.assetId,
    Project: fx.projectId,
    Reel: globalId('Reel', privateRender.id),
    Render: fx.queuedRenderId,
    RenderStage: fx.stageId,
    RenderedScene: globalId('RenderedScene', renderedScene.id),
    Scene: fx.sceneId,
    Script: fx.scriptId,
    Session: fx.sessionId,
    User: globalId('User', user.id),
    WebhookDelivery: fx.webhookDeliveryId,
    WebhookEndpoint: fx.webhookEndpointId,
    YouTubeChannel: fx.youtubeChannelId,
    Publication: fx.publicationId,
  };
  return fx;
}

export async function buildOwnFixture(user: TestUser): Promise<OwnFixture> {
  const own = await projectWithScript(user.key, 'Mine');
  return { projectId: own.projectId, scriptId: own.scriptId, sceneId: own.sceneIds[0]! };
}

/** Every global id of the fixture (the values a refusal may name). */
export function fixtureIds(fx: Fixture): Set<string> {
  const ids = new Set<string>(Object.values(fx.nodes));
  for (const [k, v] of Object.entries(fx)) if (k.endsWith('Id') && typeof v === 'string') ids.add(v);
  return ids;
}

export interface Variant {
  label: string;
  vars: Vars;
  /** Run by the owner too, as the positive control (default true). */
  control?: boolean;
}

export interface IdCase {
  /** Selection set on the field. */
  select: string;
  variants: (victim: Fixture, own: OwnFixture) => Variant[];
  /** Changes nothing even for the owner: the control runs on the victim's own fixture, by the victim. */
  readOnly?: boolean;
  /** The File argument sent as a multipart part (GraphQL multipart request). */
  multipartFile?: string;
  /** What the owner's own call must answer, when not a `…Success`. */
  controlTypename?: string;
  controlMessage?: RegExp;
}

/** Fields that take an id. Keyed by schema coordinate. */
export const ID_CASES: Record<string, IdCase> = {
  'Query.node': {
    select: NODE,
    readOnly: true,
    variants: (v) => Object.entries(v.nodes).map(([type, id]) => ({ label: type, vars: { id }, control: type !== 'Reel' })),
  },
  'Query.nodes': {
    select: NODE,
    readOnly: true,
    variants: (v) => [
      {
        label: 'one of each type',
        vars: {
          ids: Object.entries(v.nodes)
            .filter(([t]) => t !== 'Reel')
            .map(([, id]) => id),
        },
      },
      { label: 'an unpublished reel', vars: { ids: [v.nodes.Reel] }, control: false },
    ],
  },
  'Mutation.addScene': { select: RESULT, variants: (v) => [{ label: 'scriptId', vars: { input: { scriptId: v.scriptId, narration: 'Bob was here.' } } }] },
  'Mutation.approveScript': { select: RESULT, variants: (v) => [{ label: 'draft script', vars: { id: v.draftScriptId } }] },
  'Mutation.cancelRender': { select: RESULT, variants: (v) => [{ label: 'queued render', vars: { id: v.queuedRenderId } }] },
  'Mutation.createScript': {
    select: RESULT,
    variants: (v) => [{ label: 'projectId', vars: { input: { projectId: v.projectId, text: 'Bob writes here. Twice.' } } }],
  },
  'Mutation.disconnectYouTube': { select: RESULT, variants: (v) => [{ label: 'sandbox channel', vars: { channelId: v.youtubeChannelId } }] },
  'Mutation.publishRender': {
    select: RESULT,
    variants: (v) => [
      {
        label: "victim's render to victim's channel",
        vars: { input: { renderId: v.publishedRenderId, channelId: v.youtubeChannelId, title: 'Bob publishes', privacy: 'PUBLIC', madeForKids: false } },
      },
    ],
  },
  'Mutation.retryPublication': { select: RESULT, variants: (v) => [{ label: 'failed publication', vars: { id: v.publicationId } }] },
  'Mutation.deleteProject': { select: RESULT, variants: (v) => [{ label: 'project', vars: { id: v.projectId } }] },
  'Mutation.deleteScript': { select: RESULT, variants: (v) => [{ label: 'script with renders', vars: { id: v.scriptId } }] },
  'Mutation.enqueueRender': { select: RESULT, variants: (v) => [{ label: 'approved script', vars: { scriptId: v.scriptId, options: {} } }] },
  'Mutation.generateScript': {
    select: RESULT,
    variants: (v) => [{ label: 'projectId', vars: { input: { projectId: v.projectId, prompt: 'Owls at night' } } }],
  },
  'Mutation.moveScene': { select: RESULT, variants: (v) => [{ label: 'scene', vars: { id: v.sceneId, position: 1 } }] },
  'Mutation.removeScene': { select: RESULT, variants: (v) => [{ label: 'scene', vars: { id: v.sceneId } }] },
  'Mutation.renameScript': { select: RESULT, variants: (v) => [{ label: 'script', vars: { id: v.draftScriptId, title: 'Renamed by Bob' } }] },
  'Mutation.retryRender': { select: RESULT, variants: (v) => [{ label: 'failed render', vars: { id: v.failedRenderId } }] },
  'Mutation.retryScriptGeneration': { select: RESULT, variants: (v) => [{ label: 'failed generation', vars: { id: v.failedScriptId } }] },
  'Mutation.revokeApiKey': { select: RESULT, variants: (v) => [{ label: 'api key', vars: { id: v.apiKeyId } }] },
  'Mutation.revokeSession': { select: RESULT, variants: (v) => [{ label: 'session', vars: { id: v.sessionId } }] },
  'Mutation.searchSceneImages': {
    select: RESULT,
    // No query and no imageQuery: the owner is told to give one (no web search runs), a stranger that the scene is not found.
    variants: (v) => [{ label: 'scene', vars: { sceneId: v.sceneId } }],
    readOnly: true,
    controlTypename: 'ValidationError',
    controlMessage: /give a query/,
  },
  'Mutation.generateSceneImage': {
    select: RESULT,
    // The scene has no AI prompt: the owner is told to give one (nothing is drawn), a stranger that the scene is not found.
    variants: (v) => [{ label: 'scene', vars: { sceneId: v.sceneId } }],
    readOnly: true,
    controlTypename: 'ValidationError',
    controlMessage: /give a prompt/,
  },
  'Mutation.selectSceneAsset': {
    select: RESULT,
    variants: (v, own) => [
      { label: "victim's scene and asset", vars: { sceneId: v.sceneId, assetId: v.assetId } },
      { label: "clearing the victim's picture", vars: { sceneId: v.sceneId, assetId: null } },
      { label: "own scene, victim's asset", vars: { sceneId: own.sceneId, assetId: v.assetId }, control: false },
    ],
  },
  'Mutation.setRenderPublished': {
    select: RESULT,
    variants: (v) => [
      { label: 'unpublish a published reel', vars: { id: v.publishedRenderId, published: false } },
      { label: 'publish a private render', vars: { id: v.privateRenderId, published: true } },
    ],
  },
  'Mutation.updateProject': { select: RESULT, variants: (v) => [{ label: 'project', vars: { input: { id: v.projectId, title: 'Owned by Bob' } } }] },
  'Mutation.updateScene': {
    select: RESULT,
    variants: (v) => [{ label: 'scene at its version', vars: { input: { id: v.sceneId, version: v.sceneVersion, narration: 'Bob rewrote this.' } } }],
  },
  'Mutation.uploadSceneAsset': { select: RESULT, multipartFile: 'file', variants: (v) => [{ label: 'scene', vars: { sceneId: v.sceneId } }] },
  'Mutation.deleteWebhookEndpoint': { select: RESULT, variants: (v) => [{ label: 'endpoint', vars: { id: v.webhookEndpointId } }] },
  'Mutation.redeliverWebhook': { select: RESULT, variants: (v) => [{ label: 'failed delivery', vars: { id: v.webhookDeliveryId } }] },
  'Mutation.rotateWebhookSecret': {
    select: RESULT,
    variants: (v) => [
      { label: 'endpoint', vars: { id: v.webhookEndpointId } },
      { label: 'endpoint, no overlap', vars: { id: v.webhookEndpointId, overlapMinutes: 0 } },
    ],
  },
  'Mutation.testWebhookEndpoint': { select: RESULT, variants: (v) => [{ label: 'endpoint', vars: { id: v.webhookEndpointId } }] },
  'Mutation.updateWebhookEndpoint': {
    select: RESULT,
    variants: (v) => [
      { label: 'events', vars: { input: { id: v.webhookEndpointId, events: ['SCRIPT_FAILED'] } } },
      { label: 'disable', vars: { input: { id: v.webhookEndpointId, enabled: false } } },
    ],
  },
  'Subscription.renderProgress': {
    select: '{ kind renderId status }',
    readOnly: true,
    variants: (v) => [
      { label: 'queued render', vars: { renderId: v.queuedRenderId } },
      { label: 'published render', vars: { renderId: v.publishedRenderId } },
    ],
  },
  'Subscription.publicationProgress': {
    select: '{ kind publicationId status }',
    readOnly: true,
    variants: (v) => [{ label: 'failed publication', vars: { id: v.publicationId } }],
  },
  'Subscription.scriptProgress': {
    select: '{ kind scriptId status }',
    readOnly: true,
    variants: (v) => [
      { label: 'approved script', vars: { scriptId: v.scriptId } },
      { label: 'failed generation', vars: { scriptId: v.failedScriptId } },
    ],
  },
};

export interface OpenCase {
  vars: Vars;
  select: string;
  /** Checks what the other user got: nothing of the victim's. */
  other: (value: any, victim: Fixture, caller: TestUser) => void;
  /** Whether a call without an API key is answered (public) or refused. */
  anonymous: 'public' | 'refused' | 'null';
  /** Called by a user made for this call (it ends the caller's account, say) instead of the usual other user. */
  freshCaller?: boolean;
  /** Runs after the other user's call (e.g. drops the job it queued, which no refused call may leave). */
  after?: () => Promise<void>;
  /**
   * A public list whose optional id arguments only choose where it starts: calls with the victim's
   * ids, by another user and by nobody, each checked by `check` (nothing private may show).
   */
  idVariants?: (victim: Fixture) => { label: string; vars: Vars; check: (value: any) => void }[];
}

/** Fields that take no id: checked for leaks, and refused without a key unless public. */
export const OPEN_FIELDS: Record<string, OpenCase> = {
  'Query.projects': {
    vars: { first: 100 },
    select: '{ totalCount edges { node { id } } }',
    other: (value, victim) => {
      const ids = value.edges.map((e: any) => e.node.id);
      expect(ids).not.toContain(victim.projectId);
      expect(value.totalCount).toBe(ids.length);
    },
    anonymous: 'refused',
  },
  'Query.reels': {
    vars: { first: 100 },
    select: '{ totalCount edges { node { id title scenes(first: 5) { totalCount edges { node { position narration } } } } } }',
    other: (value, victim) => {
      const ids = value.edges.map((e: any) => e.node.id);
      // The published reel is public by design; the private one is not.
      expect(ids).toContain(globalId('Reel', rawId(victim.publishedRenderId)));
      expect(ids).not.toContain(victim.nodes.Reel);
      // A public reel shows its scenes as rendered (the victim's has some), nothing of the script.
      const reel = value.edges.find((e: any) => e.node.id === globalId('Reel', rawId(victim.publishedRenderId)));
      expect(reel.node.scenes.totalCount).toBeGreaterThan(0);
      expect(reel.node.script).toBeUndefined();
    },
    anonymous: 'public',
    idVariants: (v) => [
      // An unpublished render is no reel: starting there shows nothing, not even where it would sit.
      { label: 'startAt an unpublished reel', vars: { first: 100, startAt: v.nodes.Reel }, check: (value) => expect(value.edges).toEqual([]) },
      {
        label: 'startAt the published reel',
        vars: { first: 100, startAt: globalId('Reel', rawId(v.publishedRenderId)) },
        check: (value) => expect(value.edges[0].node.id).toBe(globalId('Reel', rawId(v.publishedRenderId))),
      },
    ],
  },
  'Query.viewer': {
    vars: {},
    select: '{ id email }',
    other: (value, victim, caller) => {
      expect(value.id).toBe(globalId('User', caller.id));
      expect(value.id).not.toBe(victim.nodes.User);
    },
    anonymous: 'null',
  },
  'Mutation.createApiKey': {
    vars: { name: 'mine' },
    select: '{ __typename ... on CreateApiKeySuccess { data { apiKey { id } } } ... on Error { message } }',
    other: (value) => expect(value.__typename).toBe('CreateApiKeySuccess'),
    anonymous: 'refused',
  },
  'Mutation.createWebhookEndpoint': {
    // A public IP literal: accepted without a DNS lookup, and nothing is sent at creation.
    vars: { input: { url: 'https://93.184.215.14/hooks/reelforge', events: ['RENDER_SUCCEEDED'] } },
    select: '{ __typename ... on CreateWebhookEndpointSuccess { data { secret endpoint { id } } } ... on Error { message } }',
    other: (value, victim) => {
      expect(value.__typename).toBe('CreateWebhookEndpointSuccess');
      expect(value.data.endpoint.id).not.toBe(victim.webhookEndpointId);
    },
    anonymous: 'refused',
  },
  'Subscription.viewerEvents': {
    vars: {},
    select: '{ __typename ... on ViewerSnapshot { renders { renderId } scripts { scriptId } } }',
    other: (value, victim) => {
      // The caller's own snapshot: the victim has a QUEUED render, which must not be in it.
      expect(value.__typename).toBe('ViewerSnapshot');
      expect(value.renders.map((r: any) => r.renderId)).not.toContain(victim.queuedRenderId);
    },
    anonymous: 'refused',
  },
  'Query.accountDeletion': {
    vars: { statusToken: `rfd_${'A'.repeat(43)}` },
    select: '{ status }',
    other: (value) => expect(value).toBeNull(),
    anonymous: 'null',
  },
  'Query.signInMethods': {
    vars: {},
    select: '{ demo google demoUrl googleUrl }',
    // The same for everyone: what this server offers, nothing of anybody's.
    other: (value) => expect(value).toEqual({ demo: true, google: false, demoUrl: '/auth/demo', googleUrl: null }),
    anonymous: 'public',
  },
  'Query.capabilities': {
    vars: {},
    select: '{ imageSearch aiImages }',
    // The same for everyone: what this server has set up, nothing of anybody's.
    other: (value) => expect(value).toEqual({ imageSearch: false, aiImages: false }),
    anonymous: 'public',
  },
  'Mutation.signOut': {
    vars: {},
    select: '{ __typename ... on Error { message } }',
    // The other user calls with an API key: there is no session to end, and nobody else's is touched.
    other: (value) => expect(value).toEqual({ __typename: 'ValidationError', message: expect.stringMatching(/used an API key/) }),
    anonymous: 'refused',
  },
  'Mutation.signInAsDemo': {
    vars: {},
    select: '{ __typename ... on SignInAsDemoSuccess { data { user { id email } } } ... on Error { message } }',
    other: (value, victim) => {
      expect(value.__typename).toBe('SignInAsDemoSuccess');
      expect(value.data.user.id).not.toBe(victim.nodes.User);
      expect(value.data.user.email).toBe('demo@reelforge.local');
    },
    anonymous: 'public',
  },
  'Mutation.signInWithGoogleIdToken': {
    vars: { idToken: 'not-a-google-id-token' },
    select: '{ __typename ... on Error { message } }',
    other: (value) => expect(value.__typename).toBe('SignInError'),
    anonymous: 'public',
  },
  'Mutation.deleteAccount': {
    vars: {},
    select: '{ __typename ... on DeleteAccountSuccess { data { deletion { status } } } ... on Error { message } }',
    other: (value) => expect(value).toEqual({ __typename: 'DeleteAccountSuccess', data: { deletion: { status: 'QUEUED' } } }),
    anonymous: 'refused',
    freshCaller: true,
    after: async () => void (await getQueue('account').obliterate({ force: true })),
  },
  'Mutation.connectYouTube': {
    vars: { returnTo: '/studio' },
    select: '{ __typename ... on ConnectYouTubeSuccess { data { url } } ... on Error { message } }',
    // Google is not configured in this file: the caller is told so, about their own connection only.
    other: (value) =>
      expect(value).toEqual({
        __typename: 'ProviderFailedError',
        message: 'connecting YouTube: connecting a YouTube channel is not configured on this server',
      }),
    anonymous: 'refused',
  },
  'Mutation.createProject': {
    vars: { input: { title: 'Mine' } },
    select: '{ __typename ... on CreateProjectSuccess { data { id } } ... on Error { message } }',
    other: (value) => expect(value.__typename).toBe('CreateProjectSuccess'),
    anonymous: 'refused',
  },
};
