import { Link } from 'react-router';
import { useMutation } from 'urql';
import { formErrors } from '../../ui/typedErrors';
import { ApproveScriptMutation } from './operations';

export function useApprove(scriptId: string) {
  const [state, approve] = useMutation(ApproveScriptMutation);
  const answer = state.data?.approveScript;
  const error = answer && answer.__typename !== 'ApproveScriptSuccess' ? formErrors(answer, null) : state.error ? formErrors(null, state.error) : null;
  return {
    pending: state.fetching,
    error,
    approve: () => approve({ id: scriptId }),
  };
}

/** The header's action: approve a draft (not with unsaved scenes), or go render an approved one. */
export function ApproveAction({
  scriptId,
  status,
  unsaved,
  pending,
  onApprove,
}: {
  scriptId: string;
  status: string;
  unsaved: number;
  pending: boolean;
  onApprove(): void;
}) {
  if (status === 'APPROVED')
    return (
      <Link className="btn btn-primary" to={`/studio/scripts/${scriptId}/renders`}>
        Render this script
      </Link>
    );
  if (status !== 'DRAFT') return null;
  return (
    <button
      type="button"
      className="btn btn-primary"
      onClick={onApprove}
      disabled={pending || unsaved > 0}
      aria-describedby={unsaved > 0 ? 'approve-blocked' : undefined}
    >
      {pending ? 'Approving…' : 'Approve'}
    </button>
  );
}

/** What approval did or why it did not, under the header. */
export function ApproveNotice({
  scriptId,
  status,
  unsaved,
  error,
  returnedToDraft,
}: {
  scriptId: string;
  status: string;
  unsaved: number;
  error: ReturnType<typeof formErrors> | null;
  returnedToDraft: boolean;
}) {
  return (
    <div className="approve-notice" aria-live="polite">
      {status === 'APPROVED' ? (
        <p className="notice notice-ok">
          Approved: this script is ready to render. <Link to={`/studio/scripts/${scriptId}/renders`}>Render this script →</Link> Any edit returns it to draft.
        </p>
      ) : null}
      {status === 'DRAFT' && returnedToDraft ? (
        <p className="notice notice-warn">Edited after approval: the script is a draft again. Approve it again to render these changes.</p>
      ) : null}
      {status === 'DRAFT' && unsaved > 0 ? (
        <p className="small muted" id="approve-blocked">
          {unsaved === 1 ? 'One scene has' : `${unsaved} scenes have`} unsaved changes: save or discard them to approve.
        </p>
      ) : null}
      {error?.message && status !== 'APPROVED' ? (
        <div className="form-error" role="alert">
          <p>Could not approve: {error.message}</p>
          {Object.entries(error.fields).length > 0 ? (
            <ul>
              {Object.entries(error.fields).map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
