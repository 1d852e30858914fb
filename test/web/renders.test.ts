// Rendering in the studio, in a real browser against the real API and render workers (offline
// providers: espeak-ng voices, generated pictures): choose options and start a render, watch its
// timeline live, play the video, publish it to the feed and to the YouTube sandbox; a second render
// shows what changed and what was reused; cancel; a dropped socket reconnects and catches up.
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/auth/apiKeys.js';
import { ensureDemoUser } from '../../src/auth/users.js';
import { gqlOk, prisma, rawId, seedRender, type TestUser } from '../helpers.js';
import { approvedScript, enqueue, waitForRender } from '../renderHelpers.js';
import { type Harness, screenshotBoth, signedInPage, startHarness } from './studioHarness.js';

const SENTENCES = ['Octopuses have three hearts and blue blood.', 'Each arm can taste what it touches.', 'They squeeze through any gap wider than their beak.'];

// Before the app loads: a record of every look each stage bar had and every value of the progress
// bar, and a way for the test to drop the app's WebSocket and keep it from reconnecting.
const RECORDER = () => {
  const w = window as unknown as Record<string, unknown>;
  const seen: Record<string, string[]> = {};
  const progress: number[] = [];
  w.__seen = seen;
  w.__progress = progress;
  const Native = window.WebSocket;
  const sockets: WebSocket[] = [];
  w.__sockets = sockets;
  w.__wsBlocked = false;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      // Blocked: an address nothing listens on, as when the network is down.
      super(w.__wsBlocked ? 'ws://127.0.0.1:9/graphql' : url, protocols);
      sockets.push(this);
    }
  };
  new MutationObserver(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-stage]')) {
      const list = (seen[el.dataset.stage!] ??= []);
      if (list[list.length - 1] !== el.dataset.look) list.push(el.dataset.look!);
    }
    const bar = document.querySelector('[role="progressbar"][aria-labelledby="render-progress-label"]');
    if (bar) {
      const v = Number(bar.getAttribute('aria-valuenow'));
      if (progress[progress.length - 1] !== v) progress.push(v);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
};

let h: Harness;
let demo: TestUser;

beforeAll(async () => {
  h = await startHarness({ workers: true });
  // The browser signs in as the demo user; the test prepares their scripts with an API key of theirs.
  const user = await ensureDemoUser();
  const { key, prefix, secretHash } = newApiKey();
  await prisma.apiKey.create({ data: { userId: user.id, name: 'renders test', prefix, secretHash } });
  demo = { id: user.id, key };
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function open(path: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await signedInPage(h, path);
  await context.addInitScript(RECORDER);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Again, now with the recorder in place.
  await page.goto(path);
  return { context, page };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v: { impact?: string | null }) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: { id: string; help: string; nodes: { target: unknown }[] }) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

const looks = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Record<string, string[]> }).__seen);
const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
const lookNow = (page: Page, stage: string) => page.locator(`[data-stage="${stage}"]`).getAttribute('data-look');
const statusBadge = (page: Page) => page.locator('.page-head .badge').first();

/** The music volume slider, a step (5%) up per press, as with a keyboard. */
async function louder(page: Page, steps: number) {
  const slider = page.getByLabel(/Music volume/);
  await slider.focus();
  for (let i = 0; i < steps; i++) await slider.press('ArrowRight');
  expect(await slider.inputValue()).toBe(String(15 + steps * 5));
}

async function setProjectDefaults(projectId: string) {
  const r = await gqlOk(
    `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { __typename } }`,
    { input: { id: projectId, defaultPreset: 'FAST', defaultSubtitleStyle: 'WORD', defaultVoice: 'en-gb' } },
    demo.key,
  );
  expect(r.updateProject.__typename).toBe('UpdateProjectSuccess');
}

describe('a render from the studio', () => {
  let scriptId: string;
  let scenes: { id: string; version: number }[];
  let firstRenderId: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const made = await approvedScript(demo, SENTENCES);
    scriptId = made.scriptId;
    scenes = made.scenes;
    await setProjectDefaults(made.projectId);
    ({ context, page } = await open(`/studio/scripts/${scriptId}/renders`));
  });
  afterAll(() => context?.close());

  it('starts from the options chosen in the form (project defaults first, a bad voice refused on its field)', async () => {
    await page
      .getByRole('heading', { name: 'New render' })
      .waitFor({ timeout: 10_000 })
      .catch(async (e: unknown) => {
        throw new Error(`no form at ${page.url()}: ${await page.locator('body').textContent()}`, { cause: e });
      });
    // The project's defaults.
    expect(await page.getByLabel('Quality').inputValue()).toBe('FAST');
    expect(await page.getByLabel('Subtitles').inputValue()).toBe('WORD');
    expect(await page.getByLabel('Voice').inputValue()).toBe('en-gb');
    await expect.poll(() => page.getByText('No renders yet').isVisible()).toBe(true);

    await page.getByLabel('Resolution').selectOption('P720');
    await page.getByLabel('Frame rate').selectOption('24');
    await page.getByLabel('Music', { exact: true }).selectOption('CALM');
    await louder(page, 3);
    await page.getByLabel('Voice').fill('xx-nobody');
    await screenshotBoth(page, 'render-options');
    await page.getByRole('button', { name: 'Start render' }).click();

    // Refused on the voice field; everything chosen is still there.
    const voice = page.getByLabel('Voice');
    await expect.poll(() => voice.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').first().textContent()).toContain('unknown voice "xx-nobody"');
    expect(await page.getByLabel('Resolution').inputValue()).toBe('P720');
    expect(await page.getByLabel(/Music volume/).inputValue()).toBe('30');
    expect(await prisma.render.count({ where: { ownerId: demo.id } })).toBe(0);

    await voice.fill('en-gb');
    await page.getByRole('button', { name: 'Start render' }).click();
    await page.waitForURL(/\/studio\/renders\//);
    firstRenderId = decodeURIComponent(page.url().split('/studio/renders/')[1]!);
    const row = await prisma.render.findUniqueOrThrow({ where: { id: rawId(firstRenderId) } });
    expect(row.options).toEqual({ preset: 'FAST', resolution: 'P720', fps: 24, voice: 'en-gb', subtitleStyle: 'WORD', music: { track: 'CALM', volume: 0.3 } });
  });

  it('draws the timeline live: bars go from waiting to running to done while the progress rises', async () => {
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    // One row per scene and one for the whole reel, a bar per stage.
    expect(await page.locator('.timeline-row').count()).toBe(SENTENCES.length + 1);
    expect(await page.locator('[data-stage]').count()).toBe(SENTENCES.length * 3 + 3);

    // Mid-render: something running, not yet done.
    await expect
      .poll(async () => (await page.locator('[data-look="running"]').count()) > 0 && (await statusBadge(page).textContent()) === 'RUNNING', {
        timeout: 20_000,
        interval: 50,
      })
      .toBe(true);
    const midway = Number(await page.getByRole('progressbar').first().getAttribute('aria-valuenow'));
    expect(midway).toBeLessThan(100);
    await screenshotBoth(page, 'render-live');

    await expect.poll(() => statusBadge(page).textContent(), { timeout: 60_000 }).toBe('SUCCEEDED');
    const seen = await looks(page);
    // Stitch runs last, after the page was watching: seen waiting, then running, then done.
    expect(seen.stitch).toEqual(['pending', 'running', 'done']);
    // Every stage ended done, and at least one scene's segment was watched running.
    for (const [stage, list] of Object.entries(seen)) expect(list[list.length - 1], stage).toMatch(/^(done|skipped)$/);
    expect(Object.entries(seen).some(([stage, list]) => stage.startsWith('segment:') && list.includes('running'))).toBe(true);
    const progress = await progressSeen(page);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // it only rises
    expect(progress[progress.length - 1]).toBe(100);
    // Bars are placed in time: the stitch starts after every segment did.
    const left = (stage: string) => page.locator(`[data-stage="${stage}"] .bar`).evaluate((el) => Number.parseFloat((el as HTMLElement).style.left));
    expect(await left('stitch')).toBeGreaterThan(await left('segment:0'));
  }, 90_000);

  it('plays the video in the page', async () => {
    const video = page.locator('video.render-video');
    await video.waitFor();
    expect(await video.getAttribute('poster')).toBeTruthy();
    await video.click();
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, playing: v.currentTime > 0 })), { timeout: 10_000 })
      .toEqual({ paused: false, playing: true });
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    await screenshotBoth(page, 'render-done');
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('publishes to the feed: the reel is the first in explore, and its link opens it', async () => {
    const title = (await page.locator('.page-head h2').textContent())!;
    await page.getByRole('button', { name: 'Publish to the feed' }).click();
    await page.getByText('In the feed').waitFor();
    expect((await prisma.render.findUniqueOrThrow({ where: { id: rawId(firstRenderId) } })).published).toBe(true);

    await page.getByRole('link', { name: 'See it in explore' }).click();
    await page.waitForURL(/\/reel\//);
    await page.getByRole('article', { name: title }).waitFor({ timeout: 10_000 });

    await page.goto('/');
    await expect.poll(() => page.getByRole('article').first().locator('h2').textContent(), { timeout: 10_000 }).toBe(title);
  });

  it('uploads to the YouTube sandbox with live progress, asking first whether it is made for kids', async () => {
    await page.goto(`/studio/renders/${firstRenderId}`);
    await page.getByRole('button', { name: 'Publish to YouTube' }).click();
    expect(await page.getByLabel('Channel').locator('option:checked').textContent()).toBe('YouTube sandbox');
    await page.getByLabel('Title').fill('Octopus facts');
    await page.getByRole('button', { name: 'Upload to YouTube' }).click();
    await page.getByText('YouTube requires an answer').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotBoth(page, 'render-youtube');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await prisma.publication.count()).toBe(0);

    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Upload to YouTube' }).click();
    const item = page.locator('.publication').first();
    await item.waitFor();
    expect(await item.locator('strong').textContent()).toBe('Octopus facts');
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 30_000 }).toBe('PUBLISHED');
    const watch = item.getByRole('link', { name: /Watch on YouTube/ });
    expect(await watch.getAttribute('href')).toMatch(/\/sandbox\/youtube\/watch\?v=/);
    expect((await prisma.publication.findFirstOrThrow()).status).toBe('PUBLISHED');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotBoth(page, 'render-published');
  });

  it('a second render after editing one scene says which scene changed, and shows reused stages as reused', async () => {
    const edited = await gqlOk(
      `mutation($input: UpdateSceneInput!) { updateScene(input: $input) { __typename } }`,
      { input: { id: scenes[1]!.id, version: scenes[1]!.version, narration: 'Each of its eight arms can taste.' } },
      demo.key,
    );
    expect(edited.updateScene.__typename).toBe('UpdateSceneSuccess');

    // Edited, the script is a DRAFT again: the form says so and links to the scenes.
    await page.goto(`/studio/scripts/${scriptId}/renders`);
    await page.getByRole('heading', { name: 'New render' }).waitFor();
    await page.getByRole('button', { name: 'Start render' }).click();
    const refusal = page.locator('.render-form .form-error').first();
    await expect.poll(() => refusal.textContent()).toContain('the script is DRAFT');
    expect(await refusal.getByRole('link', { name: 'Scenes tab' }).getAttribute('href')).toBe(`/studio/scripts/${scriptId}`);

    await gqlOk(`mutation($id: ID!) { approveScript(id: $id) { __typename } }`, { id: scriptId }, demo.key);
    await page.reload();
    await page.getByLabel('Resolution').selectOption('P720');
    await page.getByLabel('Frame rate').selectOption('24');
    await page.getByLabel('Music', { exact: true }).selectOption('CALM');
    await louder(page, 3);
    await page.getByRole('button', { name: 'Start render' }).click();
    await page.waitForURL(/\/studio\/renders\//);
    await expect.poll(() => statusBadge(page).textContent(), { timeout: 60_000 }).toBe('SUCCEEDED');
    // Scenes 1 and 3 came from the first render; scene 2 was made again.
    for (const scene of [0, 2]) {
      for (const kind of ['voice', 'segment']) expect(await lookNow(page, `${kind}:${scene}`), `${kind}:${scene}`).toBe('reused');
    }
    for (const kind of ['voice', 'segment']) expect(await lookNow(page, `${kind}:1`)).toBe('done');
    expect(await page.locator('[data-stage="segment:0"] .bar-text').textContent()).toContain('reused');
    await screenshotBoth(page, 'render-reused');

    await page.getByRole('link', { name: /Renders of/ }).click();
    const items = page.locator('.render-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).locator('.render-item-title').textContent()).toBe('Render 2');
    expect(await items.nth(0).locator('.render-changes').textContent()).toBe('Scene 2 changed');
    expect(await items.nth(0).textContent()).toMatch(/Reused\d+ of 12 stages/);
    expect(await items.nth(1).locator('.render-changes').textContent()).toBe('The first render');
    expect(await items.nth(1).textContent()).toContain('In the feed');
    expect(await items.nth(0).textContent()).toContain('720p · 24 fps · Fast · Word subtitles · voice en-gb · Calm music 30%');
    await screenshotBoth(page, 'script-renders');
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);
});

describe('a render in flight', () => {
  it('is cancelled from its page', async () => {
    const { scriptId } = await approvedScript(
      demo,
      SENTENCES.map((s) => `${s} Cancel me.`),
    );
    const render = await enqueue(demo, scriptId, { resolution: 'P720', preset: 'FAST' });
    const { context, page } = await open(`/studio/renders/${render.id}`);
    await expect.poll(() => page.locator('[data-look="running"]').count(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]); // mid-render, bars moving
    await page.getByRole('button', { name: 'Cancel render' }).click();
    await expect.poll(() => statusBadge(page).textContent()).toBe('CANCELLED');
    expect((await prisma.render.findUniqueOrThrow({ where: { id: rawId(render.id) } })).status).toBe('CANCELLED');
    expect(await page.getByRole('button', { name: 'Cancel render' }).count()).toBe(0);
    // Nothing is left drawn as running, and what never ran says it was cancelled.
    await expect.poll(() => page.locator('[data-look="running"]').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-look="cancelled"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-stage="stitch"]').getAttribute('data-look')).toBe('cancelled');
    await context.close();
  }, 90_000);

  it('catches up after the socket drops: "Reconnecting…", then the current state with nothing missed', async () => {
    const { scriptId } = await approvedScript(
      demo,
      SENTENCES.map((s) => `${s} Reconnect.`),
    );
    const render = await enqueue(demo, scriptId);
    const { context, page } = await open(`/studio/renders/${render.id}`);
    await expect.poll(() => page.locator('[data-look="running"]').count(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);

    // The network goes away mid-render.
    await page.evaluate(() => {
      const w = window as unknown as { __wsBlocked: boolean; __sockets: WebSocket[] };
      w.__wsBlocked = true;
      for (const s of w.__sockets) s.close();
    });
    await page.getByText('Reconnecting…').waitFor({ timeout: 5000 });
    // The render finishes while the page cannot hear about it.
    const done = await waitForRender(rawId(render.id));
    expect(done.status).toBe('SUCCEEDED');
    expect(await statusBadge(page).textContent()).toBe('RUNNING');

    // Back online: the page reconnects by itself and shows the render as it is now.
    await page.evaluate(() => {
      (window as unknown as { __wsBlocked: boolean }).__wsBlocked = false;
    });
    await expect.poll(() => statusBadge(page).textContent(), { timeout: 30_000 }).toBe('SUCCEEDED');
    expect(await page.getByText('Reconnecting…').count()).toBe(0);
    expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100');
    const stages = await prisma.renderStage.findMany({ where: { renderId: done.id } });
    for (const s of stages) expect(await lookNow(page, s.name), s.name).toMatch(s.status === 'SKIPPED' ? /skipped/ : /done|reused/);
    await page.locator('video.render-video').waitFor();
    await context.close();
  }, 90_000);
});

describe('a failed render', () => {
  it('shows the stage that failed with its message, and Retry re-runs it from there', async () => {
    const { scriptId } = await approvedScript(
      demo,
      SENTENCES.slice(0, 2).map((s) => `${s} Retry me.`),
    );
    const render = await enqueue(demo, scriptId);
    const id = rawId(render.id);
    expect((await waitForRender(id)).status).toBe('SUCCEEDED');
    // As a render left after its second scene's encode failed for good (three attempts) looks.
    const failedAt = new Date();
    await prisma.$transaction([
      prisma.renderStage.update({
        where: { renderId_name: { renderId: id, name: 'segment:1' } },
        data: { status: 'FAILED', attempts: 3, error: 'ffmpeg exited with code 1', finishedAt: failedAt },
      }),
      prisma.renderStage.updateMany({
        where: { renderId: id, name: { in: ['stitch', 'upload'] } },
        data: { status: 'PENDING', attempts: 0, startedAt: null, finishedAt: null, durationMs: null, progress: 0 },
      }),
      prisma.render.update({
        where: { id },
        data: { status: 'FAILED', errorStage: 'segment:1', errorMessage: 'ffmpeg exited with code 1', outputAssetId: null, progress: 0.8 },
      }),
    ]);

    const { context, page } = await open(`/studio/renders/${render.id}`);
    await expect.poll(() => statusBadge(page).textContent()).toBe('FAILED');
    expect(await page.getByRole('alert').filter({ hasText: 'Failed at segment:1' }).textContent()).toContain('ffmpeg exited with code 1');
    const bar = page.locator('[data-stage="segment:1"]');
    expect(await bar.getAttribute('data-look')).toBe('failed');
    expect(await bar.textContent()).toContain('3 attempts');
    expect(await bar.textContent()).toContain('ffmpeg exited with code 1');
    expect(await page.getByRole('button', { name: 'Cancel render' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Retry render' }).click();
    await expect.poll(() => statusBadge(page).textContent(), { timeout: 60_000 }).toBe('SUCCEEDED');
    expect(await lookNow(page, 'segment:1')).toMatch(/done|reused/);
    expect(await lookNow(page, 'segment:0')).toBe('done'); // kept from the first try
    expect(await page.getByRole('button', { name: 'Retry render' }).count()).toBe(0);
    await page.locator('video.render-video').waitFor();
    await context.close();
  }, 90_000);
});

describe("a script's renders", () => {
  it('update in place while one is in flight', async () => {
    const { scriptId } = await approvedScript(
      demo,
      SENTENCES.slice(0, 2).map((s) => `${s} Watch the list.`),
    );
    const render = await enqueue(demo, scriptId);
    const { context, page } = await open(`/studio/scripts/${scriptId}/renders`);
    const item = page.locator('.render-item').first();
    await item.waitFor();
    expect(await item.locator('.badge').first().textContent()).toMatch(/QUEUED|RUNNING/);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await expect.poll(() => item.locator('.badge').first().textContent(), { timeout: 60_000 }).toBe('SUCCEEDED');
    expect((await prisma.render.findUniqueOrThrow({ where: { id: rawId(render.id) } })).status).toBe('SUCCEEDED');
    await expect.poll(() => item.locator('img').count()).toBe(1); // its thumbnail
    expect(await item.textContent()).toMatch(/Video\d+\.\d s/);
    expect(requests.filter((u) => u.endsWith('/graphql'))).toEqual([]); // live, not reloaded
    await context.close();
  }, 90_000);

  it('come ten at a time, newest first, and older ones load on request', async () => {
    const { scriptId } = await approvedScript(demo, SENTENCES.slice(0, 1));
    const script = rawId(scriptId);
    for (let i = 0; i < 12; i++) {
      await seedRender(script, demo.id, { status: 'CANCELLED', createdAt: new Date(Date.UTC(2026, 0, 1, 12, i)) });
    }
    const { context, page } = await open(`/studio/scripts/${scriptId}/renders`);
    const items = page.locator('.render-item');
    await expect.poll(() => items.count()).toBe(10);
    expect(await page.getByRole('heading', { name: 'Renders (12)' }).count()).toBe(1);
    expect(await items.first().locator('.render-item-title').textContent()).toBe('Render 12');
    // The oldest on the page cannot say what changed until the render before it is loaded.
    expect(await items.nth(9).locator('.render-changes').count()).toBe(0);
    await page.getByRole('button', { name: 'Show older renders' }).click();
    await expect.poll(() => items.count()).toBe(12);
    expect(await items.nth(9).locator('.render-changes').textContent()).toBe('Same scenes as the render before');
    expect(await items.nth(11).locator('.render-item-title').textContent()).toBe('Render 1');
    expect(await items.nth(11).locator('.render-changes').textContent()).toBe('The first render');
    expect(await page.getByRole('button', { name: 'Show older renders' }).count()).toBe(0);
    await context.close();
  });
});
