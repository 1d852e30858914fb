import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { formErrors } from '../../ui/typedErrors';
import { ScriptProgress } from '../projects/ScriptProgress';
import { ApproveAction, ApproveNotice, useApprove } from './Approve';
import { ScriptScenesQuery } from './operations';
import { ScriptHeader } from './ScriptHeader';
import { SceneList } from './SceneList';
import './script.css';

/** /studio/scripts/:scriptId — the scene editor, or the generation's progress while it is written. */
export function ScriptPage() {
  const { scriptId = '' } = useParams();
  const [result, refetch] = useQuery({ query: ScriptScenesQuery, variables: { id: scriptId } });
  const script = result.data?.node?.__typename === 'Script' ? result.data.node : null;
  const status = script?.status ?? null;
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const approval = useApprove(scriptId);

  const onDirtyChange = useCallback((id: string, isDirty: boolean) => {
    setDirty((old) => {
      if (old.has(id) === isDirty) return old;
      const next = new Set(old);
      if (isDirty) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  // The writer finished (the progress view put DRAFT in the cache): load the scenes it wrote.
  const previous = useRef(status);
  const [returnedToDraft, setReturnedToDraft] = useState(false);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if ((was === 'GENERATING' || was === 'FAILED') && status === 'DRAFT') refetch({ requestPolicy: 'network-only' });
    if (was === 'APPROVED' && status === 'DRAFT') setReturnedToDraft(true);
    if (status === 'APPROVED') setReturnedToDraft(false);
  }, [status, refetch]);

  // Unsaved text is not lost to a closed tab without a warning.
  useEffect(() => {
    if (dirty.size === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty.size]);

  const editing = status === 'DRAFT' || status === 'APPROVED';
  return (
    <div className="page script-page">
      <ScriptHeader
        scriptId={scriptId}
        actions={
          status ? <ApproveAction scriptId={scriptId} status={status} unsaved={dirty.size} pending={approval.pending} onApprove={approval.approve} /> : null
        }
      />
      {result.fetching && !result.data ? <p className="page-message muted">Loading scenes…</p> : null}
      {result.error && !result.data ? (
        <div className="page-message" role="alert">
          <p className="form-error">Could not load the scenes: {formErrors(null, result.error).message}</p>
          <button type="button" className="btn" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </div>
      ) : null}
      {script && !editing ? <ScriptProgress scriptId={scriptId} /> : null}
      {script && editing ? (
        <>
          <ApproveNotice scriptId={scriptId} status={script.status} unsaved={dirty.size} error={approval.error} returnedToDraft={returnedToDraft} />
          <SceneList scriptId={scriptId} scenes={script.scenes.edges.map((e) => e.node)} onDirtyChange={onDirtyChange} />
        </>
      ) : null}
    </div>
  );
}
