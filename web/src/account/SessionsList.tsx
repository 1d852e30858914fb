import { useState } from 'react';
import { useMutation } from 'urql';
import { formErrors } from '../ui/typedErrors';
import { formatAgo, formatDate } from '../ui/dates';
import { RevokeSessionMutation } from './operations';

interface Session {
  id: string;
  device: string;
  method: string;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

const methodName: Record<string, string> = { google: 'Google', 'google-id-token': 'Google (app)', demo: 'demo link' };

/** The viewer's live sessions, this browser first; each can be signed out from here. */
export function SessionsList({ sessions, onChanged }: { sessions: Session[]; onChanged: () => void }) {
  const sorted = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <div>
        <h3 id="sessions-title">Where you are signed in</h3>
        <p className="small muted">Signing a session out ends it at once, on that device too.</p>
      </div>
      {sorted.length === 0 ? (
        <p className="muted">No sessions: you are using an API key.</p>
      ) : (
        <ul className="list" aria-label="Sessions">
          {sorted.map((s) => (
            <SessionItem key={s.id} session={s} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const [state, revoke] = useMutation(RevokeSessionMutation);
  const [error, setError] = useState<string | null>(null);
  const onRevoke = async () => {
    setError(null);
    const result = await revoke({ id: session.id });
    const value = result.data?.revokeSession;
    if (value?.__typename === 'RevokeSessionSuccess') {
      // This browser's own session: it is signed out now; a full load forgets everything cached.
      if (session.current) location.assign('/');
      else onChanged();
      return;
    }
    setError(formErrors(value, result.error).message ?? 'Signing out failed');
  };
  return (
    <li className="item" aria-label={`${session.device}${session.current ? ' (this browser)' : ''}`}>
      <div>
        <span className="item-title">
          <strong>{session.device}</strong>
          {session.current ? <span className="badge badge-ok">This browser</span> : null}
        </span>
        <p className="small muted">
          Signed in {formatDate(session.createdAt)} with the {methodName[session.method] ?? session.method} · last used {formatAgo(session.lastUsedAt)}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="button" className="btn btn-small" onClick={onRevoke} disabled={state.fetching}>
        {state.fetching ? 'Signing out…' : 'Sign out'}
      </button>
    </li>
  );
}
