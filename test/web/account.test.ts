// The account pages in a real browser, as a person uses them: sessions signed out from another
// browser, an API key made and used against /graphql, webhooks that reach a local receiver (signed
// with the secret the page showed), a YouTube channel connected through a fake Google and
// disconnected, and an account deleted. Screenshots land in SCREENSHOT_DIR.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, CLIENT_ID, CLIENT_SECRET, startFakeGoogle } from '../fakes/youtube.js';
import { type Receiver, startReceiver } from '../webhookReceiver.js';

// Before anything reads the config: webhooks may reach the receiver on 127.0.0.1 (the test
// allowance, refused in production); the workers run only the queues these pages start.
process.env.DOWNLOAD_ALLOW_LOOPBACK = 'true';
process.env.WORKER_QUEUES = 'webhook,account';

const { screenshotBoth, signedInPage, startHarness } = await import('./studioHarness.js');
const { PHONE } = await import('./browser.js');
const { env } = await import('../../src/config.js');
const { prisma, createUser } = await import('../helpers.js');
const { DEMO_EMAIL } = await import('../../src/auth/users.js');
const { startSession } = await import('../../src/auth/sessions.js');
const { sessionCookieName } = await import('../../src/auth/cookies.js');
const { emitEvent } = await import('../../src/notify/deliveryQueue.js');
const { closeConnectStore } = await import('../../src/publish/connect.js');
const { testWebhookEndpoint } = await import('../../src/resolvers/webhooks.js');

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness;
let receiver: Receiver;
const fake = await startFakeGoogle();

beforeAll(async () => {
  h = await startHarness({ workers: true });
  receiver = await startReceiver();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await receiver?.close();
  await closeConnectStore();
  await fake.close();
});

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v: { impact?: string | null }) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v: { id: string; help: string }) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** The GraphQL API as a script with an API key calls it. */
async function viewerByKey(key: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${h.origin}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { email } }' }),
  });
  return { status: res.status, body: await res.json() };
}

describe('profile and sessions', () => {
  it('lists this browser; signs another browser out from here, and then this one', async () => {
    const a = await signedInPage(h, '/account');
    const b = await signedInPage(h, '/account');
    const page = a.page;
    // Short action timeouts: a step that hangs names itself instead of the whole test timing out.
    page.setDefaultTimeout(8000);
    b.page.setDefaultTimeout(8000);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Demo User' }).count()).toBe(1);
    await expect.poll(() => page.getByText(DEMO_EMAIL).count()).toBeGreaterThan(0);
    const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
    await expect.poll(() => sessions.count()).toBe(2);
    // This browser comes first and says so; the other is the second context.
    await expect.poll(() => sessions.first().textContent()).toContain('This browser');
    expect(await sessions.nth(1).textContent()).not.toContain('This browser');
    expect(await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Profile' }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(page);
    await screenshotBoth(page, 'account');

    await sessions.nth(1).getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => sessions.count()).toBe(1);
    // The other browser's next load finds its session gone: to sign-in.
    await b.page.goto('/account');
    await b.page.waitForURL(/\/sign-in\?returnTo=%2Faccount/);
    await expect.poll(() => b.page.getByRole('heading', { name: 'Sign in to the studio' }).count()).toBe(1);

    // Signing this browser's own session out lands on the reels, signed out.
    await sessions.first().getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${h.origin}/`);
    await page.goto('/account');
    await page.waitForURL(/\/sign-in/);
    await a.context.close();
    await b.context.close();
  });
});

describe('API keys', () => {
  it('shows a new key once, with how to use it; the key works against /graphql until revoked', async () => {
    const { context, page } = await signedInPage(h, '/account/keys');
    await expect.poll(() => page.getByText('No API keys yet.').count()).toBe(1);
    // A name of only spaces is refused by the API, on the field, and the text stays.
    await page.getByLabel('Name').fill('   ');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => page.getByText('must not be empty').count()).toBe(1);
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name').fill('CI uploads');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByRole('textbox', { name: 'API key “CI uploads”' });
    await expect.poll(() => secret.count()).toBe(1);
    const key = await secret.inputValue();
    expect(key.length).toBeGreaterThan(20);
    expect(await page.getByText('you will not see it again').count()).toBe(1);
    expect(await page.locator('pre.usage').textContent()).toContain(`Authorization: Bearer ${key}`);
    const item = page.getByRole('list', { name: 'API keys' }).getByRole('listitem', { name: 'CI uploads' });
    await expect.poll(() => item.count()).toBe(1);
    // The list shows the prefix, never the key.
    const row = await prisma.apiKey.findFirstOrThrow({ where: { name: 'CI uploads' } });
    expect(await item.textContent()).toContain(row.prefix);
    expect(await item.textContent()).not.toContain(key);

    const used = await viewerByKey(key);
    expect(used.body).toEqual({ data: { viewer: { email: DEMO_EMAIL } } });
    await expectAccessible(page);
    await screenshotBoth(page, 'account-keys');

    // Shown once: after "stored" and a reload it is nowhere on the page.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.reload();
    await expect.poll(() => item.count()).toBe(1);
    expect(await page.content()).not.toContain(key);
    // The call above is on record.
    expect(await item.textContent()).toContain('last used just now');

    // By keyboard: Enter asks, the confirm button takes focus, Escape backs out to where it was.
    await item.getByRole('button', { name: 'Revoke' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Revoke key');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Revoke');
    expect(await item.getByRole('button', { name: 'Revoke key' }).count()).toBe(0);
    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => page.getByText('No API keys yet.').count()).toBe(1);
    await expect.poll(() => page.getByText('1 revoked key').count()).toBe(1);
    const after = await viewerByKey(key);
    expect(after.body.data?.viewer ?? null).toBeNull();
    expect(JSON.stringify(after.body)).not.toContain(DEMO_EMAIL);
    await context.close();
  });
});

describe('webhooks', () => {
  it('refuses a private URL on its field, keeps it; shows the secret once; a test reaches the receiver signed with it', async () => {
    const { context, page } = await signedInPage(h, '/account/webhooks');
    await expect.poll(() => page.getByText('No webhook endpoints yet.').count()).toBe(1);
    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    const url = page.getByLabel('Endpoint URL');
    await url.fill('http://10.1.2.3/hook');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'public address' }).count()).toBe(1);
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await url.inputValue()).toBe('http://10.1.2.3/hook');
    expect(await prisma.webhookEndpoint.count()).toBe(0);
    await screenshotBoth(page, 'account-webhooks-refused');

    // No events at all: said on the events.
    for (const label of ['A render finished', 'A render failed']) await page.getByLabel(label).uncheck();
    await url.fill(`${receiver.url}/hook`);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'name at least one event' }).count()).toBe(1);
    await page.getByLabel('A render finished').check();
    await page.getByLabel('A script was written').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();

    const secretBox = page.getByRole('textbox', { name: 'Signing secret' });
    await expect.poll(() => secretBox.count()).toBe(1);
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await page.getByText('you will not see it again').count()).toBe(1);
    const endpoint = page.getByRole('list', { name: 'Webhook endpoints' }).getByRole('listitem', { name: `${receiver.url}/hook` });
    await expect.poll(() => endpoint.count()).toBe(1);
    expect(await endpoint.getByRole('list', { name: 'Events' }).textContent()).toBe('render.succeededscript.generated');
    expect(await endpoint.textContent()).toContain('Enabled');

    receiver.script([{ status: 202 }]);
    await endpoint.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => endpoint.getByRole('status').textContent()).toMatch(/the receiver answered HTTP 202 in \d+ ms/);
    const [test] = await receiver.waitFor(1);
    expect(JSON.parse(test!.body).type).toBe('webhook.test');
    // The secret the page showed is the one the delivery is signed with.
    expect(() => receiver.verify(test!, secret)).not.toThrow();
    await expectAccessible(page);
    await screenshotBoth(page, 'account-webhooks');

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.reload();
    await expect.poll(() => endpoint.count()).toBe(1);
    expect(await page.content()).not.toContain(secret);

    // Rotating with no overlap: the next test is signed by the new secret only.
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    await endpoint.getByLabel('Keep the old secret signing for (minutes)').fill('0');
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    const rotatedBox = endpoint.getByRole('textbox', { name: 'New signing secret' });
    await expect.poll(() => rotatedBox.count()).toBe(1);
    const rotated = await rotatedBox.inputValue();
    expect(rotated).not.toBe(secret);
    await endpoint.getByRole('button', { name: 'I have stored it' }).click();
    await endpoint.getByRole('button', { name: 'Send a test' }).click();
    const [, second] = await receiver.waitFor(2);
    expect(() => receiver.verify(second!, rotated)).not.toThrow();
    expect(() => receiver.verify(second!, secret)).toThrow();

    // Editing: a bad URL is refused on the field, the good edit saves.
    await endpoint.getByRole('button', { name: 'Edit' }).click();
    await endpoint.getByLabel('A render finished').uncheck();
    await endpoint.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => endpoint.getByRole('list', { name: 'Events' }).textContent()).toBe('script.generated');
    await context.close();
  });

  it("lists an endpoint's deliveries, live and a page at a time; redelivers one with the same webhook-id; disables, deletes", async () => {
    receiver.received.length = 0;
    receiver.script([]);
    const { context, page } = await signedInPage(h, '/account/webhooks');
    const endpoint = page.getByRole('list', { name: 'Webhook endpoints' }).getByRole('listitem', { name: `${receiver.url}/hook` });
    await endpoint.getByRole('link', { name: 'Deliveries' }).click();
    await page.waitForURL(/\/account\/webhooks\/.+/);
    const list = page.getByRole('list', { name: 'Deliveries' });
    // The two tests of the previous step, newest first; tests are not redelivered.
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    expect(await list.getByRole('button', { name: 'Redeliver' }).count()).toBe(0);

    // Something happens in the studio: the worker delivers it and the page shows it without a reload.
    const demo = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    await emitEvent(demo.id, 'script.generated', { scriptId: 'script-1' });
    const [event] = await receiver.waitFor(1);
    const generated = list.getByRole('listitem', { name: 'script.generated, attempt 1' });
    await expect.poll(() => generated.count(), { timeout: 10_000 }).toBe(1);
    expect(await generated.textContent()).toContain('HTTP 204');
    expect(await generated.textContent()).toContain(event!.headers['webhook-id']);
    await expectAccessible(page);
    await screenshotBoth(page, 'account-webhook-deliveries');

    await generated.getByRole('button', { name: 'Redeliver' }).click();
    await expect.poll(() => generated.getByRole('status').textContent()).toContain('Sent again');
    const [, again] = await receiver.waitFor(2);
    expect(again!.headers['webhook-id']).toBe(event!.headers['webhook-id']);
    await expect.poll(() => list.getByRole('listitem', { name: 'script.generated, attempt 2' }).count(), { timeout: 10_000 }).toBe(1);

    // Twenty a page: with 22 attempts the older two come on asking.
    const row = await prisma.webhookEndpoint.findFirstOrThrow({ where: { userId: demo.id } });
    for (let i = 0; i < 18; i++) await testWebhookEndpoint({ id: demo.id } as never, row.id);
    await page.reload();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(20);
    expect(await page.getByText('22 attempts, newest first').count()).toBe(1);
    await page.getByRole('button', { name: 'Show older deliveries' }).click();
    const older = page.getByRole('list', { name: 'Older deliveries' });
    await expect.poll(() => older.getByRole('listitem').count()).toBe(2);
    // The oldest of all is the first test, answered 202.
    expect(await older.getByRole('listitem').last().textContent()).toContain('HTTP 202');
    expect(await page.getByRole('button', { name: 'Show older deliveries' }).count()).toBe(0);

    // Disabled by its owner: said with the reason; then deleted, back to the empty state.
    await page.getByRole('link', { name: '← Webhooks' }).click();
    await endpoint.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => endpoint.textContent()).toContain('disabled by its owner');
    expect(await endpoint.textContent()).toContain('Disabled');
    await endpoint.getByRole('button', { name: 'Delete' }).click();
    await endpoint.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect.poll(() => page.getByText('No webhook endpoints yet.').count()).toBe(1);
    expect(await prisma.webhookEndpoint.count()).toBe(0);
    await context.close();
  });
});

describe('YouTube', () => {
  it('says what the server needs without Google; connects a channel through Google (a fake) and disconnects it', async () => {
    const { context, page } = await signedInPage(h, '/account/youtube');
    const channels = page.getByRole('list', { name: 'Connected channels' });
    // The demo account's built-in sandbox channel.
    await expect.poll(() => channels.getByRole('listitem', { name: 'YouTube sandbox' }).count()).toBe(1);
    expect(await channels.textContent()).toContain('Sandbox');

    await page.getByRole('button', { name: 'Connect a channel' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET' }).count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toContain('not configured');
    await screenshotBoth(page, 'account-youtube-unconfigured');

    // The operator configures Google (here a local fake speaking Google's OAuth and the YouTube API).
    Object.assign(env, { GOOGLE_ISSUER: fake.url, GOOGLE_CLIENT_ID: CLIENT_ID, GOOGLE_CLIENT_SECRET: CLIENT_SECRET, YOUTUBE_API_URL: fake.url });
    await page.getByRole('button', { name: 'Connect a channel' }).click();
    await page.waitForURL(/\/account\/youtube\?youtube=connected/);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: `“${CHANNEL.title}” is connected.` })
          .count(),
      )
      .toBe(1);
    const connected = channels.getByRole('listitem', { name: CHANNEL.title });
    await expect.poll(() => connected.count()).toBe(1);
    expect(await connected.textContent()).toContain(CHANNEL.id);
    await expectAccessible(page);
    await screenshotBoth(page, 'account-youtube');

    // Google cannot be reached to revoke the grant: said on the channel, which stays.
    fake.knobs.revokeFails = true;
    await connected.getByRole('button', { name: 'Disconnect' }).click();
    await connected.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => connected.getByRole('alert').textContent()).toContain('Google could not be reached');
    expect(await prisma.youTubeChannel.count({ where: { channelId: CHANNEL.id } })).toBe(1);
    fake.knobs.revokeFails = false;
    await connected.getByRole('button', { name: 'Disconnect' }).click();
    await connected.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => connected.count()).toBe(0);
    expect(fake.revoked).toHaveLength(1);
    expect(await prisma.youTubeChannel.count({ where: { channelId: CHANNEL.id } })).toBe(0);
    await context.close();
  });
});

describe('deleting the account', () => {
  it('refuses the shared demo account, saying why', async () => {
    const { context, page } = await signedInPage(h, '/account', PHONE);
    await page.getByRole('button', { name: 'Delete account…' }).click();
    const confirm = page.getByRole('button', { name: 'Delete my account' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Type “delete my account” to confirm').fill('delete my account');
    await confirm.click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The demo account is shared and cannot be deleted' }).count()).toBe(1);
    expect(await page.getByLabel('Type “delete my account” to confirm').inputValue()).toBe('delete my account');
    await context.close();
  });

  it('deletes a person’s account once they typed it out, follows the deletion, and lands signed out', async () => {
    const user = await createUser('leaver');
    const { token } = await startSession(user.id, 'demo', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36');
    const context = await h.browser.newContext({ viewport: PHONE, baseURL: h.origin });
    await context.addCookies([{ name: sessionCookieName(), value: token, url: h.origin }]);
    const page = await context.newPage();
    await page.goto('/account');
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await page.getByLabel('Type “delete my account” to confirm').fill('delete my');
    expect(await page.getByRole('button', { name: 'Delete my account' }).isDisabled()).toBe(true);
    await page.getByLabel('Type “delete my account” to confirm').fill('Delete my account');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Your account is deleted.');
    await page.waitForURL(`${h.origin}/`, { timeout: 10_000 });
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toBeNull();
    await page.goto('/account');
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });
});
