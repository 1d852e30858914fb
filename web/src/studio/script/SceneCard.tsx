import { type DragEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { useMutation } from 'urql';
import type { SceneFieldsFragment } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { formErrors } from '../../ui/typedErrors';
import { ConflictPanel } from './ConflictPanel';
import { RemoveSceneMutation } from './operations';
import { Pictures } from './Pictures';
import { useSceneUpload } from './Upload';
import { useSceneDraft } from './useSceneDraft';

/** The limits the API validates (src/resolvers/limits.ts). */
export const LIMITS = { narration: 2000, imageQuery: 300, aiImagePrompt: 1000 } as const;
export const SCENE_DRAG_TYPE = 'application/x-reelforge-scene';

function Counter({ length, max }: { length: number; max: number }) {
  const over = length - max;
  return (
    <span className={over > 0 ? 'counter counter-over' : 'counter'}>
      {length.toLocaleString()} / {max.toLocaleString()}
      {over > 0 ? ` (${over.toLocaleString()} over)` : ''}
    </span>
  );
}

export interface MoveState {
  pending?: boolean;
  error?: string | null;
  /** Moved by a button: its button takes the focus once the card is at `to`. */
  focus?: { via: 'up' | 'down'; to: number };
}

export function SceneCard({
  scene,
  index,
  count,
  move,
  onMove,
  onAddAfter,
  onDropScene,
  onDirtyChange,
}: {
  scene: SceneFieldsFragment;
  index: number;
  count: number;
  move: MoveState | undefined;
  onMove(id: string, to: number, via: 'up' | 'down' | 'drag'): void;
  onAddAfter(index: number): void;
  onDropScene(draggedId: string, to: number): void;
  onDirtyChange(id: string, dirty: boolean): void;
}) {
  const draft = useSceneDraft(scene);
  const upload = useSceneUpload(scene.id);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, removeScene] = useMutation(RemoveSceneMutation);
  const [dropTarget, setDropTarget] = useState(false);
  const n = index + 1;
  const { value, errors } = draft;

  useEffect(() => onDirtyChange(scene.id, draft.dirty), [draft.dirty, onDirtyChange, scene.id]);
  useEffect(() => () => onDirtyChange(scene.id, false), [onDirtyChange, scene.id]);
  // After React has moved the card (which drops the focus), put it back on the button pressed, or
  // on the other one when the card reached an end.
  const focus = move?.focus;
  useEffect(() => {
    if (!focus || focus.to !== index) return;
    const same = document.getElementById(`move-${focus.via}-${scene.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${focus.via === 'up' ? 'down' : 'up'}-${scene.id}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [focus, index, scene.id]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (draft.dirty) draft.save();
    }
  }

  async function remove() {
    setRemoveError(null);
    const result = await removeScene({ id: scene.id });
    const answer = result.data?.removeScene;
    if (answer?.__typename !== 'RemoveSceneSuccess') {
      setRemoveError(formErrors(answer, result.error).message);
      setConfirmRemove(false);
    }
  }

  const accepts = (e: DragEvent) => e.dataTransfer.types.includes('Files') || e.dataTransfer.types.includes(SCENE_DRAG_TYPE);
  function onDrop(e: DragEvent) {
    if (!accepts(e)) return;
    e.preventDefault();
    setDropTarget(false);
    const file = e.dataTransfer.files[0];
    if (file) {
      void upload.upload(file);
      return;
    }
    const dragged = e.dataTransfer.getData(SCENE_DRAG_TYPE);
    if (dragged && dragged !== scene.id) onDropScene(dragged, index);
  }

  const narrationError = errors.fields.narration;
  const otherError = errors.message && !errors.fields.narration && !errors.fields.imageQuery && !errors.fields.aiImagePrompt ? errors.message : null;

  return (
    <li
      className={`card scene-card${draft.dirty ? ' scene-dirty' : ''}${dropTarget ? ' scene-drop' : ''}`}
      aria-labelledby={`scene-title-${scene.id}`}
      data-scene-id={scene.id}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        setDropTarget(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropTarget(false);
      }}
      onDrop={onDrop}
    >
      <div className="scene-head">
        <span
          className="drag-handle"
          draggable
          title="Drag to reorder"
          aria-hidden="true"
          onDragStart={(e) => {
            e.dataTransfer.setData(SCENE_DRAG_TYPE, scene.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          ⠿
        </span>
        <h3 id={`scene-title-${scene.id}`}>Scene {n}</h3>
        {draft.dirty ? <span className="badge badge-warn">Unsaved</span> : null}
        {move?.pending ? (
          <span className="small muted" role="status">
            Moving…
          </span>
        ) : null}
        <div className="scene-tools">
          <button
            type="button"
            id={`move-up-${scene.id}`}
            className="btn btn-small"
            aria-label={`Move scene ${n} up`}
            disabled={index === 0 || move?.pending}
            onClick={() => onMove(scene.id, index - 1, 'up')}
          >
            ↑
          </button>
          <button
            type="button"
            id={`move-down-${scene.id}`}
            className="btn btn-small"
            aria-label={`Move scene ${n} down`}
            disabled={index === count - 1 || move?.pending}
            onClick={() => onMove(scene.id, index + 1, 'down')}
          >
            ↓
          </button>
          <button type="button" className="btn btn-small btn-danger" aria-label={`Remove scene ${n}`} onClick={() => setConfirmRemove(true)}>
            Remove
          </button>
        </div>
      </div>
      {move?.error ? (
        <p className="form-error" role="alert">
          Could not move this scene: {move.error}
        </p>
      ) : null}
      {confirmRemove ? (
        <div className="confirm" role="alertdialog" aria-label={`Remove scene ${n}?`}>
          <p>
            Remove scene {n}?{draft.dirty ? ' Its unsaved changes go with it.' : ''} This cannot be undone.
          </p>
          <div className="row">
            {/* biome-ignore lint/a11y/noAutofocus: the person just asked to remove; the choice takes the focus. */}
            <button type="button" className="btn btn-small btn-danger" onClick={remove} disabled={removing.fetching} autoFocus>
              {removing.fetching ? 'Removing…' : 'Remove scene'}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirmRemove(false)} disabled={removing.fetching}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {removeError ? (
        <p className="form-error" role="alert">
          Could not remove this scene: {removeError}
        </p>
      ) : null}
      <div className="scene-body">
        {/* biome-ignore lint/a11y/noStaticElementInteractions: Ctrl/Cmd+Enter from any field of the card saves it. */}
        <div className="scene-text stack" onKeyDown={onKeyDown}>
          <Field label="Narration" hint={<Counter length={value.narration.length} max={LIMITS.narration} />} error={narrationError}>
            {(p) => <textarea {...p} rows={4} value={value.narration} onChange={(e) => draft.change('narration', e.target.value)} />}
          </Field>
          <Field label="Image search words" hint="For finding a real photo: people, places, events." error={errors.fields.imageQuery}>
            {(p) => <input {...p} value={value.imageQuery} onChange={(e) => draft.change('imageQuery', e.target.value)} />}
          </Field>
          <Field label="AI image prompt" hint="Illustrated at render time when no picture is chosen or found." error={errors.fields.aiImagePrompt}>
            {(p) => <textarea {...p} rows={2} value={value.aiImagePrompt} onChange={(e) => draft.change('aiImagePrompt', e.target.value)} />}
          </Field>
          {draft.conflict ? (
            <ConflictPanel conflict={draft.conflict} yours={value} saving={draft.saving} onKeepMine={draft.keepMine} onTakeTheirs={draft.takeTheirs} />
          ) : null}
          {otherError ? (
            <p className="form-error" role="alert">
              {otherError}
            </p>
          ) : null}
          <div className="row">
            <button type="button" className="btn btn-small btn-primary" onClick={draft.save} disabled={!draft.dirty || draft.saving || !!draft.conflict}>
              {draft.saving ? 'Saving…' : 'Save'}
            </button>
            {draft.dirty && !draft.conflict ? (
              <button type="button" className="btn btn-small" onClick={draft.discard} disabled={draft.saving}>
                Discard changes
              </button>
            ) : null}
            <span className="small muted">{draft.dirty ? 'Ctrl+Enter saves' : `Saved · version ${scene.version}`}</span>
          </div>
        </div>
        <Pictures scene={scene} position={index} upload={upload} />
      </div>
      <button type="button" className="btn btn-small add-after" onClick={() => onAddAfter(index)}>
        + Add a scene after scene {n}
      </button>
    </li>
  );
}
