import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import type { ScriptMode } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { ModeSelect } from './ModeSelect';
import { CreateScriptMutation } from './operations';

const MAX_TEXT = 20_000;

/** createScript: the person's own words, split by the API into scenes of whole sentences. */
export function NewScriptFromText({ projectId, projectLanguage }: { projectId: string; projectLanguage: string | null }) {
  const navigate = useNavigate();
  const [state, create] = useMutation(CreateScriptMutation);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<ScriptMode>('STORY');
  const [language, setLanguage] = useState<string | null>(null);

  const onSubmit = async () => {
    const result = await create({
      input: { projectId, text, title: title.trim() || null, mode, language: (language ?? projectLanguage)?.trim() || null },
    });
    const value = result.data?.createScript;
    if (value?.__typename === 'CreateScriptSuccess') {
      navigate(`/studio/scripts/${value.data.id}`);
      return;
    }
    setErrors(formErrors(value, result.error));
  };

  return (
    <form
      className="card stack"
      aria-label="New script from my text"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Field
        label="Your script"
        hint={`${text.length.toLocaleString()} / ${MAX_TEXT.toLocaleString()} characters. It is split into scenes of whole sentences, about one per 25 words.`}
        error={errors.fields.text}
      >
        {(props) => (
          <textarea
            {...props}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={10}
            placeholder="Paste or write the narration, sentence by sentence."
          />
        )}
      </Field>
      <div className="projects-form-row">
        <Field label="Title" hint="Optional: its first words otherwise" error={errors.fields.title}>
          {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}
        </Field>
        <ModeSelect value={mode} onChange={setMode} error={errors.fields.mode} />
        <Field label="Language" hint="BCP 47, e.g. en, hi, pt-BR" error={errors.fields.language}>
          {(props) => (
            <input
              {...props}
              value={language ?? projectLanguage ?? ''}
              onChange={(e) => setLanguage(e.target.value)}
              maxLength={35}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      {errors.message && Object.keys(errors.fields).length === 0 ? (
        <p className="form-error" role="alert">
          {errors.message}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          {state.fetching ? 'Splitting into scenes…' : 'Create script'}
        </button>
      </div>
    </form>
  );
}
