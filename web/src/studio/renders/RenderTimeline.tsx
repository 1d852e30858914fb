import type { RenderStageViewFragment } from '../../graphql/gen/graphql';
import { formatMs, LOOK_LABELS, lookOf, parseStage, type StageLook } from './format';
import { useNow } from './useNow';

interface Props {
  stages: RenderStageViewFragment[];
  /** The render's scenes as rendered, for each row's words. */
  scenes: { position: number; narration: string }[];
  live: boolean;
  renderStatus: string;
}

interface Row {
  key: string;
  title: string;
  subtitle?: string;
  stages: RenderStageViewFragment[];
}

const LEGEND: StageLook[] = ['pending', 'running', 'done', 'reused', 'failed', 'cancelled'];

/** Scenes in order (media, voice, segment each), then the whole-reel stages on one row. */
function rowsOf(stages: RenderStageViewFragment[], scenes: Props['scenes']): Row[] {
  const byScene = new Map<number, RenderStageViewFragment[]>();
  const reel: RenderStageViewFragment[] = [];
  for (const s of [...stages].sort((a, b) => a.position - b.position)) {
    const { scene } = parseStage(s.name);
    if (scene === null) reel.push(s);
    else byScene.set(scene, [...(byScene.get(scene) ?? []), s]);
  }
  const rows: Row[] = [...byScene.entries()]
    .sort(([a], [b]) => a - b)
    .map(([pos, list]) => ({
      key: `scene-${pos}`,
      title: `Scene ${pos + 1}`,
      subtitle: scenes.find((s) => s.position === pos)?.narration,
      stages: list,
    }));
  if (reel.length) rows.push({ key: 'reel', title: 'Whole reel', stages: reel });
  return rows;
}

/**
 * The render as a picture: one row per scene, a bar per stage placed by when it started and sized
 * by how long it took (running bars grow with the clock), coloured by status. Each bar also says in
 * words what it shows, for screen readers and for bars too small to read.
 */
export function RenderTimeline({ stages, scenes, live, renderStatus }: Props) {
  const now = useNow(live && stages.some((s) => s.status === 'RUNNING'));
  const starts = stages.map((s) => (s.startedAt ? Date.parse(s.startedAt) : null)).filter((t): t is number => t !== null);
  const origin = starts.length ? Math.min(...starts) : now;
  const endOf = (s: RenderStageViewFragment) => {
    if (!s.startedAt) return null;
    if (s.status === 'RUNNING') return Math.max(now, Date.parse(s.startedAt));
    if (s.finishedAt) return Date.parse(s.finishedAt);
    return Date.parse(s.startedAt) + (s.durationMs ?? 0);
  };
  const ends = stages.map(endOf).filter((t): t is number => t !== null);
  const span = Math.max(1000, (ends.length ? Math.max(...ends) : origin) - origin);
  const rows = rowsOf(stages, scenes);

  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h3 id="timeline-title">Timeline</h3>
        <span className="muted small">{starts.length ? `0 – ${formatMs(span)}` : 'waiting for a worker'}</span>
      </div>
      <ul className="timeline-legend" aria-label="Colours">
        {LEGEND.map((look) => (
          <li key={look}>
            <span className={`swatch look-${look}`} aria-hidden="true" />
            {LOOK_LABELS[look]}
          </li>
        ))}
      </ul>
      <ol className="timeline-rows">
        {rows.map((row) => (
          <li key={row.key} className="timeline-row">
            <div className="timeline-row-head">
              <strong>{row.title}</strong>
              {row.subtitle ? <span className="muted small timeline-words">{row.subtitle}</span> : null}
            </div>
            <ul className="timeline-lanes" aria-label={row.title}>
              {row.stages.map((s) => (
                <StageBar key={s.id} stage={s} look={lookOf(s, renderStatus)} origin={origin} span={span} end={endOf(s)} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function StageBar({ stage, look, origin, span, end }: { stage: RenderStageViewFragment; look: StageLook; origin: number; span: number; end: number | null }) {
  const { label } = parseStage(stage.name);
  const start = stage.startedAt ? Date.parse(stage.startedAt) : null;
  const duration = start !== null && end !== null ? end - start : null;
  const left = start === null ? null : ((start - origin) / span) * 100;
  const width = duration === null ? 0 : (duration / span) * 100;
  const parts = [
    look === 'pending' && stage.attempts > 0 ? 'retrying' : LOOK_LABELS[look],
    duration !== null && look !== 'pending' ? formatMs(duration) : null,
    stage.attempts > 1 ? `${stage.attempts} attempts` : null,
  ].filter(Boolean);
  const text = parts.join(' · ');
  // Words go inside a wide bar, else beside it: on its left when it ends late in the span.
  const placement = width > 40 ? ' bar-text-inside' : left !== null && left + width > 70 ? ' bar-text-left' : '';
  return (
    <li className="lane" data-stage={stage.name} data-look={look}>
      <span className="lane-name small">{label}</span>
      <span className="lane-track">
        {left === null ? (
          <span className={`bar look-${look} bar-waiting`}>
            <span className="bar-text">{text}</span>
          </span>
        ) : (
          <span className={`bar look-${look}${placement}`} style={{ left: `${Math.min(left, 100)}%`, width: `${Math.max(width, 0)}%` }}>
            <span className="bar-text">{text}</span>
          </span>
        )}
      </span>
      {stage.error && (look === 'failed' || look === 'pending') ? (
        <span className={`lane-error small${look === 'failed' ? ' is-failed' : ''}`}>{stage.error}</span>
      ) : null}
    </li>
  );
}
