// "Make an AI image" in the studio's picture panel, in a real browser: the scene's AI prompt edited
// and drawn by the real @google/genai SDK against a local fake Gemini (slow on purpose, so the
// Drawing… state is seen), the picture shown and selected; a refusal shown on the card with the
// prompt kept. Without a generator the button is disabled with its reason (test/web/scenes.test.ts).
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, imageAnswer, imagePart, makePng, type Reply, startFakeGemini } from '../images/generate/fakeGeminiImage.js';

// Each answer waits for the test to release it. Set before the server's config is read.
let reply: () => Reply = () => ({ status: 500, body: { error: { code: 500, message: 'not set up', status: 'INTERNAL' } } });
let release: () => void = () => {};
let gate: Promise<void> = Promise.resolve();
const gemini = await startFakeGemini(async () => {
  await gate;
  return reply();
});
Object.assign(process.env, { GEMINI_API_KEY: API_KEY, GEMINI_BASE_URL: gemini.url });

const { startHarness, signedInPage, screenshotBoth } = await import('./studioHarness.js');
const { gqlOk, prisma, rawId } = await import('../helpers.js');
const { ensureDemoUser } = await import('../../src/auth/users.js');
const { newApiKey } = await import('../../src/auth/apiKeys.js');

let h: Awaited<ReturnType<typeof startHarness>>;
let demoKey: string;
let png: Buffer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startHarness();
  const demo = await ensureDemoUser();
  const { key, prefix, secretHash } = newApiKey();
  await prisma.apiKey.create({ data: { userId: demo.id, name: 'ai image test', prefix, secretHash } });
  demoKey = key;
  png = await makePng();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await h?.close();
  await gemini.close();
});

/** An APPROVED script of the demo user's whose first scene has an AI prompt, in a shared style. */
async function newScript(): Promise<string> {
  const p = await gqlOk(`mutation { createProject(input: { title: "Bees" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, demoKey);
  const s = await gqlOk(
    `mutation($input: CreateScriptInput!) { createScript(input: $input) { ... on CreateScriptSuccess { data { id } } ... on Error { message } } }`,
    {
      input: {
        projectId: p.createProject.data.id,
        title: 'How bees talk',
        text: 'Honeybees dance to tell the hive where flowers are. Wax cells hold the nectar.',
      },
    },
    demoKey,
  );
  const scriptId = s.createScript.data.id as string;
  await prisma.scene.updateMany({ where: { scriptId: rawId(scriptId), position: 0 }, data: { aiImagePrompt: 'a honeybee dancing on a golden honeycomb' } });
  await prisma.script.update({ where: { id: rawId(scriptId) }, data: { style: 'soft watercolour', status: 'APPROVED', approvedAt: new Date() } });
  return scriptId;
}

async function openScript(scriptId: string): Promise<Page> {
  const { context, page } = await signedInPage(h, `/studio/scripts/${scriptId}`);
  contexts.push(context);
  await expect.poll(() => page.getByRole('heading', { name: 'Scene 1', exact: true }).count(), { timeout: 15_000 }).toBe(1);
  return page;
}

const card = (page: Page, n: number) => page.getByRole('listitem', { name: `Scene ${n}`, exact: true });

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`);
}

function holdAnswers() {
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
}

describe('Make an AI image', { timeout: 90_000 }, () => {
  it("draws the scene's edited AI prompt while saying so, then shows the picture selected among the candidates", async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    const first = card(page, 1);
    expect(await first.getByText('No picture yet').count()).toBe(1);
    await first.getByRole('button', { name: 'Make an AI image' }).click();
    const prompt = first.getByLabel('Draw this');
    // Opened on the scene's own AI prompt, with the focus there to edit it.
    expect(await prompt.inputValue()).toBe('a honeybee dancing on a golden honeycomb');
    expect(await prompt.evaluate((el) => el === document.activeElement)).toBe(true);
    await prompt.fill('a honeybee dancing on a golden honeycomb at dawn');

    holdAnswers();
    reply = () => ({ status: 200, body: imageAnswer([imagePart(png)]) });
    await first.getByRole('button', { name: 'Draw it' }).click();
    await expect.poll(() => first.getByRole('button', { name: 'Drawing…' }).count()).toBe(1);
    expect(await first.getByRole('button', { name: 'Drawing…' }).isDisabled()).toBe(true);
    expect(await first.getByRole('status').filter({ hasText: 'can take a minute' }).count()).toBe(1);
    await expect.poll(() => gemini.requests.length).toBe(1);
    expect(gemini.requests[0]!.body.contents[0].parts[0].text).toMatch(/^a honeybee dancing on a golden honeycomb at dawn\nStyle: soft watercolour\./);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotBoth(page, 'scene-ai-image-drawing');
    release();

    const grid = first.getByRole('list', { name: 'Pictures for scene 1' });
    await expect.poll(() => grid.getByRole('listitem').count(), { timeout: 20_000 }).toBe(1);
    const title = 'a honeybee dancing on a golden honeycomb at dawn';
    expect(await grid.getByRole('button', { name: `Selected: ${title}` }).count()).toBe(1);
    expect(await grid.getByText('AI · gemini-2.5-flash-image').count()).toBe(1);
    expect(await first.getByRole('img', { name: `Picture of scene 1: ${title}` }).count()).toBe(1);
    expect(await first.getByRole('status').filter({ hasText: 'AI image made and selected.' }).count()).toBe(1);
    // The picture loads (a real JPEG from storage), 9:16.
    const size = await first.getByRole('img', { name: `Picture of scene 1: ${title}` }).evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return { w: img.naturalWidth, h: img.naturalHeight };
    });
    expect(size).toEqual({ w: 720, h: 1280 });
    // The focus went back to the button that opened the form.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Make an AI image');

    const scene = await prisma.scene.findFirstOrThrow({ where: { scriptId: rawId(scriptId), position: 0 }, include: { selectedAsset: true, script: true } });
    expect(scene.selectedAsset).toMatchObject({ provider: 'gemini:gemini-2.5-flash-image', width: 720, height: 1280 });
    expect(scene.script.status).toBe('DRAFT');
    // The header says so too: the approval is gone.
    await expect.poll(() => page.getByText('DRAFT', { exact: true }).count()).toBe(1);
    expect(await page.getByText('APPROVED', { exact: true }).count()).toBe(0);

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotBoth(page, 'scene-ai-image');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a refusal on the card, keeps the prompt as typed, and stores nothing', async () => {
    const scriptId = await newScript();
    const page = await openScript(scriptId);
    const second = card(page, 2);
    await second.getByRole('button', { name: 'Make an AI image' }).click();
    const prompt = second.getByLabel('Draw this');
    // Scene 2 has no AI prompt of its own: empty is refused on the field, nothing is sent.
    expect(await prompt.inputValue()).toBe('');
    const before = gemini.requests.length;
    await second.getByRole('button', { name: 'Draw it' }).click();
    await expect.poll(() => second.getByText("give a prompt, or set the scene's AI image prompt first").count()).toBe(1);
    expect(await prompt.getAttribute('aria-invalid')).toBe('true');
    expect(gemini.requests.length).toBe(before);

    gate = Promise.resolve();
    reply = () => ({ status: 200, body: imageAnswer([{ text: 'I cannot draw that.' }], 'IMAGE_SAFETY') });
    await prompt.fill('wax cells full of nectar');
    await second.getByRole('button', { name: 'Draw it' }).click();
    const alert = second.getByRole('alert').filter({ hasText: 'The AI image could not be made' });
    await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
    expect(await alert.textContent()).toMatch(/blocked \(finishReason IMAGE_SAFETY\)/);
    expect(await prompt.inputValue()).toBe('wax cells full of nectar');
    expect(await second.getByRole('button', { name: 'Draw it' }).isDisabled()).toBe(false);
    const scene = await prisma.scene.findFirstOrThrow({ where: { scriptId: rawId(scriptId), position: 1 }, include: { assets: true } });
    expect(scene.assets).toEqual([]);
    expect(scene.selectedAssetId).toBeNull();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshotBoth(page, 'scene-ai-image-refused');
  });
});
