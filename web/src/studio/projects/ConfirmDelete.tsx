import { useState } from 'react';
import { type AnyVariables, type TypedDocumentNode, useMutation } from 'urql';
import { formErrors, type TypedError } from '../../ui/typedErrors';

type DeleteAnswer = (TypedError & { data?: { deletedId: string } }) | null | undefined;

/** The second step of a delete: the question, then the delete itself (or its error). */
export function ConfirmDelete({
  mutation,
  id,
  question,
  onCancel,
  onDeleted,
}: {
  // Any delete mutation of one id answering `{ <field>: DeleteXSuccess | errors }`.
  mutation: TypedDocumentNode<unknown, { id: string }>;
  id: string;
  question: string;
  onCancel: () => void;
  onDeleted?: () => void;
}) {
  const [state, run] = useMutation<Record<string, DeleteAnswer>, AnyVariables>(mutation as TypedDocumentNode<Record<string, DeleteAnswer>, AnyVariables>);
  const [error, setError] = useState<string | null>(null);
  const onDelete = async () => {
    const result = await run({ id });
    // The mutation's one field (the answer also carries `__typename: "Mutation"`).
    const value = Object.entries(result.data ?? {}).find(([key]) => key !== '__typename')?.[1];
    if (value?.data?.deletedId) {
      onDeleted?.();
      return;
    }
    setError(formErrors(value, result.error).message ?? 'Deleting failed');
  };
  return (
    <div className="confirm-delete">
      <p className="small">{question}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="btn btn-small btn-danger" onClick={onDelete} disabled={state.fetching}>
          {state.fetching ? 'Deleting…' : 'Yes, delete'}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: focus moves to the safe choice of the question just asked. */}
        <button type="button" className="btn btn-small" onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </div>
  );
}
