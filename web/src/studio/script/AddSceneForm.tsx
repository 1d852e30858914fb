import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { AddSceneMutation } from './operations';
import { LIMITS } from './SceneCard';

/** A new scene's narration (required by the API) and search words, inserted at `position`. */
export function AddSceneForm({
  scriptId,
  position,
  label,
  onDone,
}: {
  scriptId: string;
  /** 0-based; the end when left out. */
  position?: number;
  label: string;
  onDone(addedId: string | null): void;
}) {
  const [narration, setNarration] = useState('');
  const [imageQuery, setImageQuery] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [adding, addScene] = useMutation(AddSceneMutation);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors(noErrors);
    const result = await addScene({ input: { scriptId, position, narration, imageQuery: imageQuery.trim() || null } });
    const answer = result.data?.addScene;
    if (answer?.__typename === 'AddSceneSuccess') onDone(answer.data.id);
    else setErrors(formErrors(answer, result.error));
  }

  const fieldError = errors.fields.narration ?? errors.fields.imageQuery;
  return (
    <form className="card add-scene stack" onSubmit={onSubmit} aria-label={label}>
      <h3>{label}</h3>
      <Field label="Narration" hint={`${narration.length.toLocaleString()} / ${LIMITS.narration.toLocaleString()}`} error={errors.fields.narration}>
        {(p) => (
          // biome-ignore lint/a11y/noAutofocus: the person just asked for this form.
          <textarea {...p} rows={3} autoFocus value={narration} onChange={(e) => setNarration(e.target.value)} />
        )}
      </Field>
      <Field label="Image search words (optional)" error={errors.fields.imageQuery}>
        {(p) => <input {...p} value={imageQuery} onChange={(e) => setImageQuery(e.target.value)} />}
      </Field>
      {errors.message && !fieldError ? (
        <p className="form-error" role="alert">
          {errors.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={adding.fetching}>
          {adding.fetching ? 'Adding…' : 'Add scene'}
        </button>
        <button type="button" className="btn btn-small" onClick={() => onDone(null)} disabled={adding.fetching}>
          Cancel
        </button>
      </div>
    </form>
  );
}
