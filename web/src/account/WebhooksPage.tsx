import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { formErrors } from '../ui/typedErrors';
import { CreateWebhookEndpointMutation, WebhookEndpointsQuery } from './operations';
import { QueryStatus } from './QueryStatus';
import { SecretOnce } from './SecretOnce';
import { WebhookForm, type WebhookValues } from './WebhookForm';
import { WebhookItem } from './WebhookItem';

/** /account/webhooks: where your events are POSTed; add, edit, test, rotate, delete. */
export function WebhooksPage() {
  const [result, refetch] = useQuery({ query: WebhookEndpointsQuery, requestPolicy: 'cache-and-network' });
  const [, create] = useMutation(CreateWebhookEndpointMutation);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const endpoints = result.data?.viewer?.webhookEndpoints.edges.map((e) => e.node) ?? null;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const onCreate = async (values: WebhookValues) => {
    const r = await create({ input: values });
    const value = r.data?.createWebhookEndpoint;
    if (value?.__typename === 'CreateWebhookEndpointSuccess') {
      setAdding(false);
      setCreated({ url: value.data.endpoint.url, secret: value.data.secret });
      reload();
    }
    return formErrors(value, r.error);
  };

  return (
    <div className="stack">
      <div className="section-head">
        <div>
          <h3>Webhooks</h3>
          <p className="small muted">
            reelforge POSTs your events to these URLs, signed by the{' '}
            <a href="https://www.standardwebhooks.com/" rel="noreferrer">
              Standard Webhooks
            </a>{' '}
            spec, and retries for about a day when the receiver fails.
          </p>
        </div>
        {!adding ? (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setCreated(null);
              setAdding(true);
            }}
          >
            Add an endpoint
          </button>
        ) : null}
      </div>
      {adding ? (
        <section className="card" aria-labelledby="new-endpoint-title">
          <h4 id="new-endpoint-title">New endpoint</h4>
          <WebhookForm submitLabel="Add endpoint" pendingLabel="Checking the URL…" onSubmit={onCreate} onCancel={() => setAdding(false)} />
        </section>
      ) : null}
      {created ? (
        <SecretOnce title="Signing secret" secret={created.secret} lost="If you lose it, rotate the secret to get a new one." onDone={() => setCreated(null)}>
          <p className="small">
            Verify each delivery to <span className="break">{created.url}</span> with this secret (the <code>webhook-signature</code> header).
          </p>
        </SecretOnce>
      ) : null}
      {endpoints === null ? (
        <QueryStatus fetching={result.fetching} error={result.error} what="Your endpoints" retry={reload} />
      ) : endpoints.length === 0 ? (
        <div className="card empty">
          <p>No webhook endpoints yet.</p>
          <p className="small muted">Add one to hear when a render finishes or fails, a script is written, or a reel reaches YouTube.</p>
        </div>
      ) : (
        <ul className="list" aria-label="Webhook endpoints">
          {endpoints.map((e) => (
            <WebhookItem key={e.id} endpoint={e} onChanged={reload} />
          ))}
        </ul>
      )}
    </div>
  );
}
