import { publishEvent, type ScriptEvent } from '../pubsub.js';

/** Publishes a script generation event; best-effort and never waited for (see publishEvent). */
export function publishScriptEvent(event: Omit<ScriptEvent, 'at'>): void {
  publishEvent('scriptProgress', event.scriptId, { ...event, at: new Date().toISOString() });
}
