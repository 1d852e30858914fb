import { useState } from 'react';
import { formatDate } from '../../ui/dates';
import { scriptStatusClass } from '../scriptStatus';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import type { ScriptMode, ScriptStatus } from '../../graphql/gen/graphql';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { ConfirmDelete } from './ConfirmDelete';
import { DeleteScriptMutation, RenameScriptMutation } from './operations';
import { RenameForm } from './RenameForm';

const statusLabel: Record<ScriptStatus, string> = {
  DRAFT: 'Draft',
  GENERATING: 'Writing…',
  APPROVED: 'Approved',
  FAILED: 'Failed',
};

const modeLabel: Record<ScriptMode, string> = { STORY: 'Story', EXPLAINER: 'Explainer', NEWS: 'News' };

export interface ScriptRowData {
  id: string;
  title: string;
  status: ScriptStatus;
  mode: ScriptMode;
  language: string;
  updatedAt: string;
}

/** One script of a project: a link to it, what it is, and rename / delete. */
export function ScriptRow({ script }: { script: ScriptRowData }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [renaming, rename] = useMutation(RenameScriptMutation);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  return (
    <li className="card script-row">
      {mode === 'rename' ? (
        <RenameForm
          label="Script title"
          initial={script.title}
          saving={renaming.fetching}
          error={errors.fields.title ?? errors.message}
          onCancel={() => setMode('view')}
          onSave={async (title) => {
            const result = await rename({ id: script.id, title });
            const value = result.data?.renameScript;
            if (value?.__typename === 'RenameScriptSuccess') {
              setErrors(noErrors);
              setMode('view');
            } else setErrors(formErrors(value, result.error));
          }}
        />
      ) : (
        <div className="script-row-main">
          <div className="script-row-text">
            <Link className="script-row-title" to={`/studio/scripts/${script.id}`}>
              {script.title}
            </Link>
            <p className="muted small">
              {modeLabel[script.mode]} · {script.language} · updated <time dateTime={script.updatedAt}>{formatDate(script.updatedAt)}</time>
            </p>
          </div>
          <span className={scriptStatusClass[script.status]}>{statusLabel[script.status]}</span>
        </div>
      )}
      {mode === 'view' ? (
        <div className="row">
          <button type="button" className="btn btn-small" onClick={() => setMode('rename')} aria-label={`Rename ${script.title}`}>
            Rename
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => setMode('delete')} aria-label={`Delete ${script.title}`}>
            Delete
          </button>
        </div>
      ) : null}
      {mode === 'delete' ? (
        <ConfirmDelete
          mutation={DeleteScriptMutation}
          id={script.id}
          question={`Delete the script “${script.title}” and its renders? This cannot be undone.`}
          onCancel={() => setMode('view')}
        />
      ) : null}
    </li>
  );
}
