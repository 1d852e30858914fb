import { useEffect, useState } from 'react';
import { useMutation, useSubscription } from 'urql';
import type { ScriptEventKind, ScriptStatus } from '../../graphql/gen/graphql';
import { formErrors } from '../../ui/typedErrors';
import { RetryScriptGenerationMutation, ScriptProgressSubscription } from './operations';
import './projects.css';

interface ProgressEvent {
  kind: ScriptEventKind;
  status: ScriptStatus;
  writer?: string | null;
  message?: string | null;
  elapsedMs?: number | null;
  at: string;
  script: { id: string; failureReason?: string | null; writerModel: string; sources: { title: string; url: string }[] };
}

/**
 * A script's generation, live: which writer is at it, its retries and give-ups, then the sources
 * it was grounded on, or why it failed with a way to try again. The events' script (id + status)
 * updates the cache, so a page showing this switches to the scenes when the script is DRAFT.
 */
export function ScriptProgress({ scriptId }: { scriptId: string }) {
  // Each try is a new stream (the previous one ended with FAILED).
  const [round, setRound] = useState(0);
  return <ProgressRound key={round} scriptId={scriptId} onRestart={() => setRound((r) => r + 1)} />;
}

function ProgressRound({ scriptId, onRestart }: { scriptId: string; onRestart: () => void }) {
  const [sub] = useSubscription(
    { query: ScriptProgressSubscription, variables: { scriptId } },
    // The stream may repeat its final state (live, and read back as it ends): the first one counts.
    (events: ProgressEvent[] = [], data) => (events.some((e) => e.kind === 'SCRIPT_STATUS') ? events : [...events, data.scriptProgress as ProgressEvent]),
  );
  const events = sub.data ?? [];
  const last = events[events.length - 1];
  const status: ScriptStatus = last?.status ?? 'GENERATING';
  const generating = status === 'GENERATING';
  const elapsed = useElapsed(events[0], generating);
  const sources = last?.script.sources ?? [];
  const lines = events.map(describe).filter((l): l is string => l !== null);

  return (
    <section className="card stack script-progress" aria-labelledby={`progress-${scriptId}`}>
      <div className="script-progress-head">
        <h3 id={`progress-${scriptId}`}>{heading(status)}</h3>
        {generating ? (
          <span className="muted small" aria-hidden="true">
            {seconds(elapsed)}
          </span>
        ) : null}
      </div>
      {generating ? <div className="progress-indeterminate" role="progressbar" aria-label="Writing the script" /> : null}
      {sub.error ? (
        <div className="stack" role="alert">
          <p className="form-error">The live view was cut off: {sub.error.message.replace(/^\[\w+\] /, '')}</p>
          <div>
            <button type="button" className="btn btn-small" onClick={onRestart}>
              Reconnect
            </button>
          </div>
        </div>
      ) : null}
      <ol className="progress-log" aria-live="polite" aria-label="What happened">
        {lines.length === 0 && !sub.error ? <li className="muted">Connecting…</li> : null}
        {lines.map((line, i) => (
          // The log only grows, so a line's position is its identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only log
          <li key={i}>{line}</li>
        ))}
      </ol>
      {sources.length > 0 ? (
        <div className="stack">
          <h4 className="small">Sources</h4>
          <ul className="progress-sources">
            {sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title || s.url}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {status === 'FAILED' ? <Failed scriptId={scriptId} reason={last?.script.failureReason ?? last?.message ?? null} onRetried={onRestart} /> : null}
    </section>
  );
}

function Failed({ scriptId, reason, onRetried }: { scriptId: string; reason: string | null; onRetried: () => void }) {
  const [state, retry] = useMutation(RetryScriptGenerationMutation);
  const [error, setError] = useState<string | null>(null);
  const onRetry = async () => {
    const result = await retry({ id: scriptId });
    const value = result.data?.retryScriptGeneration;
    if (value?.__typename === 'RetryScriptGenerationSuccess') {
      setError(null);
      onRetried();
    } else setError(formErrors(value, result.error).message ?? 'Trying again failed');
  };
  return (
    <div className="stack progress-failed" role="alert">
      <p>
        <strong>Why:</strong> {readable(reason)}
      </p>
      {error ? <p className="form-error">{error}</p> : null}
      <div>
        <button type="button" className="btn btn-primary" onClick={onRetry} disabled={state.fetching}>
          {state.fetching ? 'Starting…' : 'Try again'}
        </button>
      </div>
    </div>
  );
}

/** Seconds since the generation started, ticking while it runs. */
function useElapsed(first: ProgressEvent | undefined, running: boolean): number {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (first && startedAt === null) setStartedAt(Date.now() - (first.elapsedMs ?? 0));
  }, [first, startedAt]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return startedAt === null ? 0 : Math.max(0, now - startedAt);
}

function heading(status: ScriptStatus): string {
  if (status === 'GENERATING') return 'Writing your script…';
  if (status === 'FAILED') return 'The script could not be written';
  return 'Your script is written';
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** "gemini:gemini-2.5-flash+search" → "gemini-2.5-flash (Gemini, with Google Search)". */
export function writerName(writer: string | null | undefined): string {
  if (!writer || writer === 'pending') return 'a writer';
  if (writer.startsWith('own-text')) return 'the offline writer (your topic becomes the script)';
  const [provider, rest = ''] = writer.split(':', 2);
  const grounded = rest.endsWith('+search');
  const model = grounded ? rest.slice(0, -'+search'.length) : rest;
  const company = provider === 'gemini' ? 'Gemini' : provider === 'groq' ? 'Groq' : provider;
  return `${model || provider} (${company}${grounded ? ', with Google Search' : ''})`;
}

/**
 * A provider's reason without its JSON wrapping: `HTTP 400: {"error":{"message":"refused",…}}`
 * reads `HTTP 400: refused`.
 */
export function readable(message: string | null | undefined): string {
  if (!message) return 'no reason given';
  return message.replace(/\{"error":\{[^{}]*?"message":"((?:[^"\\]|\\.)*)"[^{}]*\}\}/g, (_m, text: string) => text.replace(/\\"/g, '"'));
}

function at(e: ProgressEvent): string {
  return e.elapsedMs == null ? '' : ` · ${seconds(e.elapsedMs)}`;
}

function describe(e: ProgressEvent): string | null {
  switch (e.kind) {
    case 'SNAPSHOT':
      // Queued, or already being written (what came before subscribing is not repeated).
      if (e.status === 'GENERATING') return 'Started: waiting to hear from the writer…';
      return e.status === 'FAILED' ? 'Every writer failed' : `Written by ${writerName(e.script.writerModel)}${at(e)}`;
    case 'STARTED':
      return `Writing with ${writerName(e.writer)}${at(e)}`;
    case 'RETRYING':
      return `${writerName(e.writer)} stumbled (${readable(e.message)}); trying it again${at(e)}`;
    case 'WRITER_FAILED':
      return `${writerName(e.writer)} gave up (${readable(e.message)}); handing over to the next writer${at(e)}`;
    case 'SCRIPT_STATUS':
      if (e.status === 'FAILED') return `Every writer failed${at(e)}`;
      return `Written by ${writerName(e.writer ?? e.script.writerModel)}${at(e)}`;
    default:
      return null;
  }
}
