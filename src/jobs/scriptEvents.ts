import { logger } from '../logger.js';
import { getPubSub, type ScriptEvent } from '../pubsub.js';

/** Publishes a script generation event; best-effort, the Script row is the truth. */
export async function publishScriptEvent(event: Omit<ScriptEvent, 'at'>): Promise<void> {
  try {
    await getPubSub().publish('scriptProgress', event.scriptId, { ...event, at: new Date().toISOString() });
  } catch (err) {
    logger.warn({ err, scriptId: event.scriptId }, 'could not publish a script event');
  }
}
