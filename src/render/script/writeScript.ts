// Writes a script with the first writer of the chain that succeeds (the one provider chain: each
// retried a few times on transient failures); with no writers at all, splits the user's own text.
import { OWN_TEXT_WRITER, splitScript } from './splitScript.js';
import type { WriterFailure } from './errors.js';
import { targetSceneCount } from './prompt.js';
import type { Script } from './schema.js';
import type { ScriptMode, ScriptWriter, WrittenScript } from './types.js';
import { runChain } from '../providers/chain.js';
import { type ChainFailure, ProviderError } from '../providers/errors.js';
import { isRetryableError } from '../providers/retry.js';

export interface ScriptRequest {
  prompt: string;
  mode: ScriptMode;
  /** BCP 47 tag; default "en". */
  language?: string;
  /** Default 6, clamped to 4–10. */
  sceneCount?: number;
}

export interface WriteScriptOptions {
  /** Extra tries per writer after a retryable failure (429, 5xx, timeout). Default 2. */
  retries?: number;
  /** First backoff; doubles with each retry of the same writer (±20 % jitter). Default 1,000 ms. */
  backoffMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); 0.5 gives the exact doubling (tests). Default Math.random (±20 %). */
  random?: () => number;
  /** Told before each retry of a writer. */
  onRetry?: (info: { writer: string; attempt: number; delayMs: number; reason: string }) => void;
  /** Told when a writer failed for good and the chain moves on. */
  onWriterFailed?: (failure: WriterFailure) => void;
}

export interface WriteScriptResult extends WrittenScript {
  /** The writer that served, e.g. "gemini:gemini-2.5-flash+search", or OWN_TEXT_WRITER. */
  writer: string;
  /** What failed before it (empty when the first try worked). */
  failures: WriterFailure[];
}

const MAX_BACKOFF_MS = 30_000;
const TITLE_WORDS = 8;

/** The offline writer: the prompt is the script; its first words are the title. */
export function ownTextScript(prompt: string, language = 'en'): Script {
  const scenes = splitScript(prompt, language);
  if (scenes.length === 0) throw new ProviderError('Nothing to write: the prompt is empty', OWN_TEXT_WRITER, 'empty');
  const words = prompt.trim().split(/\s+/);
  const title =
    words
      .slice(0, TITLE_WORDS)
      .join(' ')
      .replace(/[\s.,;:!?]+$/, '') + (words.length > TITLE_WORDS ? '…' : '');
  return { title: title.slice(0, 200), scenes };
}

/** A writer's failure as stored with the script and sent to its live progress stream. */
export function writerFailure(f: ChainFailure): WriterFailure {
  return { writer: f.provider, reason: f.error.message, retryable: isRetryableError(f.error), tries: f.attempts };
}

/** The message naming every writer tried, its tries and why it failed. */
function chainMessage(failures: readonly ChainFailure[]): string {
  const reasons = failures.map((f) => `${f.provider} (${f.attempts} ${f.attempts === 1 ? 'try' : 'tries'}): ${f.error.message}`);
  return `No script writer succeeded: ${reasons.join(' | ')}`;
}

export async function writeScript(request: ScriptRequest, writers: readonly ScriptWriter[], options: WriteScriptOptions = {}): Promise<WriteScriptResult> {
  const language = request.language || 'en';
  if (writers.length === 0) {
    return { script: ownTextScript(request.prompt, language), model: OWN_TEXT_WRITER, sources: [], writer: OWN_TEXT_WRITER, failures: [] };
  }
  const writeRequest = { prompt: request.prompt, mode: request.mode, language, sceneCount: targetSceneCount(request.sceneCount) };
  // Permanent failures (bad key, bad request, unusable answers) go straight to the next writer.
  const { value, provider, failures } = await runChain(writers, (writer) => writer.write(writeRequest), {
    retries: Math.max(0, options.retries ?? 2),
    baseDelayMs: Math.max(0, options.backoffMs ?? 1_000),
    maxDelayMs: MAX_BACKOFF_MS,
    sleep: options.sleep,
    random: options.random,
    failedMessage: chainMessage,
    onRetry: ({ provider: writer, attempt, delayMs, error }) => options.onRetry?.({ writer, attempt, delayMs, reason: error.message }),
    onProviderFailed: (f) => options.onWriterFailed?.(writerFailure(f)),
  });
  return { ...value, writer: provider, failures: failures.map(writerFailure) };
}
