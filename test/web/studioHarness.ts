// One real server (API, web app, workers) for a browser test file, and a browser signed in as the
// demo user through the same link a person clicks. Screenshots go to SCREENSHOT_DIR.
import { mkdir } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { env } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { ensureWebBuilt } from '../../src/web.js';
import { closeRenderInfra, type RunningWorkers, startWorkers } from '../renderHelpers.js';
import { DESKTOP, launchBrowser, PHONE } from './browser.js';

export const shots = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'reelforge-screenshots');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

export interface Harness {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The built app, the API on a free port (its origin is PUBLIC_URL), optionally the workers, and Chromium. */
export async function startHarness(options: { workers?: boolean } = {}): Promise<Harness> {
  await ensureWebBuilt();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // Asset URLs and sign-in redirects name the server's own origin, so it is set before the server starts.
  env.PUBLIC_URL = origin;
  const server: RunningServer = await startServer(port, '127.0.0.1');
  const workers: RunningWorkers | null = options.workers ? startWorkers() : null;
  const browser = await launchBrowser();
  await mkdir(shots, { recursive: true });
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await closeRenderInfra(workers);
    },
  };
}

/** A browser context signed in as the demo user (GET /auth/demo sets the session cookie), on `path`. */
export async function signedInPage(h: Harness, path = '/studio', viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport, baseURL: h.origin });
  const page = await context.newPage();
  await page.goto(`/auth/demo?returnTo=${encodeURIComponent(path)}`);
  return { context, page };
}

/** Phone and desktop screenshots of what `page` shows now, named `<name>-phone.png` / `<name>-desktop.png`. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true });
  }
}
