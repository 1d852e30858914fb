import { formatMs } from './format';
import { useNow } from './useNow';

/** The render's weighted progress, with the time it has been working (or took). */
export function RenderProgressBar({
  progress,
  status,
  startedAt,
  durationMs,
}: {
  progress: number;
  status: string;
  startedAt: string | null | undefined;
  durationMs: number | null | undefined;
}) {
  const running = status === 'RUNNING';
  const now = useNow(running);
  const pct = Math.round(Math.max(0, Math.min(1, progress)) * 100);
  const elapsed = durationMs ?? (startedAt ? now - Date.parse(startedAt) : null);
  return (
    <div className="render-progress">
      <div className="render-progress-head small">
        <span id="render-progress-label">Progress</span>
        <span>
          <strong>{pct}%</strong>
          {elapsed !== null ? <span className="muted"> · {running ? `working for ${formatMs(elapsed)}` : `took ${formatMs(elapsed)}`}</span> : null}
        </span>
      </div>
      <div
        className={`render-progress-track is-${status.toLowerCase()}`}
        role="progressbar"
        aria-labelledby="render-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${status.toLowerCase()}`}
      >
        <div className="render-progress-fill" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
    </div>
  );
}
