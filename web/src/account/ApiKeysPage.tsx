import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field } from '../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../ui/typedErrors';
import { ConfirmButton } from './ConfirmButton';
import { formatAgo, formatDate } from '../ui/dates';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from './operations';
import { QueryStatus } from './QueryStatus';
import { SecretOnce } from './SecretOnce';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

/** /account/keys: keys for scripts and apps that call the API as you. */
export function ApiKeysPage() {
  const [result, refetch] = useQuery({ query: ApiKeysQuery, requestPolicy: 'cache-and-network' });
  const [state, create] = useMutation(CreateApiKeyMutation);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const keys = result.data?.viewer?.apiKeys.edges.map((e) => e.node) ?? null;
  const live = keys?.filter((k) => !k.revokedAt) ?? [];
  const revoked = keys?.filter((k) => k.revokedAt) ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ name });
    const value = r.data?.createApiKey;
    if (value?.__typename === 'CreateApiKeySuccess') {
      setCreated({ name: value.data.apiKey.name, key: value.data.key });
      setName('');
      setErrors(noErrors);
      reload();
    } else setErrors(formErrors(value, r.error));
  };

  return (
    <div className="stack">
      <div>
        <h3>API keys</h3>
        <p className="small muted">A key acts as you on the GraphQL API at {location.origin}/graphql. Keep it as secret as a password.</p>
      </div>
      <form className="card stack" onSubmit={submit} noValidate aria-labelledby="new-key-title">
        <h4 id="new-key-title">New key</h4>
        <div className="key-form">
          <Field label="Name" hint="Where it will be used, e.g. “CI uploads”." error={errors.fields.name ?? errors.message}>
            {(props) => <input {...props} autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={state.fetching}>
            {state.fetching ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      {created ? (
        <SecretOnce
          title={`API key “${created.name}”`}
          secret={created.key}
          lost="Only a hash of it is stored: if you lose it, revoke it and create another."
          onDone={() => setCreated(null)}
        >
          <p className="small">Send it with every request:</p>
          <pre className="usage">
            <code>{`curl ${location.origin}/graphql \\\n  -H 'Authorization: Bearer ${created.key}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"query":"{ viewer { email } }"}'`}</code>
          </pre>
        </SecretOnce>
      ) : null}
      {keys === null ? (
        <QueryStatus fetching={result.fetching} error={result.error} what="Your keys" retry={reload} />
      ) : live.length === 0 ? (
        <div className="card empty">
          <p>No API keys yet.</p>
          <p className="small muted">Create one above to call the API from a script or an app.</p>
        </div>
      ) : (
        <ul className="list" aria-label="API keys">
          {live.map((k) => (
            <KeyItem key={k.id} apiKey={k} onChanged={reload} />
          ))}
        </ul>
      )}
      {revoked.length > 0 ? (
        <details className="card">
          <summary>
            {revoked.length} revoked {revoked.length === 1 ? 'key' : 'keys'}
          </summary>
          <ul className="list revoked">
            {revoked.map((k) => (
              <li key={k.id} className="item">
                <div>
                  <span className="item-title">
                    <strong>{k.name}</strong>
                    <span className="small muted">
                      ID <code>{k.prefix}</code>
                    </span>
                  </span>
                  <p className="small muted">Revoked {formatDate(k.revokedAt)}</p>
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function KeyItem({ apiKey: k, onChanged }: { apiKey: ApiKey; onChanged: () => void }) {
  const [state, revoke] = useMutation(RevokeApiKeyMutation);
  const [error, setError] = useState<string | null>(null);
  const onRevoke = async () => {
    setError(null);
    const r = await revoke({ id: k.id });
    const value = r.data?.revokeApiKey;
    if (value?.__typename === 'RevokeApiKeySuccess') onChanged();
    else setError(formErrors(value, r.error).message ?? 'Revoking failed');
  };
  return (
    <li className="item" aria-label={k.name}>
      <div className="grow">
        <span className="item-title">
          <strong>{k.name}</strong>
          <span className="small muted">
            ID <code>{k.prefix}</code>
          </span>
        </span>
        <p className="small muted">
          Created {formatDate(k.createdAt)} · last used {formatAgo(k.lastUsedAt)}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <ConfirmButton
        label="Revoke"
        confirmLabel="Revoke key"
        question={`Revoke “${k.name}”? Anything using it stops working at once.`}
        pending={state.fetching}
        pendingLabel="Revoking…"
        onConfirm={onRevoke}
      />
    </li>
  );
}
