import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import type { RenderProgressSubscription as RenderProgressData } from '../../graphql/gen/graphql';
import { formErrors } from '../../ui/typedErrors';
import { FeedPublish } from './FeedPublish';
import { formatMs, optionsSummary, RENDER_STATUS_BADGE } from './format';
import { CancelRenderMutation, RenderPageQuery, RenderProgressSubscription, RetryRenderMutation } from './operations';
import { PublicationItem } from './PublicationItem';
import { ReconnectingNotice } from './ReconnectingNotice';
import { RenderProgressBar } from './RenderProgressBar';
import { RenderTimeline } from './RenderTimeline';
import { useRenderAnnouncements } from './useRenderAnnouncements';
import { YouTubePublish } from './YouTubePublish';
import './renders.css';

type LiveEvent = RenderProgressData['renderProgress'];

/** One render, live: its timeline, progress, cancel or retry; once done its video and where to publish it. */
export function RenderPage() {
  const { renderId = '' } = useParams();
  const [result, refetch] = useQuery({ query: RenderPageQuery, variables: { id: renderId } });
  const render = result.data?.node?.__typename === 'Render' ? result.data.node : null;
  const live = render ? render.status === 'QUEUED' || render.status === 'RUNNING' : false;
  const [lastEvent, setLastEvent] = useState<LiveEvent | null>(null);
  // The first event is the current state; every event carries the whole render, which the cache
  // merges into the page's query, so a resubscription after a dropped socket catches up at once.
  const [sub] = useSubscription({ query: RenderProgressSubscription, variables: { renderId }, pause: !live }, (_prev, data) => {
    setLastEvent(data.renderProgress);
    return data;
  });
  const announcement = useRenderAnnouncements(lastEvent);
  const [cancel, runCancel] = useMutation(CancelRenderMutation);
  const [retry, runRetry] = useMutation(RetryRenderMutation);
  const actionErrors = formErrors(cancel.data?.cancelRender ?? retry.data?.retryRender, cancel.error ?? retry.error);

  if (result.error && !render)
    return (
      <div className="page">
        <p className="page-message form-error" role="alert">
          The render could not be loaded: {result.error.message}
        </p>
      </div>
    );
  if (!render)
    return (
      <div className="page">
        {result.data ? (
          <p className="page-message" role="alert">
            There is no such render (it may have been deleted). <Link to="/studio">Your projects</Link>
          </p>
        ) : (
          <p className="page-message muted">Loading the render…</p>
        )}
      </div>
    );

  const stages = render.stages.edges.map((e) => e.node);
  const scenes = render.scenes.edges.map((e) => e.node);
  const publications = render.publications.edges.map((e) => e.node);
  const succeeded = render.status === 'SUCCEEDED';

  return (
    <div className="page render-page">
      <header className="script-head">
        <Link className="small" to={`/studio/scripts/${render.script.id}/renders`}>
          ← Renders of {render.script.title}
        </Link>
        <div className="page-head">
          <h2>{render.title}</h2>
          <div className="row">
            <span className={RENDER_STATUS_BADGE[render.status] ?? 'badge'}>{render.status}</span>
            {live ? (
              <button type="button" className="btn btn-small btn-danger" disabled={cancel.fetching} onClick={() => runCancel({ id: render.id })}>
                {cancel.fetching ? 'Cancelling…' : 'Cancel render'}
              </button>
            ) : null}
            {render.status === 'FAILED' ? (
              <button type="button" className="btn btn-small btn-primary" disabled={retry.fetching} onClick={() => runRetry({ id: render.id })}>
                {retry.fetching ? 'Retrying…' : 'Retry render'}
              </button>
            ) : null}
          </div>
        </div>
        <p className="muted small render-options-line">{optionsSummary(render.options).join(' · ')}</p>
      </header>

      {live ? <ReconnectingNotice /> : null}
      {sub.error ? (
        <p className="form-error small" role="alert">
          Live updates stopped: {sub.error.message}.{' '}
          <button type="button" className="btn btn-small" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Reload
          </button>
        </p>
      ) : null}
      {actionErrors.message ? (
        <p className="form-error" role="alert">
          {actionErrors.message}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <div className={succeeded ? 'render-layout has-video' : 'render-layout'}>
        {succeeded && render.output ? (
          <div className="render-player">
            {/* biome-ignore lint/a11y/useMediaCaption: the subtitles are burned into the video */}
            <video
              className="render-video"
              src={render.output.url}
              poster={render.thumbnail?.url}
              controls
              playsInline
              preload="metadata"
              aria-label={`Video: ${render.title}`}
            />
            <p className="muted small">Video length {formatMs(render.output.durationMs)}</p>
          </div>
        ) : null}
        <div className="stack render-main">
          <RenderProgressBar progress={render.progress} status={render.status} startedAt={render.startedAt} durationMs={render.durationMs} />
          {render.status === 'QUEUED' ? <p className="muted small">Queued: it starts as soon as a worker is free.</p> : null}
          {render.status === 'FAILED' && render.error ? (
            <div className="card render-failed" role="alert">
              <strong>Failed at {render.error.stage}:</strong> {render.error.message}
              <p className="muted small">Retry re-runs it from that stage; finished stages are reused.</p>
            </div>
          ) : null}
          {render.status === 'CANCELLED' ? <p className="muted">This render was cancelled.</p> : null}
          {succeeded ? (
            <div className="publish-grid">
              <FeedPublish renderId={render.id} published={render.published} />
              <YouTubePublish renderId={render.id} title={render.title.slice(0, 100)} onPublished={() => refetch({ requestPolicy: 'network-only' })}>
                {publications.length > 0 ? (
                  <section className="stack" aria-labelledby="publications-title">
                    <h4 id="publications-title">Uploads ({render.publications.totalCount})</h4>
                    <ul className="list">
                      {publications.map((p) => (
                        <PublicationItem key={p.id} publication={p} />
                      ))}
                    </ul>
                  </section>
                ) : null}
              </YouTubePublish>
            </div>
          ) : null}
          <RenderTimeline stages={stages} scenes={scenes} live={live} renderStatus={render.status} />
        </div>
      </div>
    </div>
  );
}
