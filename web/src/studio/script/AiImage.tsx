import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import type { SceneFieldsFragment } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { CapabilitiesQuery, GenerateSceneImageMutation, SceneAssetsQuery, SceneLatestQuery } from './operations';
import { LIMITS } from './SceneCard';
import './aiImage.css';

/**
 * "Make an AI image": the scene's AI prompt, editable before it is sent, drawn now by the server's
 * generator and selected. Disabled, with the reason, when the server has no generator.
 */
export function AiImage({ scene, label, onMade }: { scene: SceneFieldsFragment; label: string; onMade(): void }) {
  const client = useClient();
  const [caps] = useQuery({ query: CapabilitiesQuery });
  const [open, setOpen] = useState(false);
  const [prompt, setPrompt] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [made, setMade] = useState<string | null>(null);
  const [drawing, draw] = useMutation(GenerateSceneImageMutation);
  const reasonId = useId();
  const openButton = useRef<HTMLButtonElement>(null);
  const promptInput = useRef<HTMLTextAreaElement>(null);
  const wasOpen = useRef(false);
  // The button gives way to the form and comes back after it: the focus follows.
  useEffect(() => {
    if (open) promptInput.current?.focus();
    else if (wasOpen.current) openButton.current?.focus();
    wasOpen.current = open;
  }, [open]);
  // Unknown (still loading, or the query failed) is not "unavailable": the mutation then says why.
  const unavailable = caps.data?.capabilities.aiImages === false;

  function start() {
    setPrompt(scene.aiImagePrompt ?? '');
    setErrors(noErrors);
    setMade(null);
    setOpen(true);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors(noErrors);
    setMade(null);
    const result = await draw({ sceneId: scene.id, prompt: prompt.trim() || null });
    const answer = result.data?.generateSceneImage;
    if (answer?.__typename === 'GenerateSceneImageSuccess') {
      // The picture became the scene's choice and one of its candidates: read both again.
      await Promise.all([
        client.query(SceneLatestQuery, { id: scene.id }, { requestPolicy: 'network-only' }).toPromise(),
        client.query(SceneAssetsQuery, { id: scene.id }, { requestPolicy: 'network-only' }).toPromise(),
      ]);
      setOpen(false);
      setMade('AI image made and selected.');
      onMade();
      return;
    }
    // The prompt stays as typed, so it can be changed and sent again.
    setErrors(formErrors(answer, result.error));
  }

  const over = prompt.length > LIMITS.aiImagePrompt;
  return (
    <div className="ai-image">
      {open ? null : (
        <div className="row">
          <button
            ref={openButton}
            type="button"
            className="btn btn-small"
            onClick={start}
            disabled={unavailable || caps.fetching}
            aria-describedby={unavailable ? reasonId : undefined}
          >
            Make an AI image
          </button>
          {unavailable ? (
            <span id={reasonId} className="small muted">
              AI images are not set up on this server.
            </span>
          ) : null}
        </div>
      )}
      {made ? (
        <p className="small muted" role="status">
          {made}
        </p>
      ) : null}
      {open ? (
        <form className="ai-image-form" onSubmit={onSubmit} aria-label={`AI image for ${label}`} aria-busy={drawing.fetching}>
          <Field
            label="Draw this"
            hint={
              over
                ? `${(prompt.length - LIMITS.aiImagePrompt).toLocaleString()} characters over the ${LIMITS.aiImagePrompt.toLocaleString()} limit`
                : "Sent as you see it, in the script's style. Left empty: the scene's AI prompt."
            }
            error={errors.fields.prompt}
          >
            {(p) => (
              <textarea
                {...p}
                ref={promptInput}
                rows={3}
                value={prompt}
                onChange={(e) => setPrompt(e.target.value)}
                readOnly={drawing.fetching}
                placeholder="What the picture shows, e.g. paper cranes over a city at dawn"
              />
            )}
          </Field>
          <div className="row">
            <button type="submit" className="btn btn-primary btn-small" disabled={drawing.fetching || over}>
              {drawing.fetching ? 'Drawing…' : 'Draw it'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setOpen(false)} disabled={drawing.fetching}>
              Cancel
            </button>
          </div>
          {drawing.fetching ? (
            <p className="ai-image-pending small muted" role="status">
              <span className="ai-image-spinner" aria-hidden="true" />
              Drawing… an AI image can take a minute. It is selected when it arrives.
            </p>
          ) : null}
          {errors.message && !errors.fields.prompt ? (
            <p className="form-error" role="alert">
              {errors.message}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
