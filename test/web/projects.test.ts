// The studio's projects in a real browser, as a person uses them: a first visit's empty state,
// creating a project (with a mistake shown on its field), a script from their own text, a script
// written from a topic while they watch (retries, a failure with Try again, grounding sources),
// renaming and deleting. The script writers are the real SDKs against local fake servers.
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, geminiAnswer, geminiError, groqAnswer, groqError, type Reply, startFake, validScript } from '../script/fakeServers.js';

// Replies are swapped per test; the servers live for the whole file. Keys and addresses are set
// before the app's config is read (the imports below).
let geminiReply: (n: number) => Reply = () => ({ status: 500, body: geminiError(500, 'not set up') });
let groqReply: (n: number) => Reply = () => ({ status: 500, body: groqError('not set up', 'server_error') });
const gemini = await startFake((_r, n) => geminiReply(n));
const groq = await startFake((_r, n) => groqReply(n));
process.env.GEMINI_API_KEY = API_KEY;
process.env.GEMINI_BASE_URL = gemini.url;
process.env.GROQ_API_KEY = API_KEY;
process.env.GROQ_BASE_URL = groq.url;

const { prisma, rawId } = await import('../helpers.js');
const { startWorkers } = await import('../renderHelpers.js');
const { screenshotBoth, signedInPage, startHarness } = await import('./studioHarness.js');
const { DEMO_EMAIL } = await import('../../src/auth/users.js');

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness;
let page: Page;
let workers: ReturnType<typeof startWorkers> | null = null;
let projectId = '';

const SOURCES = [
  { uri: 'https://example.org/oslo-ceremony', title: 'The ceremony in Oslo' },
  { uri: 'https://example.org/hidankyo', title: 'Who Nihon Hidankyo are' },
];

beforeAll(async () => {
  // No workers yet: a generation waits in the queue until a test starts them, so its waiting state
  // can be seen (and photographed) before anything is written.
  h = await startHarness();
  ({ page } = await signedInPage(h, '/studio'));
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) console.error('http', r.status(), r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error('console:', m.text());
  });
}, 120_000);

afterAll(async () => {
  await workers?.close();
  await h?.close();
  await Promise.all([gemini.close(), groq.close()]);
});

async function noSeriousAxe() {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v: { impact?: string | null }) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v: { id: string; help: string; nodes: { target: unknown }[] }) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
  ).toEqual([]);
}

/** The error a person sees under a field, and whether the field is marked invalid. */
async function fieldState(input: Locator): Promise<{ invalid: string | null; error: string; value: string }> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"].field-error`).allTextContents()));
  return { invalid: await input.getAttribute('aria-invalid'), error: texts.flat().join(' '), value: await input.inputValue() };
}

async function demoUserId() {
  return (await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } })).id;
}

describe('projects', () => {
  it('greets a first-time user with an empty state that invites a first project', async () => {
    await page
      .getByRole('heading', { name: 'Make your first reel' })
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        throw new Error(`no empty state at ${page.url()}: ${await page.content()}`, { cause: e });
      });
    await page.getByRole('button', { name: 'Create “My first project”' }).waitFor();
    expect(await page.getByRole('list', { name: 'Projects' }).count()).toBe(0);
    await noSeriousAxe();
    await screenshotBoth(page, 'projects-empty');
  });

  it('shows a bad language and an empty title on their fields, keeping what was typed, then creates the project', async () => {
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Title', { exact: true }).fill('Space facts');
    await form.getByLabel('Language', { exact: true }).fill('english please');
    await form.getByRole('button', { name: 'Create project' }).click();
    const language = await fieldState(form.getByLabel('Language', { exact: true }));
    expect(language.error).toContain('BCP 47');
    expect(language.value).toBe('english please');
    expect(await form.getByLabel('Title', { exact: true }).inputValue()).toBe('Space facts');
    expect(await form.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('false');

    await form.getByLabel('Title', { exact: true }).fill('   ');
    await form.getByLabel('Language', { exact: true }).fill('en');
    await form.getByRole('button', { name: 'Create project' }).click();
    const title = await fieldState(form.getByLabel('Title', { exact: true }));
    expect(title.error).toContain('must not be empty');
    expect(await prisma.project.count()).toBe(0);

    await form.getByLabel('Title', { exact: true }).fill('Space facts');
    await form.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/studio\/projects\/[^/]+$/);
    await page.getByRole('heading', { name: 'Space facts' }).waitFor();
    projectId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = await prisma.project.findUniqueOrThrow({ where: { id: rawId(projectId) } });
    expect(stored).toMatchObject({ title: 'Space facts', language: 'en', ownerId: await demoUserId() });
    await page.getByText('No scripts yet').waitFor();
    await noSeriousAxe();
  });

  it('makes a script from the person’s own text, its mistakes shown on the fields, and opens it', async () => {
    await page.getByRole('link', { name: 'Write the first script' }).click();
    await page.waitForURL(`**/studio/projects/${projectId}/new`);
    const form = page.getByRole('form', { name: 'New script from my text' });
    await form.getByRole('button', { name: 'Create script' }).waitFor();
    await noSeriousAxe();
    await screenshotBoth(page, 'new-script');

    await form.getByRole('button', { name: 'Create script' }).click();
    expect((await fieldState(form.getByLabel('Your script', { exact: true }))).error).toContain('must not be empty');

    const text =
      'Mars has the tallest volcano we know of. Olympus Mons rises about 22 kilometres above the plains. ' +
      'It is so wide that standing on its slope you could not see the top. Its base would cover France.';
    await form.getByLabel('Your script', { exact: true }).fill(text);
    await form.getByLabel('Title', { exact: true }).fill('The tallest volcano');
    await form.getByLabel('Language', { exact: true }).fill('e n');
    await form.getByRole('button', { name: 'Create script' }).click();
    const language = await fieldState(form.getByLabel('Language', { exact: true }));
    expect(language.error).toContain('BCP 47');
    // Nothing typed is lost, and the earlier error has gone.
    expect(await form.getByLabel('Your script', { exact: true }).inputValue()).toBe(text);
    expect(await form.getByLabel('Your script', { exact: true }).getAttribute('aria-invalid')).toBe('false');

    await form.getByLabel('Language', { exact: true }).fill('en');
    await form.getByRole('button', { name: 'Create script' }).click();
    await page.waitForURL(/\/studio\/scripts\/[^/]+$/);
    const scriptId = rawId(decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!));
    const script = await prisma.script.findUniqueOrThrow({ where: { id: scriptId }, include: { scenes: { orderBy: { position: 'asc' } } } });
    expect(script).toMatchObject({ title: 'The tallest volcano', status: 'DRAFT', projectId: rawId(projectId) });
    expect(script.scenes.map((s) => s.narration).join(' ')).toBe(text);
  });

  it('writes a script from a topic while the person watches, then opens it', async () => {
    await page.goto(`/studio/projects/${encodeURIComponent(projectId)}/new`);
    await page.getByRole('tab', { name: 'From a topic' }).click();
    const form = page.getByRole('form', { name: 'New script from a topic' });
    await form.getByLabel('Topic', { exact: true }).fill('A fox who learns to swim');
    await form.getByLabel('Scenes', { exact: true }).fill('2');
    await form.getByRole('button', { name: 'Write the script' }).click();
    const scenes = await fieldState(form.getByLabel('Scenes', { exact: true }));
    expect(scenes.error).toMatch(/4|greater/);
    expect(await form.getByLabel('Topic', { exact: true }).inputValue()).toBe('A fox who learns to swim');

    // A story goes to Groq first: one outage, then an answer.
    groqReply = (n) =>
      n === 0 ? { status: 500, body: groqError('upstream is down', 'server_error') } : { status: 200, body: groqAnswer(JSON.stringify(validScript)) };
    await form.getByLabel('Scenes', { exact: true }).fill('5');
    await form.getByRole('button', { name: 'Write the script' }).click();
    await page.getByRole('heading', { name: 'Writing your script…' }).waitFor();
    await page.getByText('Started: waiting to hear from the writer…').waitFor();
    await page.getByRole('progressbar', { name: 'Writing the script' }).waitFor();
    await noSeriousAxe();
    await screenshotBoth(page, 'script-progress');
    const generating = await prisma.script.findFirstOrThrow({ where: { status: 'GENERATING' } });
    expect(generating).toMatchObject({ prompt: 'A fox who learns to swim', sceneCount: 5, mode: 'STORY' });

    workers = startWorkers(['script']);
    await page.getByText(/Writing with .*Groq/).waitFor({ timeout: 15_000 });
    // Written, with no sources to look at: straight on to the script.
    await page.waitForURL(/\/studio\/scripts\/[^/]+$/, { timeout: 20_000 });
    const id = rawId(decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!));
    expect(id).toBe(generating.id);
    const written = await prisma.script.findUniqueOrThrow({ where: { id }, include: { _count: { select: { scenes: true } } } });
    expect(written).toMatchObject({ status: 'DRAFT', title: validScript.title });
    expect(written._count.scenes).toBe(validScript.scenes.length);
    expect(groq.requests.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('shows each writer failing and why, and Try again writes it, grounded, with its sources as links', async () => {
    await page.goto(`/studio/projects/${encodeURIComponent(projectId)}/new`);
    await page.getByRole('tab', { name: 'From a topic' }).click();
    const form = page.getByRole('form', { name: 'New script from a topic' });
    // News is written by Gemini with Google Search: an outage, then both models refuse.
    const before = gemini.requests.length;
    geminiReply = (n) =>
      n === before ? { status: 500, body: geminiError(500, 'backend hiccup') } : { status: 400, body: geminiError(400, 'request refused') };
    // The writers stop until the person is watching, so every event reaches the page.
    await workers?.close();
    await form.getByLabel('Topic', { exact: true }).fill('Who won the Nobel Peace Prize in 2024');
    await form.getByLabel('Mode', { exact: true }).selectOption('NEWS');
    await form.getByRole('button', { name: 'Write the script' }).click();

    await page.getByText('Started: waiting to hear from the writer…').waitFor();
    workers = startWorkers(['script']);
    await page.getByRole('heading', { name: 'The script could not be written' }).waitFor({ timeout: 30_000 });
    const log = page.getByRole('list', { name: 'What happened' });
    const lines = await log.locator('li').allTextContents();
    expect(lines.some((l) => /stumbled \(.*\); trying it again/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes('gave up')).length).toBe(2);
    expect(lines.filter((l) => l.startsWith('Every writer failed')).length).toBe(1);
    expect(lines.some((l) => l.includes('with Google Search'))).toBe(true);
    const failed = await prisma.script.findFirstOrThrow({ where: { status: 'FAILED' } });
    const reason = failed.failureReason!;
    expect(reason).toContain('request refused');
    // The reason as the person reads it: each writer and why, without the providers' JSON.
    const why = (await page.getByText('Why:').locator('..').textContent()) ?? '';
    expect(why).toContain('No script writer succeeded');
    expect(why.match(/request refused/g)?.length).toBe(2);
    expect(why).not.toContain('{"error"');
    expect(reason).toContain('{"error"');
    await noSeriousAxe();
    await screenshotBoth(page, 'script-progress-failed');

    geminiReply = () => ({ status: 200, body: geminiAnswer(JSON.stringify(validScript), SOURCES) });
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Your script is written' }).waitFor({ timeout: 30_000 });
    for (const s of SOURCES) {
      expect(await page.getByRole('link', { name: s.title }).getAttribute('href')).toBe(s.uri);
    }
    await screenshotBoth(page, 'script-progress-sources');
    await page.getByRole('link', { name: 'Open the script' }).click();
    await page.waitForURL(/\/studio\/scripts\/[^/]+$/);
    const id = rawId(decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!));
    expect(id).toBe(failed.id);
    expect(await prisma.script.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DRAFT', attempt: failed.attempt + 1, failureReason: null });
  }, 90_000);

  it('lists the project’s scripts; renames one (an empty title refused on its field) and deletes one after a confirm', async () => {
    await page.goto(`/studio/projects/${encodeURIComponent(projectId)}`);
    const list = page.getByRole('list', { name: 'Scripts' });
    await list.waitFor();
    await expect.poll(() => list.locator(':scope > li').count()).toBe(3);
    expect(await list.getByText('Draft').count()).toBe(3);
    await noSeriousAxe();
    await screenshotBoth(page, 'project');

    await page.getByRole('button', { name: 'Rename The tallest volcano' }).click();
    const box = page.getByLabel('Script title', { exact: true });
    await box.fill(' ');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await fieldState(box)).error).toContain('must not be empty');
    await box.fill('Olympus Mons');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Olympus Mons' }).waitFor();
    expect(await prisma.script.count({ where: { title: 'Olympus Mons' } })).toBe(1);

    await page.getByRole('button', { name: 'Delete Olympus Mons' }).click();
    await page.getByText('Delete the script “Olympus Mons” and its renders?').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete Olympus Mons' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => list.locator(':scope > li').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Olympus Mons' }).count()).toBe(0);
    expect(await prisma.script.count({ where: { projectId: rawId(projectId) } })).toBe(2);
  });

  it('renames the project from its page', async () => {
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByLabel('Project title', { exact: true }).fill('Space and time');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Space and time' }).waitFor();
    expect((await prisma.project.findUniqueOrThrow({ where: { id: rawId(projectId) } })).title).toBe('Space and time');
  });

  it('lists projects with their scripts, pages with Load more, renames and deletes a project after a confirm', async () => {
    // Older projects than a page holds, made straight in the database.
    const ownerId = await demoUserId();
    const old = Date.now() - 86_400_000;
    await prisma.project.createMany({
      data: Array.from({ length: 21 }, (_, i) => ({ ownerId, title: `Archive ${i + 1}`, createdAt: new Date(old - i * 60_000) })),
    });
    await page.getByRole('link', { name: '← Your projects' }).click();
    const list = page.getByRole('list', { name: 'Projects' });
    await list.waitFor();
    const card = list.locator(':scope > li', { has: page.getByRole('link', { name: 'Space and time' }) });
    await card.getByText('2 scripts').waitFor();
    await expect.poll(() => list.locator(':scope > li').count()).toBe(20);
    await noSeriousAxe();
    await screenshotBoth(page, 'projects');
    expect(await page.getByRole('link', { name: 'Archive 21' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('link', { name: 'Archive 21' }).waitFor();
    expect(await list.locator(':scope > li').count()).toBe(22);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Rename Archive 1', exact: true }).click();
    await page.getByLabel('Project title', { exact: true }).fill('Archive one');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Archive one' }).waitFor();

    await page.getByRole('button', { name: 'Delete Archive one' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Archive one' }).count()).toBe(0);
    expect(await prisma.project.count({ where: { title: { startsWith: 'Archive' } } })).toBe(20);

    // A project made from the list opens, and the list (kept by the app, not reloaded) leads with it.
    await page.getByRole('button', { name: 'New project' }).click();
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Title', { exact: true }).fill('Scratch');
    await form.getByLabel('Language', { exact: true }).fill('pt-BR');
    await form.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Scratch' }).waitFor();
    await page.getByRole('link', { name: '← Your projects' }).click();
    await list.waitFor();
    await expect.poll(() => list.locator(':scope > li h3').first().textContent()).toBe('Scratch');
    expect(await prisma.project.findFirstOrThrow({ where: { title: 'Scratch' } })).toMatchObject({ language: 'pt-BR' });
  });

  it('deletes a project with its scripts from its page, and an empty studio offers the one-click first project', async () => {
    await prisma.project.deleteMany({ where: { OR: [{ title: { startsWith: 'Archive' } }, { title: 'Scratch' }] } });
    await page.goto(`/studio/projects/${encodeURIComponent(projectId)}`);
    await page.getByRole('button', { name: 'Delete project' }).click();
    await page.getByText('Delete “Space and time” and its 2 scripts, with every render?').waitFor();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/\/studio$/);
    expect(await prisma.project.count()).toBe(0);
    expect(await prisma.script.count()).toBe(0);

    await page.getByRole('button', { name: 'Create “My first project”' }).click();
    await page.getByRole('heading', { name: 'My first project' }).waitFor();
    expect(await prisma.project.count({ where: { title: 'My first project' } })).toBe(1);
  });
});
