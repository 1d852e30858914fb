// A new person's whole way through the app, every step in the browser as they would take it: from
// the feed into the studio, sign in as the demo user, a first project, a script from their own text,
// an edit that meets a second tab's, approve, render, the timeline live, the video plays, publish,
// and the reel leads the feed. Real API, workers, Postgres and Redis; offline providers.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../helpers.js';
import { PHONE } from './browser.js';
import { type Harness, screenshotBoth, startHarness } from './studioHarness.js';

const TEXT = 'The moon drifts four centimetres from Earth every year. Its pull raises the tides twice a day. One side always faces us.';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ workers: true });
}, 180_000);

afterAll(() => h?.close());

const card = (page: Page, n: number) => page.getByRole('listitem', { name: `Scene ${n}`, exact: true });

describe('the studio, end to end', () => {
  it('takes a new person from the feed to their own reel leading the feed', async () => {
    const context = await h.browser.newContext({ viewport: PHONE, baseURL: h.origin });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));

    // From the (empty) feed into the studio: signing in first, as the demo user.
    await page.goto('/');
    await page.getByRole('link', { name: 'Make a reel' }).click();
    await page.getByRole('link', { name: 'Try the demo account' }).click();
    await page.waitForURL(`${h.origin}/studio`);

    // A first project in one click, then a script from their own text.
    await page.getByRole('button', { name: 'Create “My first project”' }).click();
    await page.getByRole('heading', { name: 'My first project' }).waitFor();
    await page.getByRole('link', { name: 'Write the first script' }).click();
    const form = page.getByRole('form', { name: 'New script from my text' });
    await form.getByLabel('Your script', { exact: true }).fill(TEXT);
    await form.getByLabel('Title', { exact: true }).fill('Our moon');
    await form.getByRole('button', { name: 'Create script' }).click();
    await page.waitForURL(/\/studio\/scripts\//);
    await expect.poll(() => page.getByRole('listitem', { name: /^Scene \d$/ }).count(), { timeout: 15_000 }).toBe(3);
    const scriptUrl = page.url();

    // A second tab edits scene 2 first; this tab's edit meets it and is kept by choice.
    const other = await context.newPage();
    await other.goto(scriptUrl);
    await card(other, 2).getByLabel('Narration').fill('Its pull raises the oceans into two tides a day.');
    await card(page, 2).getByLabel('Narration').fill('The moon’s pull lifts the tides twice a day.');
    await card(other, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card(other, 2).getByText('Saved · version 2').count()).toBe(1);
    await card(page, 2).getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = card(page, 2).getByRole('alert').filter({ hasText: 'Changed elsewhere' });
    await conflict.waitFor();
    expect(await conflict.locator('[data-side="theirs"]').textContent()).toBe('Its pull raises the oceans into two tides a day.');
    expect(await card(page, 2).getByLabel('Narration').inputValue()).toBe('The moon’s pull lifts the tides twice a day.');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => card(page, 2).getByText('Saved · version 3').count()).toBe(1);
    await other.close();
    const scene = await prisma.scene.findFirstOrThrow({ where: { position: 1, script: { title: 'Our moon' } } });
    expect(scene.narration).toBe('The moon’s pull lifts the tides twice a day.');

    // Approve, then render with the project's defaults.
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('link', { name: 'Render this script →' }).click();
    await page.getByRole('button', { name: 'Start render' }).click();
    await page.waitForURL(/\/studio\/renders\//);

    // The timeline advances live: a stage is seen running before the render is done.
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await expect.poll(() => page.locator('[data-look="running"]').count(), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    const badge = page.locator('.page-head .badge').first();
    await expect.poll(() => badge.textContent(), { timeout: 120_000 }).toBe('SUCCEEDED');
    expect(await page.locator('[data-look="done"]').count()).toBeGreaterThanOrEqual(9);
    expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100');

    // The video plays in the page.
    const video = page.locator('video.render-video');
    await video.click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0), { timeout: 15_000 }).toBe(true);
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    await screenshotBoth(page, 'studio-render-done');

    // Published, it is the first reel of the feed, with the narration as rendered.
    await page.getByRole('button', { name: 'Publish to the feed' }).click();
    await page.getByText('In the feed').waitFor();
    await page.goto('/');
    const first = page.getByRole('article').first();
    await expect.poll(() => first.locator('h2').textContent(), { timeout: 15_000 }).toBe('Our moon');
    expect(await first.textContent()).toContain('The moon’s pull lifts the tides twice a day.');
    await first.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
    await screenshotBoth(page, 'studio-reel-in-feed');
    await context.close();
  }, 300_000);
});
