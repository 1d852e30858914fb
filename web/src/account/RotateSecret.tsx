import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Field } from '../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../ui/typedErrors';
import { RotateWebhookSecretMutation } from './operations';
import { SecretOnce } from './SecretOnce';

/** A new signing secret; the old one keeps signing for the overlap, so the receiver can switch calmly. */
export function RotateSecret({ endpointId }: { endpointId: string }) {
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState('1440');
  const [state, rotate] = useMutation(RotateWebhookSecretMutation);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [secret, setSecret] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(overlap);
    if (!Number.isInteger(minutes) || minutes < 0) return setErrors({ message: null, fields: { overlapMinutes: 'a whole number of minutes, 0 or more' } });
    const r = await rotate({ id: endpointId, overlapMinutes: minutes });
    const value = r.data?.rotateWebhookSecret;
    if (value?.__typename === 'RotateWebhookSecretSuccess') {
      setSecret(value.data.secret);
      setOpen(false);
      setErrors(noErrors);
    } else setErrors(formErrors(value, r.error));
  };

  if (secret)
    return (
      <div className="full">
        <SecretOnce title="New signing secret" secret={secret} lost="If you lose it, rotate again." onDone={() => setSecret(null)} />
      </div>
    );
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Rotate secret
      </button>
    );
  return (
    <form className="card stack full rotate" onSubmit={submit} noValidate>
      <Field
        label="Keep the old secret signing for (minutes)"
        hint="Deliveries carry both signatures meanwhile; 0 ends the old secret now. At most 10080 (7 days)."
        error={errors.fields.overlapMinutes ?? errors.fields.id}
      >
        {(props) => <input {...props} type="number" inputMode="numeric" min={0} max={10080} value={overlap} onChange={(e) => setOverlap(e.target.value)} />}
      </Field>
      {errors.message && !errors.fields.overlapMinutes && !errors.fields.id ? (
        <p className="form-error" role="alert">
          {errors.message}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-small" disabled={state.fetching}>
          {state.fetching ? 'Rotating…' : 'Rotate secret'}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)} disabled={state.fetching}>
          Cancel
        </button>
      </div>
    </form>
  );
}
