// One signed POST to a receiver: vetted and pinned address, no redirect followed, a hard timeout.
import type { IncomingMessage } from 'node:http';
import { pinnedRequest, type VetOptions } from '../render/net/pinnedRequest.js';
import { describeUrlError, vetWebhookUrl } from './endpointUrl.js';
import { DELIVERY_TIMEOUT_MS, parseRetryAfter } from './schedule.js';

const USER_AGENT = 'reelforge-webhooks/0.1 (+Standard Webhooks)';

export interface SendResult {
  /** The receiver's HTTP status; null when none came (refused URL, network error, timeout). */
  status: number | null;
  ok: boolean;
  durationMs: number;
  /** What went wrong, for the delivery row (no secrets). */
  error: string | null;
  /** From Retry-After on a 429 or 503. */
  retryAfterMs: number | null;
}

export interface SendOptions {
  timeoutMs?: number;
  /** Resolves the URL's host (default: the system resolver); injectable for tests. */
  lookup?: VetOptions['lookup'];
}

export async function sendWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions = {}): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const started = Date.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Date.now() - started });
  let res: IncomingMessage | undefined;
  try {
    // The same policy as at creation, again now: the name may resolve elsewhere today.
    const { target, address } = await vetWebhookUrl(url, signal, options.lookup);
    res = await pinnedRequest(
      target,
      address,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': USER_AGENT,
        },
        body,
      },
      signal,
    );
    const status = res.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after']) : null;
    let error: string | null = null;
    if (status >= 300 && status < 400) error = `HTTP ${status}: redirects are not followed (to ${String(res.headers.location ?? 'nowhere').slice(0, 200)})`;
    else if (!ok) error = `HTTP ${status}`;
    return done({ status, ok, error, retryAfterMs });
  } catch (err) {
    if (signal.aborted) return done({ status: null, ok: false, error: `no answer within ${timeoutMs} ms`, retryAfterMs: null });
    return done({ status: null, ok: false, error: describeUrlError(err, url), retryAfterMs: null });
  } finally {
    // The body is never read: the status says it all.
    res?.destroy();
  }
}
