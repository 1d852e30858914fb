import { useMutation, useSubscription } from 'urql';
import type { PublicationViewFragment } from '../../graphql/gen/graphql';
import { formErrors } from '../../ui/typedErrors';
import { PublicationProgressSubscription, RetryPublicationMutation } from './operations';

const BADGE: Record<string, string> = {
  QUEUED: 'badge',
  UPLOADING: 'badge badge-warn',
  PROCESSING: 'badge badge-warn',
  PUBLISHED: 'badge badge-ok',
  FAILED: 'badge badge-danger',
};

function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** One upload to YouTube, live while it runs: percentage, status, the video once published, retry once failed. */
export function PublicationItem({ publication: p }: { publication: PublicationViewFragment }) {
  const live = p.status !== 'PUBLISHED' && p.status !== 'FAILED';
  // The events carry the publication; the cache updates this item from them.
  useSubscription({ query: PublicationProgressSubscription, variables: { id: p.id }, pause: !live });
  const [retry, runRetry] = useMutation(RetryPublicationMutation);
  const retryErrors = formErrors(retry.data?.retryPublication, retry.error);
  const pct = Math.round(p.progress * 100);
  return (
    <li className="card publication" data-status={p.status}>
      <div className="row publication-head">
        <strong>{p.title}</strong>
        <span className={BADGE[p.status] ?? 'badge'}>{p.status}</span>
      </div>
      <p className="muted small">
        {p.channel ? `${p.channel.title}${p.channel.sandbox && !/sandbox/i.test(p.channel.title) ? ' (sandbox)' : ''}` : 'Channel disconnected'} ·{' '}
        {p.privacy.toLowerCase()}
      </p>
      {live ? (
        <div
          className="render-progress-track is-running"
          role="progressbar"
          aria-label={`Upload of ${p.title}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="render-progress-fill" style={{ transform: `scaleX(${p.progress})` }} />
        </div>
      ) : null}
      {live ? (
        <p className="small">
          {p.status === 'QUEUED' ? 'Waiting to upload…' : p.status === 'PROCESSING' ? 'YouTube is processing it…' : `Uploading: ${pct}%`}
          {p.bytesTotal > 0 ? (
            <span className="muted">
              {' '}
              ({mb(p.bytesConfirmed)} of {mb(p.bytesTotal)})
            </span>
          ) : null}
        </p>
      ) : null}
      {p.status === 'PUBLISHED' && p.watchUrl ? (
        <a href={p.watchUrl} target="_blank" rel="noreferrer">
          Watch on YouTube{p.channel?.sandbox ? ' (sandbox)' : ''}
        </a>
      ) : null}
      {p.status === 'FAILED' ? (
        <div className="stack">
          <p className="form-error">{p.error ? `${p.error.message} (${p.error.code})` : 'The upload failed.'}</p>
          <div className="row">
            <button type="button" className="btn btn-small" disabled={retry.fetching} onClick={() => runRetry({ id: p.id })}>
              {retry.fetching ? 'Retrying…' : 'Retry upload'}
            </button>
          </div>
          {retryErrors.message ? (
            <p className="form-error" role="alert">
              {retryErrors.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
