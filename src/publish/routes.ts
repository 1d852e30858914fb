// HTTP routes of publishing, mounted by src/server.ts beside the file route: Google's redirect back
// after connectYouTube, and (when on) the YouTube sandbox.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { env } from '../config.js';
import { encodeId } from '../ids.js';
import { logger } from '../logger.js';
import type { Storage } from '../render/storage/storage.js';
import { CALLBACK_PATH, completeYouTubeConnection, ConnectError } from './connect.js';
import { createSandboxRoutes } from './sandbox/routes.js';

function page(res: ServerResponse, status: number, text: string): void {
  const html = `<!doctype html><meta charset="utf-8"><title>reelforge · YouTube</title><p>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end(html);
}

/** Who the browser making a request is signed in as (its session cookie), if anyone. */
export type BrowserUser = (req: IncomingMessage) => Promise<string | null>;

async function callback(req: IncomingMessage, res: ServerResponse, browserUser: BrowserUser): Promise<void> {
  if (req.method !== 'GET') return page(res, 405, 'Use GET.');
  const query = new URL(req.url ?? '/', 'http://callback').searchParams;
  try {
    const { channel, returnTo } = await completeYouTubeConnection(query, await browserUser(req));
    const id = encodeId('YouTubeChannel', channel.id);
    if (returnTo) {
      const to = new URL(returnTo, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
      to.searchParams.set('youtube', 'connected');
      to.searchParams.set('channel', id);
      res.writeHead(303, { location: to.href, 'cache-control': 'no-store' }).end();
      return;
    }
    page(res, 200, `YouTube channel "${channel.title}" is connected (${id}). You can close this page.`);
  } catch (err) {
    if (err instanceof ConnectError) return page(res, err.status, err.message);
    logger.error({ err }, 'the YouTube connection callback failed');
    page(res, 500, 'The connection could not be completed; nothing was stored. Try again.');
  }
}

export function createPublishRoutes(storage: Storage, browserUser: BrowserUser): (req: IncomingMessage, res: ServerResponse) => false | Promise<void> {
  const sandbox = env.YOUTUBE_SANDBOX ? createSandboxRoutes(storage) : null;
  return (req, res) => {
    const path = req.url?.split('?')[0];
    if (path === CALLBACK_PATH) return callback(req, res, browserUser);
    return sandbox ? sandbox(req, res) : false;
  };
}
