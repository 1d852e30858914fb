import { useState } from 'react';
import { Field } from '../../ui/Field';

/** An inline title editor: the typed title stays in the box when saving fails. */
export function RenameForm({
  label,
  initial,
  saving,
  error,
  onSave,
  onCancel,
}: {
  label: string;
  initial: string;
  saving: boolean;
  error?: string | null;
  onSave: (title: string) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial);
  return (
    <form
      className="stack rename-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(title);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <Field label={label} error={error}>
        {(props) => (
          // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this title.
          <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus maxLength={200} />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
