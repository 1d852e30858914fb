// When deliveries are attempted: the Standard Webhooks schedule, run by BullMQ's backoff.
import { env } from '../config.js';

/** Delay before each attempt of a run, from the failure before it: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;
/** A receiver's Retry-After is honoured up to the schedule's longest step. */
const MAX_RETRY_AFTER_MS = 36_000_000;
/** An endpoint whose every attempt failed for this long is disabled and its owner told. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3600 * 1000;
/** Longest wait for a receiver's answer. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * The delay before the next attempt, `attemptsMade` attempts into a run (WEBHOOK_RETRY_SCALE
 * shortens it in tests). A Retry-After (429, 503) is never cut short: the later of the two wins.
 */
export function retryDelayMs(attemptsMade: number, retryAfterMs: number | null = null): number {
  const step = RETRY_SCHEDULE_MS[Math.min(attemptsMade, MAX_ATTEMPTS - 1)]!;
  const scheduled = Math.round(step * env.WEBHOOK_RETRY_SCALE);
  return retryAfterMs === null ? scheduled : Math.max(scheduled, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
