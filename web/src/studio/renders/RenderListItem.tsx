import { Link } from 'react-router';
import { formatDate } from '../../ui/dates';
import { useSubscription } from 'urql';
import type { RenderSummaryFragment } from '../../graphql/gen/graphql';
import { formatMs, lookOf, optionsSummary, RENDER_STATUS_BADGE } from './format';
import { RenderProgressSubscription } from './operations';
import { describeChanges, sceneChanges } from './sceneChanges';

/** One render of a script: what it was asked for, how it went, and what changed since the one before. */
export function RenderListItem({
  render: r,
  number,
  previous,
}: {
  render: RenderSummaryFragment;
  number: number;
  /** The render made before it; undefined when it is not loaded yet, null when there is none. */
  previous: RenderSummaryFragment | null | undefined;
}) {
  const stages = r.stages.edges.map((e) => e.node);
  const reused = stages.filter((s) => lookOf(s) === 'reused').length;
  const changes =
    previous === null
      ? 'The first render'
      : previous
        ? describeChanges(
            sceneChanges(
              r.scenes.edges.map((e) => e.node),
              previous.scenes.edges.map((e) => e.node),
            ),
          )
        : null;
  const running = r.status === 'QUEUED' || r.status === 'RUNNING';
  // A render in flight updates in place (the events carry it; the cache merges them).
  useSubscription({ query: RenderProgressSubscription, variables: { renderId: r.id }, pause: !running });
  return (
    <li className="card render-item" data-status={r.status}>
      <Link to={`/studio/renders/${r.id}`} className="render-thumb" aria-label={`Open render ${number}`}>
        {r.thumbnail ? <img src={r.thumbnail.url} alt="" loading="lazy" /> : <span className="render-thumb-empty small">{r.status.toLowerCase()}</span>}
      </Link>
      <div className="render-item-body">
        <div className="row render-item-head">
          <Link to={`/studio/renders/${r.id}`} className="render-item-title">
            Render {number}
          </Link>
          <span className={RENDER_STATUS_BADGE[r.status] ?? 'badge'}>{r.status}</span>
          {r.published ? <span className="badge badge-ok">In the feed</span> : null}
        </div>
        <p className="muted small">{formatDate(r.createdAt)}</p>
        <p className="small">{optionsSummary(r.options).join(' · ')}</p>
        <dl className="render-facts small">
          {running ? (
            <div>
              <dt>Progress</dt>
              <dd>{Math.round(r.progress * 100)}%</dd>
            </div>
          ) : null}
          <div>
            <dt>Video</dt>
            <dd>{r.output ? formatMs(r.output.durationMs) : '—'}</dd>
          </div>
          <div>
            <dt>Processing</dt>
            <dd>{formatMs(r.durationMs)}</dd>
          </div>
          {reused > 0 ? (
            <div>
              <dt>Reused</dt>
              <dd>
                {reused} of {stages.length} stages
              </dd>
            </div>
          ) : null}
        </dl>
        {changes ? <p className="small render-changes">{changes}</p> : null}
        {r.status === 'FAILED' && r.error ? (
          <p className="form-error small">
            Failed at {r.error.stage}: {r.error.message}
          </p>
        ) : null}
      </div>
    </li>
  );
}
