// Rate limits of the queues that call paid services, enforced by BullMQ's limiter. The limiter
// counts in Redis per queue, so every worker process shares one budget: a burst of renders waits
// in the queue instead of exhausting the provider's quota (and turning into 429s and fallbacks).
import { env } from '../config.js';
import type { QueueName } from './queues.js';

export interface QueueLimit {
  max: number;
  duration: number;
}

/**
 * Defaults, per queue, for the service behind it. Conservative first tiers: Gemini/Groq requests
 * per minute (script), ElevenLabs requests per minute (voice), search + image generation per
 * minute (media). A queue whose services have no key only runs local work and is not limited.
 */
export const DEFAULT_LIMITS: Record<'script' | 'media' | 'voice', QueueLimit> = {
  script: { max: 30, duration: 60_000 },
  voice: { max: 100, duration: 60_000 },
  media: { max: 60, duration: 60_000 },
};

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000 } as const;

/** "30/60s" → 30 jobs per 60 000 ms; "none" → no limit. Validated by the config schema. */
export function parseLimit(text: string): QueueLimit | null {
  if (text === 'none') return null;
  const m = /^(\d+)\/(\d+)(ms|s|m)$/.exec(text);
  if (!m) throw new Error(`not a rate limit: ${text}`);
  return { max: Number(m[1]), duration: Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS] };
}

function keyed(queue: QueueName): boolean {
  if (queue === 'script') return Boolean(env.GEMINI_API_KEY || env.GROQ_API_KEY);
  if (queue === 'voice') return Boolean(env.ELEVENLABS_API_KEY);
  if (queue === 'media') return Boolean(env.GEMINI_API_KEY || env.GOOGLE_CSE_API_KEY || env.SERPAPI_API_KEY || env.BRAVE_API_KEY);
  return false;
}

/** The limiter of a queue's workers: the configured one, else the default when its services are keyed. */
export function limitFor(queue: QueueName): QueueLimit | undefined {
  const configured = {
    script: env.SCRIPT_RATE_LIMIT,
    voice: env.VOICE_RATE_LIMIT,
    media: env.MEDIA_RATE_LIMIT,
    compose: undefined,
    publish: undefined,
    webhook: undefined,
    account: undefined,
  }[queue];
  if (configured !== undefined) return parseLimit(configured) ?? undefined;
  if (queue === 'compose' || queue === 'publish' || queue === 'webhook' || queue === 'account' || !keyed(queue)) return undefined;
  return DEFAULT_LIMITS[queue];
}
