import { type FormEvent, useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { Field } from '../ui/Field';
import { formErrors } from '../ui/typedErrors';
import { AccountDeletionQuery, DeleteAccountMutation } from './operations';

const PHRASE = 'delete my account';
const POLL_MS = 1000;

type Status = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
const statusText: Record<Status, string> = {
  QUEUED: 'Waiting for the deletion to start…',
  RUNNING: 'Removing your projects, renders and files…',
  DONE: 'Your account is deleted.',
  FAILED: 'The deletion stopped',
};

/** The danger zone: deleting the account, typed out to be sure, then followed until it is done. */
export function DeleteAccount({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [state, deleteAccount] = useMutation(DeleteAccountMutation);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim().toLowerCase() !== PHRASE) return;
    setError(null);
    const result = await deleteAccount({});
    const value = result.data?.deleteAccount;
    if (value?.__typename === 'DeleteAccountSuccess') setToken(value.data.statusToken);
    else setError(formErrors(value, result.error).message ?? 'The account could not be deleted');
  };

  return (
    <section className="card stack danger-zone" aria-labelledby="danger-title">
      <h3 id="danger-title">Danger zone</h3>
      {token ? (
        <DeletionProgress token={token} />
      ) : !open ? (
        <div className="row between">
          <p className="small muted danger-text">
            Deleting your account removes your projects, scripts, renders, stored files, API keys, webhooks, YouTube connections and sessions. It cannot be
            undone.
          </p>
          <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
            Delete account…
          </button>
        </div>
      ) : (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <p>
            This deletes <strong className="break">{email}</strong> and everything it owns, for good. Every device is signed out and every API key stops working
            at once.
          </p>
          <Field label={`Type “${PHRASE}” to confirm`} error={error}>
            {(props) => <input {...props} autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />}
          </Field>
          <div className="row">
            <button type="submit" className="btn btn-danger btn-solid-danger" disabled={typed.trim().toLowerCase() !== PHRASE || state.fetching}>
              {state.fetching ? 'Deleting…' : 'Delete my account'}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setOpen(false);
                setTyped('');
                setError(null);
              }}
              disabled={state.fetching}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Follows accountDeletion(statusToken) until DONE (then home, signed out) or FAILED. */
function DeletionProgress({ token }: { token: string }) {
  const client = useClient();
  const [status, setStatus] = useState<Status>('QUEUED');
  const [failure, setFailure] = useState<string | null>(null);
  const [removed, setRemoved] = useState<{ rows: number; objects: number } | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const result = await client.query(AccountDeletionQuery, { statusToken: token }, { requestPolicy: 'network-only' }).toPromise();
      if (stopped) return;
      const d = result.data?.accountDeletion;
      if (d) {
        setStatus(d.status);
        setRemoved(d.removed);
        if (d.status === 'FAILED') return setFailure(d.error ?? 'for an unknown reason');
        if (d.status === 'DONE') {
          // A moment to read it, then a full load: nothing of the account stays in memory.
          timer = setTimeout(() => location.assign('/'), 1500);
          return;
        }
      }
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, token]);
  return (
    <div className="stack" role="status" aria-live="polite">
      <p>
        <strong>{statusText[status]}</strong>
        {failure ? `: ${failure}. Your sessions and keys stay revoked; contact the server's operator.` : null}
      </p>
      {status !== 'DONE' && status !== 'FAILED' ? <progress aria-label="Deleting your account" /> : null}
      {removed && status === 'DONE' ? (
        <p className="small muted">
          {removed.rows} records and {removed.objects} files removed. Taking you to the reels…
        </p>
      ) : null}
    </div>
  );
}
