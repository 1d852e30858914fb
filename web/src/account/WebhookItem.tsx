import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import type { WebhookEventType } from '../graphql/gen/graphql';
import { formErrors } from '../ui/typedErrors';
import { ConfirmButton } from './ConfirmButton';
import { formatAgo, formatDate } from '../ui/dates';
import { DeleteWebhookEndpointMutation, TestWebhookEndpointMutation, UpdateWebhookEndpointMutation } from './operations';
import { RotateSecret } from './RotateSecret';
import { WebhookForm, type WebhookValues } from './WebhookForm';
import { WEBHOOK_EVENTS } from './webhookEvents';

export interface Endpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledAt?: string | null;
  disabledReason?: string | null;
  failingSince?: string | null;
  previousSecretExpiresAt?: string | null;
  createdAt: string;
}

/** One endpoint: its state, and everything you can do with it. */
export function WebhookItem({ endpoint, onChanged }: { endpoint: Endpoint; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [, update] = useMutation(UpdateWebhookEndpointMutation);
  const [toggling, setToggling] = useState(false);
  const [testState, test] = useMutation(TestWebhookEndpointMutation);
  const [deleteState, remove] = useMutation(DeleteWebhookEndpointMutation);
  const [error, setError] = useState<string | null>(null);
  const [testAnswer, setTestAnswer] = useState<{ ok: boolean; text: string } | null>(null);

  const onEdit = async (values: WebhookValues) => {
    const r = await update({ input: { id: endpoint.id, ...values } });
    const value = r.data?.updateWebhookEndpoint;
    if (value?.__typename === 'UpdateWebhookEndpointSuccess') setEditing(false);
    return formErrors(value, r.error);
  };
  const onToggle = async () => {
    setError(null);
    setToggling(true);
    const r = await update({ input: { id: endpoint.id, enabled: !endpoint.enabled } });
    setToggling(false);
    const value = r.data?.updateWebhookEndpoint;
    if (value?.__typename !== 'UpdateWebhookEndpointSuccess') setError(formErrors(value, r.error).message);
  };
  const onTest = async () => {
    setError(null);
    setTestAnswer(null);
    const r = await test({ id: endpoint.id });
    const value = r.data?.testWebhookEndpoint;
    if (value?.__typename !== 'TestWebhookEndpointSuccess') return setError(formErrors(value, r.error).message);
    const d = value.data;
    const answered = d.responseStatus != null ? `answered HTTP ${d.responseStatus}` : 'did not answer';
    setTestAnswer({
      ok: d.status === 'SUCCEEDED',
      text: `Test event sent: the receiver ${answered} in ${d.durationMs} ms${d.error ? ` (${d.error})` : ''}.`,
    });
  };
  const onDelete = async () => {
    setError(null);
    const r = await remove({ id: endpoint.id });
    const value = r.data?.deleteWebhookEndpoint;
    if (value?.__typename === 'DeleteWebhookEndpointSuccess') onChanged();
    else setError(formErrors(value, r.error).message);
  };

  return (
    <li className="card stack endpoint" aria-label={endpoint.url}>
      <div className="row between">
        <strong className="break endpoint-url">{endpoint.url}</strong>
        {endpoint.enabled ? (
          endpoint.failingSince ? (
            <span className="badge badge-warn">Failing since {formatAgo(endpoint.failingSince)}</span>
          ) : (
            <span className="badge badge-ok">Enabled</span>
          )
        ) : (
          <span className="badge badge-danger">Disabled</span>
        )}
      </div>
      {!endpoint.enabled ? (
        <p className="small warn-text">
          Disabled {formatDate(endpoint.disabledAt)}: {endpoint.disabledReason ?? 'by you'}. Nothing is sent until you enable it.
        </p>
      ) : null}
      <ul className="chips" aria-label="Events">
        {endpoint.events.map((e) => (
          <li key={e} className="badge">
            {WEBHOOK_EVENTS[e]?.type ?? e}
          </li>
        ))}
      </ul>
      <p className="small muted">
        Added {formatDate(endpoint.createdAt)}
        {endpoint.previousSecretExpiresAt ? ` · the previous secret signs too until ${formatDate(endpoint.previousSecretExpiresAt)}` : ''}
      </p>
      {editing ? (
        <WebhookForm
          initial={{ url: endpoint.url, events: endpoint.events }}
          submitLabel="Save"
          pendingLabel="Saving…"
          onSubmit={onEdit}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="row">
          <Link className="btn btn-small" to={`/account/webhooks/${encodeURIComponent(endpoint.id)}`}>
            Deliveries
          </Link>
          <button type="button" className="btn btn-small" onClick={onTest} disabled={testState.fetching}>
            {testState.fetching ? 'Sending…' : 'Send a test'}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="btn btn-small" onClick={onToggle} disabled={toggling}>
            {toggling ? 'Saving…' : endpoint.enabled ? 'Disable' : 'Enable'}
          </button>
          <RotateSecret endpointId={endpoint.id} />
          <ConfirmButton
            label="Delete"
            confirmLabel="Delete endpoint"
            question="Delete this endpoint and its deliveries?"
            pending={deleteState.fetching}
            pendingLabel="Deleting…"
            onConfirm={onDelete}
          />
        </div>
      )}
      {testAnswer ? (
        <p className={testAnswer.ok ? 'ok-text' : 'form-error'} role="status">
          {testAnswer.text}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
