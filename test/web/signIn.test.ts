// Signing in as a person does: a studio link while signed out leads to the sign-in screen, which
// offers what this server has (the demo account here; Google only when configured), and brings the
// person back where they were going; signing out ends it.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from './browser.js';
import { type Harness, screenshotBoth, startHarness } from './studioHarness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 180_000);

afterAll(() => h?.close());

describe('sign-in', () => {
  it('sends a signed-out visitor to sign in, offers only the demo account, and comes back to the page asked for', async () => {
    const context = await h.browser.newContext({ viewport: PHONE, baseURL: h.origin });
    const page = await context.newPage();
    await page.goto('/studio/projects/some-project');
    await page.waitForURL(/\/sign-in\?returnTo=/);
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/studio/projects/some-project');
    const demo = page.getByRole('link', { name: 'Try the demo account' });
    await demo.waitFor();
    // Google is not configured in tests, so it is not offered.
    expect(await page.getByRole('link', { name: 'Continue with Google' }).count()).toBe(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await screenshotBoth(page, 'sign-in');

    await demo.click();
    await page.waitForURL(`${h.origin}/studio/projects/some-project`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByText('Demo User').first().isVisible()).toBe(true);
    await context.close();
  });

  it('signs out: the cookie stops working and the studio asks to sign in again', async () => {
    const context = await h.browser.newContext({ viewport: DESKTOP, baseURL: h.origin });
    const page = await context.newPage();
    await page.goto('/auth/demo?returnTo=/studio');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${h.origin}/`);
    await page.goto('/studio');
    await page.waitForURL(/\/sign-in\?returnTo=%2Fstudio/);
    // A signed-in visitor who opens the sign-in screen goes straight on.
    await page.getByRole('link', { name: 'Try the demo account' }).click();
    await page.waitForURL(`${h.origin}/studio`);
    await page.goto('/sign-in?returnTo=/account');
    await page.waitForURL(`${h.origin}/account`);
    await context.close();
  });

  it('keeps the return path on this site', async () => {
    const context = await h.browser.newContext({ viewport: DESKTOP, baseURL: h.origin });
    const page = await context.newPage();
    await page.goto('/sign-in?returnTo=//evil.example/steal');
    const href = await page.getByRole('link', { name: 'Try the demo account' }).getAttribute('href');
    expect(href).toBe('/auth/demo?returnTo=%2Fstudio');
    await context.close();
  });
});
