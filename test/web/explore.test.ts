// The explore feed in a real browser, as a person uses it: swipe (arrow keys), tap, unmute, share,
// open a shared link; at phone and desktop sizes. Screenshots land in SCREENSHOT_DIR for a look.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { ensureWebBuilt } from '../../src/web.js';
import { createUser, globalId } from '../helpers.js';
import { DESKTOP, launchBrowser, PHONE, SMALL_PHONE } from './browser.js';
import { seedPublishedReels } from './seedReels.js';

const REELS = 7;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}
const shots = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'reelforge-screenshots');
let server: RunningServer;
let origin: string;
let browser: Browser;
let reels: { renderId: string; title: string }[];

beforeAll(async () => {
  await ensureWebBuilt();
  // Asset URLs name the server's own origin, so it is settled before the server (and storage) start.
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  env.PUBLIC_URL = origin;
  server = await startServer(port, '127.0.0.1');
  const user = await createUser('explorer');
  reels = await seedPublishedReels(user, join(tmpdir(), `reelforge-web-${process.pid}`), REELS);
  browser = await launchBrowser();
  await mkdir(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(join(tmpdir(), `reelforge-web-${process.pid}`), { recursive: true, force: true });
});

interface VideoState {
  count: number;
  playing: string[];
  current: { title: string; muted: boolean; paused: boolean; preload: string } | null;
  preloading: string[];
}

/** What the person would see: which reels hold a video, which one plays, muted or not. */
function videoState(page: Page): Promise<VideoState> {
  return page.evaluate(() => {
    const videos = [...document.querySelectorAll('video')];
    const titleOf = (v: Element) => v.closest('article')?.querySelector('h2')?.textContent ?? '';
    const feed = document.querySelector('[role="feed"]')!;
    const mid = feed.getBoundingClientRect().top + feed.clientHeight / 2;
    const current = videos.find((v) => {
      const r = v.closest('article')!.getBoundingClientRect();
      return r.top <= mid && r.bottom >= mid;
    });
    return {
      count: videos.length,
      playing: videos.filter((v) => !v.paused).map(titleOf),
      current: current ? { title: titleOf(current), muted: current.muted, paused: current.paused, preload: current.preload } : null,
      preloading: videos.filter((v) => v !== current && v.preload === 'auto').map(titleOf),
    };
  });
}

async function openFeed(context: BrowserContext, path = '/'): Promise<{ page: Page; bodies: string[] }> {
  const page = await context.newPage();
  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.method() === 'POST') bodies.push(r.postData() ?? '');
  });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(origin + path);
  await page
    .getByRole('feed')
    .waitFor({ timeout: 10_000 })
    .catch(async (e: unknown) => {
      throw new Error(`no feed on ${path}: ${(await page.locator('main').textContent()) ?? ''}`, { cause: e });
    });
  return { page, bodies };
}

async function waitPlaying(page: Page, title: string) {
  await expect
    .poll(async () => (await videoState(page)).playing, { timeout: 10_000 })
    .toEqual([title])
    .catch(async (e: unknown) => {
      await page.screenshot({ path: join(shots, 'failure.png') });
      throw new Error(`${title} is not the one playing: ${JSON.stringify(await videoState(page))}`, { cause: e });
    });
}

describe('explore feed on a phone', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  });
  afterAll(() => context.close());

  it('plays one reel at a time, muted, and a swipe moves to the next with at most three videos alive', async () => {
    const { page, bodies } = await openFeed(context);
    await expect.poll(() => page.getByRole('heading', { name: reels[0]!.title }).isVisible()).toBe(true);
    await waitPlaying(page, reels[0]!.title);
    let state = await videoState(page);
    expect(state.current).toMatchObject({ title: reels[0]!.title, muted: true, paused: false });
    expect(state.count).toBe(2); // the first reel and the next; there is no previous
    expect(state.preloading).toEqual([reels[1]!.title]);
    await page.screenshot({ path: join(shots, 'explore-phone-390.png') });

    await page.keyboard.press('ArrowDown');
    await waitPlaying(page, reels[1]!.title);
    state = await videoState(page);
    expect(state.count).toBe(3);
    expect(state.preloading).toEqual([reels[2]!.title]);

    // The app's requests carry a hash of a known document, never the document's text.
    const sent = bodies.map((b) => JSON.parse(b) as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } });
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) {
      expect(body.query).toBeUndefined();
      expect(body.extensions?.persistedQuery?.sha256Hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('unmutes in place for this and every following reel; tap pauses and shows a play control; space and m work', async () => {
    const { page } = await openFeed(context);
    await waitPlaying(page, reels[0]!.title);
    const article = page.getByRole('article', { name: reels[0]!.title });
    await article.getByRole('button', { name: 'Unmute' }).click();
    expect((await videoState(page)).current).toMatchObject({ muted: false, paused: false });
    expect(page.url()).toBe(`${origin}/`); // no navigation

    await page.keyboard.press('ArrowDown');
    await waitPlaying(page, reels[1]!.title);
    expect((await videoState(page)).current?.muted).toBe(false);

    const second = page.getByRole('article', { name: reels[1]!.title });
    await second.locator('video').tap();
    await expect.poll(async () => (await videoState(page)).playing).toEqual([]);
    await expect.poll(() => second.getByRole('button', { name: 'Play' }).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'explore-phone-paused.png') });

    await page.locator('body').press(' ');
    await waitPlaying(page, reels[1]!.title);
    await page.keyboard.press('m');
    expect((await videoState(page)).current?.muted).toBe(true);
  });

  it('fetches further pages only as the viewer nears the end, and reaches the last reel', async () => {
    const { page, bodies } = await openFeed(context);
    await waitPlaying(page, reels[0]!.title);
    expect(await page.getByRole('article').count()).toBe(5); // the first page, not every reel
    const before = bodies.length;
    for (let i = 1; i < REELS; i++) {
      await page.keyboard.press('ArrowDown');
      await waitPlaying(page, reels[i]!.title);
      expect((await videoState(page)).count).toBeLessThanOrEqual(3);
    }
    expect(await page.getByRole('article').count()).toBe(REELS);
    expect(bodies.length - before).toBe(1); // one more page
  });

  it('copies a link that opens the feed at that reel, and the feed continues from it', async () => {
    const { page } = await openFeed(context);
    await waitPlaying(page, reels[0]!.title);
    await page
      .getByRole('article', { name: reels[0]!.title })
      .getByRole('button', { name: /Copy the link/ })
      .click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Link copied' }).isVisible()).toBe(true);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${origin}/reel/${encodeURIComponent(globalId('Reel', reels[0]!.renderId))}`);

    const { page: linked } = await openFeed(context, `/reel/${encodeURIComponent(globalId('Reel', reels[3]!.renderId))}`);
    await waitPlaying(linked, reels[3]!.title);
    await linked.keyboard.press('ArrowDown');
    await waitPlaying(linked, reels[4]!.title);
  });

  it('says so when a shared reel is no longer in the feed', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/reel/${encodeURIComponent(globalId('Reel', '00000000-0000-4000-8000-000000000000'))}`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 5000 }).toContain('This reel is not in the feed');
    await page.getByRole('link', { name: 'See the latest reels' }).click();
    await waitPlaying(page, reels[0]!.title);
  });

  it('has no serious accessibility violations', async () => {
    const { page } = await openFeed(context);
    await waitPlaying(page, reels[0]!.title);
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations.filter((v: { impact?: string | null }) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v: { id: string; help: string }) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe('explore feed at other sizes', () => {
  it('fills a small phone and centres a 9:16 column on a desktop', async () => {
    for (const [name, viewport] of [
      ['phone-375', SMALL_PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const { page } = await openFeed(context);
      await waitPlaying(page, reels[0]!.title);
      const box = (await page.getByRole('article', { name: reels[0]!.title }).locator('video').boundingBox())!;
      if (name === 'desktop') {
        expect(box.height / box.width).toBeCloseTo(16 / 9, 1);
        expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
      } else {
        expect(box.width).toBeCloseTo(viewport.width, 0);
      }
      await page.screenshot({ path: join(shots, `explore-${name}.png`) });
      await context.close();
    }
  });

  it('scrolls without animation when the person prefers reduced motion', async () => {
    const context = await browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
    const { page } = await openFeed(context);
    expect(await page.getByRole('feed').evaluate((el) => getComputedStyle(el).scrollBehavior)).toBe('auto');
    await context.close();
    const moving = await browser.newContext({ viewport: PHONE, reducedMotion: 'no-preference' });
    const { page: p2 } = await openFeed(moving);
    expect(await p2.getByRole('feed').evaluate((el) => getComputedStyle(el).scrollBehavior)).toBe('smooth');
    await moving.close();
  });
});
