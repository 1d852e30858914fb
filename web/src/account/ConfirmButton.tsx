import { useEffect, useRef, useState } from 'react';

/**
 * A destructive action asked twice: the first press shows what will happen and a confirm button
 * (focused, so Enter confirms and Escape or "Keep" backs out); the second press runs it.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  question,
  pending,
  pendingLabel,
  onConfirm,
  className = 'btn btn-small btn-danger',
}: {
  label: string;
  confirmLabel: string;
  question: string;
  pending?: boolean;
  pendingLabel?: string;
  onConfirm: () => void;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (pending)
    return (
      <button type="button" className={className} disabled aria-live="polite">
        {pendingLabel ?? `${label}…`}
      </button>
    );
  if (!asking)
    return (
      <button type="button" ref={openRef} className={className} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of two buttons, not a form field set
    <div className="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      <span className="small">{question}</span>
      <button
        type="button"
        ref={confirmRef}
        className="btn btn-small btn-danger btn-solid-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setAsking(false)}>
        Keep
      </button>
    </div>
  );
}
