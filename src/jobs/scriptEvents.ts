import { publishEvent, type ScriptEvent } from '../pubsub.js';

/**
 * Publishes a script generation event to the script's subscribers and its owner's viewerEvents;
 * best-effort and never waited for (see publishEvent).
 */
export function publishScriptEvent(ownerId: string, event: Omit<ScriptEvent, 'at'>): void {
  const full = { ...event, at: new Date().toISOString() };
  publishEvent('scriptProgress', event.scriptId, full);
  publishEvent('viewerEvents', ownerId, { type: 'script', event: full });
}
