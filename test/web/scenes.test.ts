// The script page in a real browser, as the demo user works on a script: edit and save scenes, meet
// a conflicting edit from another tab, add, remove and reorder scenes, find and choose pictures
// (image search answered by a local fake), upload a picture with its progress, approve.
import { randomBytes } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { braveBody, BRAVE_KEY, startFakeApi, startImageHost } from '../images/search/fakeSearch.js';

// Image search goes to a fake Brave API whose hits point at a local image host; set before the
// server's config is read.
const host = await startImageHost();
const brave = await startFakeApi(() => ({
  status: 200,
  json: braveBody([
    { image: host.url('/portrait.jpg'), page: 'https://bees.example.org/dance', title: 'honeybee on a flower', width: 1080, height: 1920 },
    { image: host.url('/square.png'), page: 'https://hive.example.net/cells', title: 'wax cells', width: 1200, height: 1200 },
    { image: host.url('/landscape.jpg'), page: 'https://example.com/field', title: 'a field of clover', width: 1600, height: 900 },
  ]),
}));
Object.assign(process.env, { BRAVE_API_KEY: BRAVE_KEY, BRAVE_BASE_URL: brave.url, DOWNLOAD_ALLOW_LOOPBACK: 'true' });

const { startHarness, signedInPage, screenshotBoth } = await import('./studioHarness.js');
const { gqlOk, prisma, rawId } = await import('../helpers.js');
const { ensureDemoUser } = await import('../../src/auth/users.js');
const { newApiKey } = await import('../../src/auth/apiKeys.js');

let h: Awaited<ReturnType<typeof startHarness>>;
let demoKey: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startHarness();
  // The browser signs in as the demo user, so the scripts are the demo user's, made through the API.
  const demo = await ensureDemoUser();
  const { key, prefix, secretHash } = newApiKey();
  await prisma.apiKey.create({ data: { userId: demo.id, name: 'scenes test', prefix, secretHash } });
  demoKey = key;
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await h?.close();
  await Promise.all([host.close(), brave.close()]);
});

const SENTENCES = ['Honeybees dance to tell the hive where flowers are.', 'Wax cells hold the nectar.', 'The queen lays the eggs.'];

/** A project with a DRAFT script of one scene per sentence, owned by the demo user. */
async function newScript(sentences = SENTENCES): Promise<string> {
  const p = await gqlOk(`mutation { createProject(input: { title: "Bees" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, demoKey);
  const s = await gqlOk(
    `mutation($input: CreateScriptInput!) { createScript(input: $input) { ... on CreateScriptSuccess { data { id } } ... on Error { message } } }`,
    { input: { projectId: p.createProject.data.id, title: 'How bees talk', text: sentences.join(' ') } },
    demoKey,
  );
  return s.createScript.data.id as string;
}

async function narrations(scriptId: string): Promise<string[]> {
  const scenes = await prisma.scene.findMany({ where: { scriptId: rawId(scriptId) }, orderBy: { position: 'asc' } });
  return scenes.map((s) => s.narration);
}

async function openScript(scriptId: string): Promise<Page> {
  const { context, page } = await signedInPage(h, `/studio/scripts/${scriptId}`);
  contexts.push(context);
  await expect.poll(() => page.getByRole('heading', { name: 'Scene 1', exact: true }).count(), { timeout: 15_000 }).toBe(1);
  return page;
}

/** Phone and desktop screenshots from the top of the page (the bar is sticky). */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotBoth(page, name);
}

const card = (page: Page, n: number) => page.getByRole('listitem', { name: `Scene ${n}`, exact: true });

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);
}

describe('the script page', { timeout: 60_000 }, () => {
  it('edits and saves a scene; the edit survives a reload', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    await expect.poll(() => page.getByRole('heading', { name: 'How bees talk' }).count()).toBe(1);
    expect(await page.getByRole('listitem', { name: /^Scene \d$/ }).count()).toBe(3);
    const first = card(page, 1);
    expect(await first.getByLabel('Narration').inputValue()).toBe(SENTENCES[0]);
    await shoot(page, 'script-editor');

    const save = first.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    await first.getByLabel('Narration').fill('Honeybees dance a figure eight to point at flowers.');
    expect(await first.getByText('Unsaved').count()).toBe(1);
    expect(await first.getByText('51 / 2,000').count()).toBe(1);
    expect(await save.isEnabled()).toBe(true);
    // Ctrl+Enter saves the card.
    await first.getByLabel('Narration').press('Control+Enter');
    await expect.poll(() => first.getByText('Saved · version 2').count()).toBe(1);
    expect(await first.getByText('Unsaved').count()).toBe(0);
    expect((await narrations(scriptId))[0]).toBe('Honeybees dance a figure eight to point at flowers.');

    // The image search words save the same way, by the button.
    await card(page, 2).getByLabel('Image search words').fill('honeycomb wax cells');
    await card(page, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card(page, 2).getByText('Saved · version 2').count()).toBe(1);

    await page.reload();
    await expect
      .poll(() => card(page, 1).getByLabel('Narration').inputValue(), { timeout: 10_000 })
      .toBe('Honeybees dance a figure eight to point at flowers.');
    expect(await card(page, 2).getByLabel('Image search words').inputValue()).toBe('honeycomb wax cells');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a conflicting edit from another tab in place; keep mine and take theirs both work, nothing typed is lost', async () => {
    const scriptId = await newScript();
    const mine = await openScript(scriptId);
    // A second tab of the same browser, on the same script.
    const theirs = await mine.context().newPage();
    await theirs.goto(`/studio/scripts/${scriptId}`);
    await expect.poll(() => card(theirs, 2).count(), { timeout: 10_000 }).toBe(1);

    await card(mine, 2).getByLabel('Narration').fill('Mine: wax cells hold honey and pollen.');
    await card(theirs, 2).getByLabel('Narration').fill('Theirs: the cells are six-sided.');
    await card(theirs, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card(theirs, 2).getByText('Saved · version 2').count()).toBe(1);

    await card(mine, 2).getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = card(mine, 2).getByRole('alert').filter({ hasText: 'Changed elsewhere' });
    await expect.poll(() => conflict.count(), { timeout: 10_000 }).toBe(1);
    expect(await conflict.locator('[data-side="theirs"]').textContent()).toBe('Theirs: the cells are six-sided.');
    expect(await conflict.locator('[data-side="yours"]').textContent()).toBe('Mine: wax cells hold honey and pollen.');
    // What I typed is still in the field, unsaved.
    expect(await card(mine, 2).getByLabel('Narration').inputValue()).toBe('Mine: wax cells hold honey and pollen.');
    expect(await card(mine, 2).getByText('Unsaved').count()).toBe(1);
    await shoot(mine, 'scene-conflict');
    expect(await seriousViolations(mine)).toEqual([]);

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => card(mine, 2).getByText('Saved · version 3').count()).toBe(1);
    expect(await conflict.count()).toBe(0);
    expect((await narrations(scriptId))[1]).toBe('Mine: wax cells hold honey and pollen.');

    // Again the other way: they save over mine, I take theirs.
    await theirs.reload();
    await expect.poll(() => card(theirs, 2).getByLabel('Narration').inputValue(), { timeout: 10_000 }).toBe('Mine: wax cells hold honey and pollen.');
    await card(theirs, 2).getByLabel('Narration').fill('Theirs again: bees build the comb from wax.');
    await card(theirs, 2).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => card(theirs, 2).getByText('Saved · version 4').count()).toBe(1);
    await card(mine, 2).getByLabel('Narration').fill('Mine again.');
    await card(mine, 2).getByLabel('Narration').press('Control+Enter');
    await expect.poll(() => conflict.count(), { timeout: 10_000 }).toBe(1);
    expect(await conflict.locator('[data-side="theirs"]').textContent()).toBe('Theirs again: bees build the comb from wax.');
    expect(await conflict.locator('[data-side="yours"]').textContent()).toBe('Mine again.');
    await conflict.getByRole('button', { name: 'Take theirs' }).click();
    await expect.poll(() => card(mine, 2).getByLabel('Narration').inputValue()).toBe('Theirs again: bees build the comb from wax.');
    expect(await card(mine, 2).getByText('Saved · version 4').count()).toBe(1);
    expect((await narrations(scriptId))[1]).toBe('Theirs again: bees build the comb from wax.');
  });

  it('adds, reorders (buttons and drag and drop) and removes scenes', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);

    await page.getByRole('button', { name: '+ Add a scene at the end' }).click();
    const form = page.getByRole('form', { name: 'New scene at the end' });
    await form.getByLabel('Narration').fill('Drones do not sting.');
    await form.getByRole('button', { name: 'Add scene' }).click();
    await expect.poll(() => card(page, 4).count()).toBe(1);
    expect(await card(page, 4).getByLabel('Narration').inputValue()).toBe('Drones do not sting.');
    expect(await narrations(scriptId)).toEqual([...SENTENCES, 'Drones do not sting.']);

    // After a card.
    await card(page, 1).getByRole('button', { name: '+ Add a scene after scene 1' }).click();
    const after = page.getByRole('form', { name: 'New scene after scene 1' });
    await after.getByLabel('Narration').fill('Each bee has a job.');
    await after.getByRole('button', { name: 'Add scene' }).click();
    await expect.poll(() => card(page, 5).count()).toBe(1);
    expect(await card(page, 2).getByLabel('Narration').inputValue()).toBe('Each bee has a job.');

    // Keyboard: move scene 5 up; the focus stays on its move button.
    await page.getByRole('button', { name: 'Move scene 5 up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await narrations(scriptId))[3]).toBe('Drones do not sting.');
    await expect.poll(() => card(page, 4).getByLabel('Narration').inputValue()).toBe('Drones do not sting.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move scene 4 up');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await narrations(scriptId))[2]).toBe('Drones do not sting.');
    await page.getByRole('button', { name: 'Move scene 3 down' }).click();
    await expect.poll(async () => (await narrations(scriptId))[3]).toBe('Drones do not sting.');

    // Drag scene 1's handle onto scene 2.
    // The handle and the top of the next card both on screen (below the sticky bar), as a person drags.
    await card(page, 1).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70));
    await card(page, 1)
      .locator('.drag-handle')
      .dragTo(card(page, 2), { targetPosition: { x: 200, y: 30 } });
    await expect.poll(async () => (await narrations(scriptId))[1]).toBe(SENTENCES[0]);
    await expect.poll(() => card(page, 2).getByLabel('Narration').inputValue()).toBe(SENTENCES[0]);
    expect(await card(page, 1).getByLabel('Narration').inputValue()).toBe('Each bee has a job.');

    // Remove asks first; keeping it changes nothing.
    const before = await narrations(scriptId);
    await page.getByRole('button', { name: 'Remove scene 4' }).click();
    await card(page, 4).getByRole('button', { name: 'Keep it' }).click();
    expect(await narrations(scriptId)).toEqual(before);
    await page.getByRole('button', { name: 'Remove scene 4' }).click();
    await card(page, 4).getByRole('button', { name: 'Remove scene', exact: true }).click();
    await expect.poll(() => page.getByRole('listitem', { name: /^Scene \d$/ }).count()).toBe(4);
    expect(await narrations(scriptId)).toEqual(before.filter((_, i) => i !== 3));
  });

  it('finds pictures, shows them with source, title and score, and selects one', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    const first = card(page, 1);
    expect(await first.getByText('No picture yet', { exact: false }).count()).toBe(1);
    await first.getByLabel('Find pictures of').fill('honeybee flower');
    await first.getByRole('button', { name: 'Find pictures' }).click();
    const grid = first.getByRole('list', { name: 'Pictures for scene 1' });
    await expect.poll(() => grid.getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    expect(await grid.getByText('honeybee on a flower').count()).toBe(1);
    expect(await grid.getByText('bees.example.org · brave').count()).toBe(1);
    expect(await grid.getByText(/^Score \d/).count()).toBeGreaterThan(1);
    // The best was selected, as the API does for a scene without a picture.
    const scene = await prisma.scene.findFirstOrThrow({ where: { scriptId: rawId(scriptId), position: 0 } });
    expect(scene.selectedAssetId).not.toBeNull();
    expect(await grid.getByRole('button', { pressed: true }).count()).toBe(1);
    expect(await first.getByRole('img', { name: /^Picture of scene 1/ }).count()).toBe(1);

    const other = grid.getByRole('button', { pressed: false }).first();
    const otherName = (await other.getAttribute('aria-label'))!.replace(/^Use: /, '');
    await other.click();
    await expect.poll(() => grid.getByRole('button', { name: `Selected: ${otherName}` }).count()).toBe(1);
    expect(await grid.getByRole('button', { pressed: true }).count()).toBe(1);
    expect(await first.getByRole('img', { name: `Picture of scene 1: ${otherName}` }).count()).toBe(1);
    const chosen = await prisma.scene.findFirstOrThrow({ where: { scriptId: rawId(scriptId), position: 0 }, include: { selectedAsset: true } });
    expect((chosen.selectedAsset?.metadata as { title?: string } | undefined)?.title).toBe(otherName);
    await shoot(page, 'scene-pictures');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('offers no AI image without a generator on the server, and says why', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    const button = card(page, 1).getByRole('button', { name: 'Make an AI image' });
    // Disabled while the server's capabilities load too; the reason comes with their answer.
    await expect.poll(() => button.getAttribute('aria-describedby')).toBeTruthy();
    expect(await button.isDisabled()).toBe(true);
    const reason = page.locator(`[id="${await button.getAttribute('aria-describedby')}"]`);
    expect(await reason.textContent()).toBe('AI images are not set up on this server.');
    // Finding pictures stays on (image search is configured here).
    expect(await card(page, 1).getByRole('button', { name: 'Find pictures' }).isDisabled()).toBe(false);
  });

  it('uploads a picture with its progress reaching 100 %, by the file picker and by dropping it on the card', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    // A noisy picture of about a megabyte, so the browser reports the upload as it goes.
    const noise = randomBytes(600 * 600 * 3);
    const png = await sharp(noise, { raw: { width: 600, height: 600, channels: 3 } })
      .png()
      .toBuffer();
    expect(png.length).toBeGreaterThan(500_000);
    // Every state of the progress line, as the person would read it.
    await card(page, 2).evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const line = el.querySelector('.upload-progress span')?.textContent;
        if (line && seen[seen.length - 1] !== line) seen.push(line);
      }).observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await card(page, 2).getByLabel('Upload an image or clip for scene 2').setInputFiles({ name: 'comb.png', mimeType: 'image/png', buffer: png });
    const bar = card(page, 2).getByRole('progressbar');
    await expect.poll(() => card(page, 2).getByText('Uploaded comb.png: 100 %').count(), { timeout: 15_000 }).toBe(1);
    expect(await bar.getAttribute('value')).toBe('100');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    // It counted up while sending, reached 100 % before the API answered, then said so.
    expect(seen[0]).toMatch(/^Uploading comb\.png: \d+ %$/);
    expect(seen).toContain('Uploading comb.png: 100 %');
    expect(seen[seen.length - 1]).toBe('Uploaded comb.png: 100 %');
    const pcts = seen.map((line) => Number(/(\d+) %/.exec(line)![1]));
    expect(pcts).toEqual([...pcts].sort((a, b) => a - b));
    expect(await card(page, 2).getByRole('img', { name: 'Picture of scene 2: comb.png' }).count()).toBe(1);
    const scene = await prisma.scene.findFirstOrThrow({ where: { scriptId: rawId(scriptId), position: 1 }, include: { selectedAsset: true } });
    expect(scene.selectedAsset).toMatchObject({ provider: 'upload', kind: 'IMAGE', metadata: { fileName: 'comb.png', originalMime: 'image/png' } });

    // Dropped on the third card (a file dragged from the desktop).
    const other = await sharp({ create: { width: 360, height: 640, channels: 3, background: '#1763e8' } })
      .png()
      .toBuffer();
    const dataTransfer = await page.evaluateHandle(
      (bytes) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
        return dt;
      },
      [...other],
    );
    await card(page, 3).dispatchEvent('dragover', { dataTransfer });
    await card(page, 3).dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => card(page, 3).getByText('Uploaded dropped.png: 100 %').count(), { timeout: 15_000 }).toBe(1);
    expect(await card(page, 3).getByRole('img', { name: 'Picture of scene 3: dropped.png' }).count()).toBe(1);

    // Not a picture: the API's typed error, on the card.
    await card(page, 1)
      .getByLabel('Upload an image or clip for scene 1')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await expect.poll(() => card(page, 1).getByRole('alert').filter({ hasText: 'Could not upload notes.png' }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('shows a validation error on the field and keeps the text; approves, and an edit returns it to draft', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    const first = card(page, 1);
    const long = `${'Bees '.repeat(400)}buzz.`; // 2,005 characters
    await first.getByLabel('Narration').fill(long);
    expect(await first.getByText('2,005 / 2,000 (5 over)').count()).toBe(1);
    // Approving waits for unsaved scenes.
    expect(await page.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    expect(await page.getByText('One scene has unsaved changes').count()).toBe(1);
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    const narration = first.getByLabel('Narration');
    await expect.poll(() => narration.getAttribute('aria-invalid')).toBe('true');
    expect(await first.getByRole('alert').filter({ hasText: 'at most 2000 characters' }).count()).toBe(1);
    expect(await narration.inputValue()).toBe(long);
    expect((await narrations(scriptId))[0]).toBe(SENTENCES[0]);
    // Empty narration is refused too, on the field.
    await narration.fill('   ');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => first.getByRole('alert').filter({ hasText: 'narration cannot be empty' }).count()).toBe(1);
    await first.getByRole('button', { name: 'Discard changes' }).click();
    expect(await narration.inputValue()).toBe(SENTENCES[0]);

    const header = page.locator('header.script-head');
    expect(await header.getByText('DRAFT', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => header.getByText('APPROVED', { exact: true }).count()).toBe(1);
    expect(await header.getByRole('link', { name: 'Render this script' }).getAttribute('href')).toBe(`/studio/scripts/${scriptId}/renders`);
    expect((await prisma.script.findUniqueOrThrow({ where: { id: rawId(scriptId) } })).status).toBe('APPROVED');

    await card(page, 3).getByLabel('Narration').fill('The queen lays up to two thousand eggs a day.');
    await card(page, 3).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => header.getByText('DRAFT', { exact: true }).count()).toBe(1);
    expect(await page.getByText('Edited after approval').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Approve' }).isEnabled()).toBe(true);
    expect((await prisma.script.findUniqueOrThrow({ where: { id: rawId(scriptId) } })).status).toBe('DRAFT');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the generation view, not the editor, while the script is being written', async () => {
    const scriptId = await newScript();
    await prisma.script.update({ where: { id: rawId(scriptId) }, data: { status: 'GENERATING' } });
    const { context, page } = await signedInPage(h, `/studio/scripts/${scriptId}`);
    contexts.push(context);
    const header = page.locator('header.script-head');
    await expect.poll(() => header.getByText('GENERATING', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('listitem', { name: /^Scene \d$/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByLabel('Narration').count()).toBe(0);
  });

  it("shows approval's typed error under the header", async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    // Meanwhile the script is being written again elsewhere: the API refuses to approve it.
    await prisma.script.update({ where: { id: rawId(scriptId) }, data: { status: 'GENERATING' } });
    await page.getByRole('button', { name: 'Approve' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not approve' });
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    expect(await alert.textContent()).toContain('the script is still being generated');
    expect((await prisma.script.findUniqueOrThrow({ where: { id: rawId(scriptId) } })).status).toBe('GENERATING');
  });
});
