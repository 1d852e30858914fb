import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import type { SceneFieldsFragment } from '../../graphql/gen/graphql';
import { formErrors } from '../../ui/typedErrors';
import { AddSceneForm } from './AddSceneForm';
import { MoveSceneMutation } from './operations';
import { type MoveState, SceneCard } from './SceneCard';

const MAX_SCENES = 30;

/** The script's scenes in order: edit each, reorder (buttons or drag and drop), add and remove. */
export function SceneList({
  scriptId,
  scenes,
  onDirtyChange,
}: {
  scriptId: string;
  scenes: SceneFieldsFragment[];
  onDirtyChange(id: string, dirty: boolean): void;
}) {
  const [moves, setMoves] = useState<Record<string, MoveState>>({});
  const [announcement, setAnnouncement] = useState('');
  /** Where the add form is open: after that index, or 'end'. */
  const [adding, setAdding] = useState<number | 'end' | null>(null);
  const [, moveScene] = useMutation(MoveSceneMutation);

  const onMove = useCallback(
    async (id: string, to: number, via: 'up' | 'down' | 'drag') => {
      setMoves((m) => ({ ...m, [id]: { pending: true } }));
      const result = await moveScene({ id, position: to });
      const answer = result.data?.moveScene;
      if (answer?.__typename === 'MoveSceneSuccess') {
        setMoves((m) => ({ ...m, [id]: {} }));
        setAnnouncement(`Scene moved to position ${to + 1} of ${answer.data.script.scenes.totalCount}.`);
        // Keep the keyboard where it was: on the moved card's button (SceneCard focuses it there).
        if (via !== 'drag') setMoves((m) => ({ ...m, [id]: { focus: { via, to } } }));
      } else setMoves((m) => ({ ...m, [id]: { error: formErrors(answer, result.error).message } }));
    },
    [moveScene],
  );

  const onDropScene = useCallback(
    (draggedId: string, to: number) => {
      if (scenes.some((s) => s.id === draggedId)) void onMove(draggedId, to, 'drag');
    },
    [onMove, scenes],
  );

  const full = scenes.length >= MAX_SCENES;
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {scenes.length === 0 ? <p className="muted">This script has no scenes yet. Add the first one.</p> : null}
      <ol className="scene-list">
        {scenes.map((scene, index) => (
          <SceneItem
            key={scene.id}
            scene={scene}
            index={index}
            count={scenes.length}
            move={moves[scene.id]}
            onMove={onMove}
            onDropScene={onDropScene}
            onDirtyChange={onDirtyChange}
            onAddAfter={(i) => setAdding(i)}
            addForm={
              adding === index ? (
                <AddSceneForm scriptId={scriptId} position={index + 1} label={`New scene after scene ${index + 1}`} onDone={() => setAdding(null)} />
              ) : null
            }
          />
        ))}
      </ol>
      {adding === 'end' ? (
        <AddSceneForm scriptId={scriptId} label="New scene at the end" onDone={() => setAdding(null)} />
      ) : (
        <button type="button" className="btn" onClick={() => setAdding('end')} disabled={full}>
          + Add a scene at the end
        </button>
      )}
      {full ? <p className="small muted">A script holds at most {MAX_SCENES} scenes.</p> : null}
    </>
  );
}

function SceneItem({ addForm, ...props }: Parameters<typeof SceneCard>[0] & { addForm: React.ReactNode }) {
  return (
    <>
      <SceneCard {...props} />
      {addForm ? <li className="scene-add-slot">{addForm}</li> : null}
    </>
  );
}
