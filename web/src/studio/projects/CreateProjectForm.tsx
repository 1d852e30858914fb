import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import type { RenderPreset, SubtitleStyle } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { CreateProjectMutation } from './operations';

const FIRST_PROJECT = 'My first project';

/** The browser's language as a starting value (e.g. "en-GB"), which the person may change. */
function browserLanguage(): string {
  const tag = typeof navigator !== 'undefined' ? navigator.language : '';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : 'en';
}

/** Creates a project and opens it. `quickStart` adds the one-click "My first project". */
export function CreateProjectForm({ quickStart = false }: { quickStart?: boolean }) {
  const navigate = useNavigate();
  const [state, create] = useMutation(CreateProjectMutation);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState(browserLanguage);
  const [preset, setPreset] = useState<RenderPreset | ''>('');
  const [subtitleStyle, setSubtitleStyle] = useState<SubtitleStyle | ''>('');
  const [voice, setVoice] = useState('');

  const submit = async (projectTitle: string) => {
    const result = await create({
      input: {
        title: projectTitle,
        language: language.trim() || null,
        defaultPreset: preset || null,
        defaultSubtitleStyle: subtitleStyle || null,
        defaultVoice: voice.trim() || null,
      },
    });
    const value = result.data?.createProject;
    if (value?.__typename === 'CreateProjectSuccess') {
      navigate(`/studio/projects/${value.data.id}`);
      return;
    }
    setErrors(formErrors(value, result.error));
  };

  return (
    <div className="stack">
      {quickStart ? (
        <div className="stack projects-quick">
          <button type="button" className="btn btn-primary" disabled={state.fetching} onClick={() => submit(FIRST_PROJECT)}>
            Create “{FIRST_PROJECT}”
          </button>
          <p className="muted small">or name it yourself:</p>
        </div>
      ) : null}
      <form
        className="stack"
        aria-label="New project"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(title);
        }}
      >
        <div className="projects-form-row">
          <Field label="Title" error={errors.fields.title}>
            {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="e.g. Space facts" />}
          </Field>
          <Field label="Language" hint="BCP 47 tag, e.g. en, pt-BR" error={errors.fields.language}>
            {(props) => (
              <input {...props} value={language} onChange={(e) => setLanguage(e.target.value)} maxLength={35} autoComplete="off" spellCheck={false} />
            )}
          </Field>
        </div>
        <details className="projects-defaults">
          <summary>Render defaults</summary>
          <div className="projects-form-row">
            <Field label="Encoding speed" error={errors.fields.defaultPreset}>
              {(props) => (
                <select {...props} value={preset} onChange={(e) => setPreset(e.target.value as RenderPreset | '')}>
                  <option value="">Server default</option>
                  <option value="ULTRAFAST">Ultrafast (quickest, larger file)</option>
                  <option value="VERYFAST">Very fast</option>
                  <option value="FAST">Fast (smallest file)</option>
                </select>
              )}
            </Field>
            <Field label="Subtitles" error={errors.fields.defaultSubtitleStyle}>
              {(props) => (
                <select {...props} value={subtitleStyle} onChange={(e) => setSubtitleStyle(e.target.value as SubtitleStyle | '')}>
                  <option value="">Server default</option>
                  <option value="KARAOKE">Karaoke (words light up)</option>
                  <option value="WORD">One word at a time</option>
                  <option value="PLAIN">Plain lines</option>
                </select>
              )}
            </Field>
            <Field label="Voice" hint="A voice name; empty for the default" error={errors.fields.defaultVoice}>
              {(props) => <input {...props} value={voice} onChange={(e) => setVoice(e.target.value)} maxLength={100} />}
            </Field>
          </div>
        </details>
        {errors.message && Object.keys(errors.fields).length === 0 ? (
          <p className="form-error" role="alert">
            {errors.message}
          </p>
        ) : null}
        <div>
          <button type="submit" className={quickStart ? 'btn' : 'btn btn-primary'} disabled={state.fetching}>
            {state.fetching ? 'Creating…' : 'Create project'}
          </button>
        </div>
      </form>
    </div>
  );
}
