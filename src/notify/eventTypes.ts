// The events a webhook endpoint can subscribe to, as they appear in a delivery's `type`.
import { encodeId } from '../ids.js';

export const WEBHOOK_EVENT_TYPES = [
  'render.succeeded',
  'render.failed',
  'script.generated',
  'script.failed',
  'publication.published',
  'publication.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The `webhook-id` of a message: the same for every attempt and redelivery of one event. */
export function webhookId(messageId: string): string {
  return `msg_${messageId}`;
}

/** What testWebhookEndpoint sends: not subscribable, sent only when asked. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * The body of every delivery (the Standard Webhooks payload shape). Thin on purpose: ids (global,
 * as the API shows them), status and stable URLs; a receiver reads the rest through the API. File
 * URLs are left out: they are signed and expire, and a delivery may be retried hours later.
 */
export function webhookBody(type: string, data: Record<string, unknown>, at = new Date()): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}

export function renderEventData(r: {
  id: string;
  scriptId: string;
  status: string;
  errorStage: string | null;
  errorMessage: string | null;
  durationMs: number | null;
}): Record<string, unknown> {
  return {
    renderId: encodeId('Render', r.id),
    scriptId: encodeId('Script', r.scriptId),
    status: r.status,
    error: r.status === 'FAILED' ? { stage: r.errorStage, message: r.errorMessage } : null,
    durationMs: r.durationMs,
  };
}

export function scriptEventData(s: {
  id: string;
  projectId: string;
  status: string;
  failureReason: string | null;
  sceneCount?: number;
}): Record<string, unknown> {
  return {
    scriptId: encodeId('Script', s.id),
    projectId: encodeId('Project', s.projectId),
    status: s.status,
    failureReason: s.failureReason,
    ...(s.sceneCount === undefined ? {} : { sceneCount: s.sceneCount }),
  };
}
