import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ScriptHeader } from '../script/ScriptHeader';
import { ScriptRendersQuery } from './operations';
import { RenderListItem } from './RenderListItem';
import { ReconnectingNotice } from './ReconnectingNotice';
import { RenderOptionsForm } from './RenderOptionsForm';
import './renders.css';

const PAGE = 10;

/** A script's renders: a form for a new one, then every render, newest first, with what changed. */
export function ScriptRendersPage() {
  const { scriptId = '' } = useParams();
  const [after, setAfter] = useState<string | null>(null);
  // Each page fetched stays in the list (relayPagination merges them); always fresh from the API,
  // so a render started elsewhere appears.
  const [result] = useQuery({ query: ScriptRendersQuery, variables: { id: scriptId, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const script = result.data?.node?.__typename === 'Script' ? result.data.node : null;
  const renders = script?.renders?.edges.map((e) => e.node) ?? [];
  const total = script?.renders?.totalCount ?? 0;
  const pageInfo = script?.renders?.pageInfo;

  return (
    <div className="page">
      <ScriptHeader scriptId={scriptId} />
      {result.error && !script ? (
        <p className="form-error" role="alert">
          The renders could not be loaded: {result.error.message}
        </p>
      ) : null}
      {script ? <RenderOptionsForm key={script.id} scriptId={script.id} scriptStatus={script.status} defaults={script.project ?? null} /> : null}
      {script ? (
        <section className="stack renders-section" aria-labelledby="renders-title">
          <h3 id="renders-title">Renders{total ? ` (${total})` : ''}</h3>
          {renders.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING') ? <ReconnectingNotice /> : null}
          {renders.length === 0 ? <p className="muted">No renders yet. Start one above: it takes a few seconds per scene.</p> : null}
          <ol className="list">
            {renders.map((r, i) => (
              <RenderListItem
                key={r.id}
                render={r}
                number={total - i}
                previous={i + 1 < renders.length ? renders[i + 1] : pageInfo?.hasNextPage ? undefined : null}
              />
            ))}
          </ol>
          {pageInfo?.hasNextPage ? (
            <div className="row">
              <button type="button" className="btn" disabled={result.fetching} onClick={() => setAfter(pageInfo.endCursor ?? null)}>
                {result.fetching ? 'Loading…' : 'Show older renders'}
              </button>
            </div>
          ) : null}
        </section>
      ) : result.fetching ? (
        <p className="muted">Loading…</p>
      ) : null}
    </div>
  );
}
