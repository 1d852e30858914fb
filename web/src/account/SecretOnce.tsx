import { type ReactNode, useId, useRef, useState } from 'react';

/** A secret the API shows this once: the value, a copy button, and a plain warning. */
export function SecretOnce({
  title,
  secret,
  lost,
  children,
  onDone,
}: {
  title: string;
  secret: string;
  /** What to do if it is lost. */
  lost: string;
  children?: ReactNode;
  onDone: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard permission: select it so Ctrl+C / long-press copies it.
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <section className="card secret-once" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="secret-warning">
        <strong>Copy it now: you will not see it again.</strong> {lost}
      </p>
      <div className="secret-row">
        <label htmlFor={id} className="visually-hidden">
          {title}
        </label>
        <input id={id} ref={input} className="secret-value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn btn-primary" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="small muted" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying is not allowed here: it is selected, copy it yourself.' : ''}
      </p>
      {children}
      <button type="button" className="btn secret-done" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
