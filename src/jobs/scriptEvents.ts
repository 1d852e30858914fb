import { logger } from '../logger.js';
import { getPubSub, type ScriptEvent } from '../pubsub.js';

/** Publishes a script generation event; best-effort, the Script row is the truth. */
export async function publishScriptEvent(event: Omit<ScriptEvent, 'at'>): Promise<void> {
  try {
    // Not waited for: a Redis outage must not hold up the writer job.
    void Promise.resolve(getPubSub().publish('scriptProgress', event.scriptId, { ...event, at: new Date().toISOString() })).catch((err: unknown) =>
      logger.warn({ err, scriptId: event.scriptId }, 'could not publish a script event'),
    );
  } catch (err) {
    logger.warn({ err, scriptId: event.scriptId }, 'could not publish a script event');
  }
}
