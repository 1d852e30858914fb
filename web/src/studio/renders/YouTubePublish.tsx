import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { PublicationPrivacy } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { formErrors } from '../../ui/typedErrors';
import { PublishRenderMutation, YoutubeChannelsQuery } from './operations';

const PRIVACY: { value: PublicationPrivacy; label: string }[] = [
  { value: 'PRIVATE', label: 'Private' },
  { value: 'UNLISTED', label: 'Unlisted' },
  { value: 'PUBLIC', label: 'Public' },
];

/** Uploads the render to one of the person's YouTube channels as a Short; `children`: its uploads so far. */
export function YouTubePublish({ renderId, title, onPublished, children }: { renderId: string; title: string; onPublished(): void; children?: ReactNode }) {
  const [channels] = useQuery({ query: YoutubeChannelsQuery });
  const list = channels.data?.viewer?.youtubeChannels.edges.map((e) => e.node) ?? [];
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ channelId: '', title, description: '', privacy: 'PRIVATE' as PublicationPrivacy, madeForKids: '', synthetic: true });
  const [state, publish] = useMutation(PublishRenderMutation);
  const [kidsMissing, setKidsMissing] = useState(false);
  const errors = formErrors(state.data?.publishRender, state.error);
  const channelId = form.channelId || list[0]?.id || '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.madeForKids === '') {
      setKidsMissing(true);
      return;
    }
    setKidsMissing(false);
    const result = await publish({
      input: {
        renderId,
        channelId,
        title: form.title,
        description: form.description || null,
        privacy: form.privacy,
        madeForKids: form.madeForKids === 'yes',
        containsSyntheticMedia: form.synthetic,
      },
    });
    if (result.data?.publishRender.__typename === 'PublishRenderSuccess') {
      setOpen(false);
      onPublished();
    }
  };

  return (
    <section className="card stack publish-card" aria-labelledby="youtube-publish-title">
      <h3 id="youtube-publish-title">YouTube</h3>
      {channels.fetching && !channels.data ? <p className="muted small">Loading your channels…</p> : null}
      {channels.error ? (
        <p className="form-error" role="alert">
          Your channels could not be loaded: {channels.error.message}
        </p>
      ) : null}
      {channels.data && list.length === 0 ? (
        <p className="small">
          No YouTube channel is connected. <Link to="/account/youtube">Connect a channel</Link> to publish there.
        </p>
      ) : null}
      {list.length > 0 && !open ? (
        <div className="row">
          <button type="button" className="btn" onClick={() => setOpen(true)}>
            Publish to YouTube
          </button>
        </div>
      ) : null}
      {list.length > 0 && open ? (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <Field label="Channel" error={errors.fields.channelId}>
            {(p) => (
              <select {...p} value={channelId} onChange={(e) => setForm({ ...form, channelId: e.target.value })}>
                {list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                    {c.sandbox && !/sandbox/i.test(c.title) ? ' (sandbox)' : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Title" error={errors.fields.title} hint="At most 100 characters.">
            {(p) => <input {...p} value={form.title} maxLength={100} required onChange={(e) => setForm({ ...form, title: e.target.value })} />}
          </Field>
          <Field label="Description" error={errors.fields.description}>
            {(p) => <textarea {...p} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />}
          </Field>
          <Field label="Privacy" error={errors.fields.privacy} hint="Uploads from unaudited API projects stay private on YouTube.">
            {(p) => (
              <select {...p} value={form.privacy} onChange={(e) => setForm({ ...form, privacy: e.target.value as PublicationPrivacy })}>
                {PRIVACY.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="choice">
            <legend>Is it made for children?</legend>
            <div className="choice-list">
              {[
                ['no', 'No'],
                ['yes', 'Yes, made for kids'],
              ].map(([value, label]) => (
                <label key={value} className="choice-option">
                  <input
                    type="radio"
                    name="madeForKids"
                    value={value}
                    checked={form.madeForKids === value}
                    aria-invalid={kidsMissing || Boolean(errors.fields.madeForKids)}
                    aria-describedby={kidsMissing || errors.fields.madeForKids ? 'kids-error' : undefined}
                    onChange={() => setForm({ ...form, madeForKids: value ?? '' })}
                  />
                  {label}
                </label>
              ))}
            </div>
            {kidsMissing || errors.fields.madeForKids ? (
              <p className="field-error" id="kids-error" role="alert">
                {errors.fields.madeForKids ?? 'YouTube requires an answer (COPPA).'}
              </p>
            ) : null}
          </fieldset>
          <label className="choice-option">
            <input type="checkbox" checked={form.synthetic} onChange={(e) => setForm({ ...form, synthetic: e.target.checked })} />
            Disclose it as AI-made (altered or synthetic content)
          </label>
          {errors.message ? (
            <p className="form-error" role="alert">
              {errors.message}
            </p>
          ) : null}
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={state.fetching}>
              {state.fetching ? 'Starting the upload…' : 'Upload to YouTube'}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {children}
    </section>
  );
}
