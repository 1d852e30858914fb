import { type FormEvent, useId, useState } from 'react';
import type { WebhookEventType } from '../graphql/gen/graphql';
import { Field } from '../ui/Field';
import { type FormErrors, noErrors } from '../ui/typedErrors';
import { EVENT_TYPES, WEBHOOK_EVENTS } from './webhookEvents';

export interface WebhookValues {
  url: string;
  events: WebhookEventType[];
}

/**
 * The URL and events of an endpoint, to create or edit one. `onSubmit` answers the API's errors;
 * what was typed stays as it was so the person can correct it.
 */
export function WebhookForm({
  initial,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
}: {
  initial?: WebhookValues;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: WebhookValues) => Promise<FormErrors>;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [events, setEvents] = useState<WebhookEventType[]>(initial?.events ?? ['RENDER_SUCCEEDED', 'RENDER_FAILED']);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [pending, setPending] = useState(false);
  const groupId = useId();

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((list) => (on ? EVENT_TYPES.filter((t) => t === type || list.includes(t)) : list.filter((t) => t !== type)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    try {
      setErrors(await onSubmit({ url: url.trim(), events }));
    } finally {
      setPending(false);
    }
  };

  const eventsError = errors.fields.events;
  return (
    <form className="stack webhook-form" onSubmit={submit} noValidate>
      <Field label="Endpoint URL" hint="https, at a public address: every delivery is signed (Standard Webhooks)." error={errors.fields.url}>
        {(props) => (
          <input
            {...props}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com/webhooks/reelforge"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="field events" aria-describedby={eventsError ? `${groupId}-error` : undefined} aria-invalid={Boolean(eventsError)}>
        <legend className="label">Events</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="check">
            <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
            <span>
              {WEBHOOK_EVENTS[type].label} <code className="small muted">{WEBHOOK_EVENTS[type].type}</code>
            </span>
          </label>
        ))}
        {eventsError ? (
          <p className="field-error" id={`${groupId}-error`} role="alert">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      {errors.message && !errors.fields.url && !eventsError ? (
        <p className="form-error" role="alert">
          {errors.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
