import { useEffect, useRef } from 'react';
import type { Conflict, SceneText, TextField } from './useSceneDraft';
import { TEXT_FIELDS } from './useSceneDraft';

const labels: Record<TextField, string> = { narration: 'Narration', imageQuery: 'Image search words', aiImagePrompt: 'AI image prompt' };

/** Someone saved this scene first: their text beside ours, and the two ways out. Nothing is lost. */
export function ConflictPanel({
  conflict,
  yours,
  saving,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict;
  yours: SceneText;
  saving: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const differing = TEXT_FIELDS.filter((f) => conflict.theirs[f] !== yours[f]);
  return (
    <div className="conflict" role="alert" tabIndex={-1} ref={ref}>
      <p className="conflict-title">
        <strong>Changed elsewhere.</strong> This scene was saved in another tab or by another device after you started editing.
      </p>
      {differing.map((f) => (
        <div key={f} className="conflict-field">
          <p className="small conflict-label">{labels[f]}</p>
          <div className="conflict-sides">
            <figure>
              <figcaption className="small muted">Theirs (saved)</figcaption>
              <p className="conflict-text" data-side="theirs">
                {conflict.theirs[f] || <em className="muted">empty</em>}
              </p>
            </figure>
            <figure>
              <figcaption className="small muted">Yours (not saved)</figcaption>
              <p className="conflict-text" data-side="yours">
                {yours[f] || <em className="muted">empty</em>}
              </p>
            </figure>
          </div>
        </div>
      ))}
      <div className="row">
        <button type="button" className="btn btn-small btn-primary" onClick={onKeepMine} disabled={saving}>
          {saving ? 'Saving…' : 'Keep mine'}
        </button>
        <button type="button" className="btn btn-small" onClick={onTakeTheirs} disabled={saving}>
          Take theirs
        </button>
      </div>
    </div>
  );
}
