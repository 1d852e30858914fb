import { Link } from 'react-router';
import { useMutation } from 'urql';
import { formErrors } from '../../ui/typedErrors';
import { reelIdOf } from './format';
import { SetRenderPublishedMutation } from './operations';

/** Puts the render in the public feed or takes it out, with a link to it there. */
export function FeedPublish({ renderId, published }: { renderId: string; published: boolean }) {
  const [state, run] = useMutation(SetRenderPublishedMutation);
  const errors = formErrors(state.data?.setRenderPublished, state.error);
  const reelPath = `/reel/${encodeURIComponent(reelIdOf(renderId))}`;
  return (
    <section className="card stack publish-card" aria-labelledby="feed-publish-title">
      <div className="row publish-card-head">
        <h3 id="feed-publish-title">The feed</h3>
        {published ? <span className="badge badge-ok">In the feed</span> : <span className="badge">Not published</span>}
      </div>
      <p className="muted small">{published ? 'Anyone can watch it in explore.' : 'Publishing puts this reel in the public explore feed.'}</p>
      <div className="row">
        <button
          type="button"
          className={published ? 'btn' : 'btn btn-primary'}
          disabled={state.fetching}
          onClick={() => run({ id: renderId, published: !published })}
        >
          {state.fetching ? (published ? 'Unpublishing…' : 'Publishing…') : published ? 'Unpublish' : 'Publish to the feed'}
        </button>
        {published ? <Link to={reelPath}>See it in explore</Link> : null}
      </div>
      {errors.message ? (
        <p className="form-error" role="alert">
          {errors.message}
        </p>
      ) : null}
    </section>
  );
}
