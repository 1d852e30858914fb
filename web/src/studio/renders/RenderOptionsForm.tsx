import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import type { MusicTrack, RenderPreset, Resolution, SubtitleStyle } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { formErrors } from '../../ui/typedErrors';
import { MUSIC_TRACKS, PRESETS, RESOLUTIONS, SUBTITLE_STYLES } from './format';
import { EnqueueRenderMutation } from './operations';

export interface ProjectDefaults {
  defaultPreset: RenderPreset;
  defaultSubtitleStyle: SubtitleStyle;
  defaultVoice?: string | null;
}

const COMMON_VOICES = ['en-us', 'en-gb', 'es', 'fr-fr', 'de', 'it', 'pt-br', 'hi'];

/** The options of a new render, starting from the project's defaults; on success, its live view. */
export function RenderOptionsForm({ scriptId, scriptStatus, defaults }: { scriptId: string; scriptStatus: string; defaults: ProjectDefaults | null }) {
  const navigate = useNavigate();
  const [form, setForm] = useState({
    preset: defaults?.defaultPreset ?? ('VERYFAST' as RenderPreset),
    resolution: 'P480' as Resolution,
    fps: 30,
    subtitleStyle: defaults?.defaultSubtitleStyle ?? ('KARAOKE' as SubtitleStyle),
    voice: defaults?.defaultVoice ?? '',
    music: '' as MusicTrack | '',
    volume: 15,
  });
  const [state, enqueue] = useMutation(EnqueueRenderMutation);
  const errors = formErrors(state.data?.enqueueRender, state.error);
  const notApproved = errors.fields.scriptId ?? (scriptStatus !== 'APPROVED' ? `The script is ${scriptStatus}.` : null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await enqueue({
      scriptId,
      options: {
        preset: form.preset,
        resolution: form.resolution,
        fps: form.fps,
        subtitleStyle: form.subtitleStyle,
        voice: form.voice.trim() || null,
        music: form.music ? { track: form.music, volume: form.volume / 100 } : null,
      },
    });
    const answer = result.data?.enqueueRender;
    if (answer?.__typename === 'EnqueueRenderSuccess') navigate(`/studio/renders/${answer.data.id}`);
  };

  return (
    <form className="card stack render-form" onSubmit={onSubmit} noValidate aria-labelledby="new-render-title">
      <h3 id="new-render-title">New render</h3>
      {notApproved ? (
        <p className={errors.fields.scriptId ? 'form-error' : 'field-hint'} role={errors.fields.scriptId ? 'alert' : undefined}>
          {notApproved} Approve it on the <Link to={`/studio/scripts/${scriptId}`}>Scenes tab</Link> before rendering.
        </p>
      ) : null}
      <div className="render-form-grid">
        <Field label="Quality" error={errors.fields.preset} hint={PRESETS.find((p) => p.value === form.preset)?.hint}>
          {(p) => (
            <select {...p} value={form.preset} onChange={(e) => setForm({ ...form, preset: e.target.value as RenderPreset })}>
              {PRESETS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Resolution" error={errors.fields.resolution} hint={RESOLUTIONS.find((r) => r.value === form.resolution)?.hint}>
          {(p) => (
            <select {...p} value={form.resolution} onChange={(e) => setForm({ ...form, resolution: e.target.value as Resolution })}>
              {RESOLUTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Frame rate" error={errors.fields.fps}>
          {(p) => (
            <select {...p} value={form.fps} onChange={(e) => setForm({ ...form, fps: Number(e.target.value) })}>
              <option value={30}>30 fps</option>
              <option value={24}>24 fps</option>
            </select>
          )}
        </Field>
        <Field label="Subtitles" error={errors.fields.subtitleStyle} hint={SUBTITLE_STYLES.find((s) => s.value === form.subtitleStyle)?.hint}>
          {(p) => (
            <select {...p} value={form.subtitleStyle} onChange={(e) => setForm({ ...form, subtitleStyle: e.target.value as SubtitleStyle })}>
              {SUBTITLE_STYLES.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Voice" error={errors.fields.voice} hint="Empty: the language's default voice. An espeak-ng voice such as en-us.">
          {(p) => (
            <>
              <input
                {...p}
                list="voice-suggestions"
                value={form.voice}
                autoComplete="off"
                spellCheck={false}
                placeholder="default"
                onChange={(e) => setForm({ ...form, voice: e.target.value })}
              />
              <datalist id="voice-suggestions">
                {COMMON_VOICES.map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Music" error={errors.fields.track} hint={MUSIC_TRACKS.find((m) => m.value === form.music)?.hint ?? 'Narration only.'}>
          {(p) => (
            <select {...p} value={form.music} onChange={(e) => setForm({ ...form, music: e.target.value as MusicTrack | '' })}>
              <option value="">None</option>
              {MUSIC_TRACKS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.music ? (
          <Field label={`Music volume: ${form.volume}%`} error={errors.fields.volume}>
            {(p) => (
              <input
                {...p}
                type="range"
                min={0}
                max={100}
                step={5}
                value={form.volume}
                onChange={(e) => setForm({ ...form, volume: Number(e.target.value) })}
              />
            )}
          </Field>
        ) : null}
      </div>
      {errors.message && !errors.fields.scriptId ? (
        <p className="form-error" role="alert">
          {errors.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          {state.fetching ? 'Starting…' : 'Start render'}
        </button>
      </div>
    </form>
  );
}
