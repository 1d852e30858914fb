import type { WebhookEventType } from '../graphql/gen/graphql';

/**
 * The schema's WebhookEventType values with what each means to a person. Typed against the
 * generated enum, so a value the API adds or drops fails the typecheck until it is listed here.
 */
export const WEBHOOK_EVENTS: Record<WebhookEventType, { type: string; label: string }> = {
  RENDER_SUCCEEDED: { type: 'render.succeeded', label: 'A render finished' },
  RENDER_FAILED: { type: 'render.failed', label: 'A render failed' },
  SCRIPT_GENERATED: { type: 'script.generated', label: 'A script was written' },
  SCRIPT_FAILED: { type: 'script.failed', label: 'Writing a script failed' },
  PUBLICATION_PUBLISHED: { type: 'publication.published', label: 'A reel was published to YouTube' },
  PUBLICATION_FAILED: { type: 'publication.failed', label: 'Publishing to YouTube failed' },
};

export const EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
