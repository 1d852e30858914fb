// The web app (web/): built by Vite when missing or older than its sources, and served at `/` with
// the API. Paths the app routes itself (/reel/:id, /studio) get index.html.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import sirv from 'sirv';
import { env } from './config.js';
import { logger } from './logger.js';
import { securityHeaders } from './protection/headers.js';

export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');
const STAMP = join(WEB_DIST, '.source-hash');
const VITE_BIN = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out.sort();
}

/** A hash of everything the build reads: the app's sources, its config, the locked dependencies and this recipe. */
export async function webSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const lock = fileURLToPath(new URL('../package-lock.json', import.meta.url));
  for (const path of [...(await filesUnder(WEB_ROOT)), lock, fileURLToPath(import.meta.url)]) {
    hash
      .update(relative(WEB_ROOT, path))
      .update('\0')
      .update(await readFile(path))
      .update('\0');
  }
  return hash.digest('hex');
}

async function upToDate(source: string): Promise<boolean> {
  return existsSync(join(WEB_DIST, 'index.html')) && existsSync(STAMP) && (await readFile(STAMP, 'utf8')) === source;
}

/**
 * Builds the app unless the last build was made from the same sources. Processes that start together
 * (an API and a worker, parallel test files) take turns through a lock file: one builds, the others
 * wait and then find the build fresh.
 */
export async function ensureWebBuilt(): Promise<{ built: boolean; ms: number }> {
  const started = Date.now();
  const source = await webSourceHash();
  if (await upToDate(source)) return { built: false, ms: Date.now() - started };
  const release = await lockfile.lock(WEB_ROOT, {
    lockfilePath: join(WEB_ROOT, '.build.lock'),
    stale: 60_000,
    retries: { retries: 120, minTimeout: 500, maxTimeout: 1000 },
  });
  try {
    if (await upToDate(source)) return { built: false, ms: Date.now() - started };
    logger.info('building the web app (web/ changed since the last build)');
    await viteBuild();
    await writeFile(STAMP, source);
    return { built: true, ms: Date.now() - started };
  } finally {
    await release();
  }
}

/**
 * Runs `vite build` in a child process with NODE_ENV=production: Vite and the React plugin follow
 * NODE_ENV (e.g. `test`) into a development build otherwise, and the API keeps no Vite in memory.
 */
function viteBuild(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [VITE_BIN, 'build', '--logLevel', 'warn'], {
      cwd: WEB_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`building the web app failed (vite exited ${code}): ${stderr.slice(-2000)}`))));
  });
}

function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

/** The app's policy: its own code only; media also from the storage's public and presigned hosts. */
export function appContentSecurityPolicy(): string {
  const media = ["'self'", 'blob:', 'data:', ...originOf(env.S3_PUBLIC_BASE_URL), ...originOf(env.S3_ENDPOINT), ...originOf(env.PUBLIC_URL)].join(' ');
  return [
    "default-src 'self'",
    `img-src ${media}`,
    `media-src ${media}`,
    "connect-src 'self' ws: wss:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Serves the built app, or null when there is no build (the API runs alone). */
export function createWebHandler(dist = WEB_DIST): WebHandler | null {
  if (!existsSync(join(dist, 'index.html'))) return null;
  const csp = appContentSecurityPolicy();
  return sirv(dist, {
    single: true,
    etag: true,
    dotfiles: false,
    setHeaders: (res, pathname) => {
      const headers = securityHeaders('text/html');
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.setHeader('Content-Security-Policy', csp);
      // Vite names built assets by their content: cache them for good; index.html is always revalidated.
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
