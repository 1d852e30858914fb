import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { formErrors } from '../ui/typedErrors';
import { formatAgo, formatDate } from '../ui/dates';
import { RedeliverWebhookMutation, WebhookDeliveriesQuery, WebhookEventsSubscription } from './operations';
import { QueryStatus } from './QueryStatus';

const PAGE = 20;

/** /account/webhooks/:id — the endpoint's deliveries, newest first, a page at a time; live as the worker sends. */
export function WebhookDeliveriesPage() {
  const { id = '' } = useParams();
  // Each "Show older" adds a page after the last one's cursor; the first page refreshes on every event.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [live, setLive] = useState(0);
  useSubscription({ query: WebhookEventsSubscription }, (_prev, event) => {
    const e = event.viewerEvents;
    if (e.__typename === 'WebhookEndpointEvent' && e.endpointId === id) setLive((n) => n + 1);
    return event;
  });
  return (
    <div className="stack">
      <Link className="small" to="/account/webhooks">
        ← Webhooks
      </Link>
      {cursors.map((after, i) => (
        <DeliveriesPage
          key={after ?? 'first'}
          id={id}
          after={after}
          first={i === 0}
          refresh={i === 0 ? live : 0}
          onMore={i === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : null}
        />
      ))}
    </div>
  );
}

function DeliveriesPage({
  id,
  after,
  first,
  refresh,
  onMore,
}: {
  id: string;
  after: string | null;
  first: boolean;
  refresh: number;
  onMore: ((cursor: string) => void) | null;
}) {
  const [result, refetch] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { id, first: PAGE, after },
    requestPolicy: 'cache-and-network',
  });
  // A new event for this endpoint: the first page asks again.
  useEffect(() => {
    if (refresh > 0) refetch({ requestPolicy: 'network-only' });
  }, [refresh, refetch]);
  const endpoint = result.data?.node?.__typename === 'WebhookEndpoint' ? result.data.node : null;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (result.data && !endpoint)
    return (
      <p className="page-message" role="alert">
        There is no such webhook endpoint (it may have been deleted). <Link to="/account/webhooks">Your endpoints</Link>
      </p>
    );
  if (!endpoint) return <QueryStatus fetching={result.fetching} error={result.error} what="The deliveries" retry={reload} />;
  const conn = endpoint.webhookDeliveries;
  return (
    <>
      {first ? (
        <div className="section-head">
          <div>
            <h3>Deliveries</h3>
            <p className="break">{endpoint.url}</p>
            <p className="small muted">
              {conn.totalCount} {conn.totalCount === 1 ? 'attempt' : 'attempts'}, newest first
              {!endpoint.enabled ? ` · disabled: ${endpoint.disabledReason ?? 'by you'}` : ''}
            </p>
          </div>
        </div>
      ) : null}
      {conn.edges.length === 0 && first ? (
        <div className="card empty">
          <p>Nothing was delivered to this endpoint yet.</p>
          <p className="small muted">Events it listens to will show here as they are sent; “Send a test” on the webhooks page sends one now.</p>
        </div>
      ) : (
        <ul className="list" aria-label={first ? 'Deliveries' : 'Older deliveries'}>
          {conn.edges.map(({ node }) => (
            <DeliveryItem key={node.id} delivery={node} endpointEnabled={endpoint.enabled} />
          ))}
        </ul>
      )}
      {onMore && conn.pageInfo.hasNextPage && conn.pageInfo.endCursor ? (
        <button type="button" className="btn" onClick={() => onMore(conn.pageInfo.endCursor as string)}>
          Show older deliveries
        </button>
      ) : null}
    </>
  );
}

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: 'SUCCEEDED' | 'FAILED';
  responseStatus?: number | null;
  durationMs: number;
  error?: string | null;
  retryAt?: string | null;
  createdAt: string;
}

function DeliveryItem({ delivery: d, endpointEnabled }: { delivery: Delivery; endpointEnabled: boolean }) {
  const [state, redeliver] = useMutation(RedeliverWebhookMutation);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const onRedeliver = async () => {
    setNote(null);
    const r = await redeliver({ id: d.id });
    const value = r.data?.redeliverWebhook;
    if (value?.__typename === 'RedeliverWebhookSuccess') setNote({ ok: true, text: 'Sent again: the new attempt appears above.' });
    else setNote({ ok: false, text: formErrors(value, r.error).message ?? 'Redelivering failed' });
  };
  const isTest = d.eventType === 'webhook.test';
  return (
    <li className="card delivery" aria-label={`${d.eventType}, attempt ${d.attempt}`}>
      <div className="row between">
        <span>
          <code>{d.eventType}</code> <span className="small muted">attempt {d.attempt}</span>
        </span>
        <span className={d.status === 'SUCCEEDED' ? 'badge badge-ok' : 'badge badge-danger'}>{d.status === 'SUCCEEDED' ? 'Delivered' : 'Failed'}</span>
      </div>
      <p className="small">
        {d.responseStatus != null ? `HTTP ${d.responseStatus}` : 'No answer'} in {d.durationMs} ms · {formatDate(d.createdAt)}
      </p>
      {d.error ? <p className="small warn-text break">{d.error}</p> : null}
      {d.retryAt ? <p className="small muted">Next attempt {formatAgo(d.retryAt)}</p> : null}
      <p className="small muted break">
        webhook-id <code>{d.eventId}</code>
      </p>
      {!isTest ? (
        <div className="row">
          <button type="button" className="btn btn-small" onClick={onRedeliver} disabled={state.fetching || !endpointEnabled}>
            {state.fetching ? 'Redelivering…' : 'Redeliver'}
          </button>
          {!endpointEnabled ? <span className="small muted">Enable the endpoint to redeliver.</span> : null}
        </div>
      ) : null}
      {note ? (
        <p className={note.ok ? 'small ok-text' : 'form-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      ) : null}
    </li>
  );
}
