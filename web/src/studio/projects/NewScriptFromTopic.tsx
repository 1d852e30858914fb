import { useState } from 'react';
import { useMutation } from 'urql';
import type { ScriptMode } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { ModeSelect } from './ModeSelect';
import { GenerateScriptMutation } from './operations';

const MAX_PROMPT = 4_000;

/** generateScript: a topic the studio's writers turn into scenes; hands the new script's id on. */
export function NewScriptFromTopic({
  projectId,
  projectLanguage,
  onStarted,
}: {
  projectId: string;
  projectLanguage: string | null;
  onStarted: (scriptId: string) => void;
}) {
  const [state, generate] = useMutation(GenerateScriptMutation);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [prompt, setPrompt] = useState('');
  const [mode, setMode] = useState<ScriptMode>('STORY');
  const [language, setLanguage] = useState<string | null>(null);
  const [sceneCount, setSceneCount] = useState('6');

  const onSubmit = async () => {
    const count = sceneCount.trim() === '' ? null : Number(sceneCount);
    const result = await generate({
      input: {
        projectId,
        prompt,
        mode,
        language: (language ?? projectLanguage)?.trim() || null,
        // A non-number goes as NaN → null would hide the mistake; send it rounded so the API names it.
        sceneCount: count === null ? null : Number.isFinite(count) ? Math.round(count) : 0,
      },
    });
    const value = result.data?.generateScript;
    if (value?.__typename === 'GenerateScriptSuccess') {
      onStarted(value.data.id);
      return;
    }
    setErrors(formErrors(value, result.error));
  };

  return (
    <form
      className="card stack"
      aria-label="New script from a topic"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Field
        label="Topic"
        hint={`${prompt.length.toLocaleString()} / ${MAX_PROMPT.toLocaleString()} characters. What the reel is about, and anything it must say.`}
        error={errors.fields.prompt}
      >
        {(props) => (
          <textarea {...props} value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={5} placeholder="e.g. How honeybees choose a new home" />
        )}
      </Field>
      <div className="projects-form-row">
        <ModeSelect value={mode} onChange={setMode} error={errors.fields.mode} />
        <Field label="Scenes" hint="4 to 10" error={errors.fields.sceneCount}>
          {(props) => (
            <input {...props} type="number" inputMode="numeric" min={4} max={10} value={sceneCount} onChange={(e) => setSceneCount(e.target.value)} />
          )}
        </Field>
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
          {state.fetching ? 'Starting…' : 'Write the script'}
        </button>
      </div>
    </form>
  );
}
