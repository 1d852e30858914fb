import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useMutation } from 'urql';
import type { SceneFieldsFragment } from '../../graphql/gen/graphql';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { SceneLatestQuery, UpdateSceneMutation } from './operations';

export type SceneText = { narration: string; imageQuery: string; aiImagePrompt: string };
export const TEXT_FIELDS = ['narration', 'imageQuery', 'aiImagePrompt'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export function textOf(scene: Pick<SceneFieldsFragment, TextField>): SceneText {
  return { narration: scene.narration, imageQuery: scene.imageQuery ?? '', aiImagePrompt: scene.aiImagePrompt ?? '' };
}

/** What someone else saved, when our save was refused for a stale version. */
export interface Conflict {
  theirs: SceneText;
  version: number;
}

interface Edit {
  draft: SceneText;
  /** The text and version the user started editing from. */
  base: SceneText;
  baseVersion: number;
}

function changedFields(edit: Edit): TextField[] {
  return TEXT_FIELDS.filter((k) => edit.draft[k] !== edit.base[k]);
}

/**
 * One scene's editing state: the user's draft (kept until it is saved, whatever the server says),
 * the version it was made from, saving, and a version conflict with what the other writer saved.
 */
export function useSceneDraft(scene: SceneFieldsFragment) {
  const client = useClient();
  const [edit, setEdit] = useState<Edit | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [, updateScene] = useMutation(UpdateSceneMutation);
  const server = textOf(scene);
  const value = edit?.draft ?? server;
  const dirty = edit !== null && changedFields(edit).length > 0;
  const editRef = useRef(edit);
  editRef.current = edit;

  const change = useCallback(
    (field: TextField, text: string) => {
      setEdit((e) => {
        const start = e ?? { draft: textOf(scene), base: textOf(scene), baseVersion: scene.version };
        return { ...start, draft: { ...start.draft, [field]: text } };
      });
      setErrors((old) => (old.fields[field] ? { ...old, fields: { ...old.fields, [field]: '' } } : old));
    },
    [scene],
  );

  /** Sends the changed fields as an edit of `version`; a conflict fetches theirs to show beside ours. */
  const saveAt = useCallback(
    async (version: number): Promise<void> => {
      const current = editRef.current;
      if (!current) return;
      const fields = changedFields(current);
      if (fields.length === 0) {
        setEdit(null);
        return;
      }
      const input: Record<string, unknown> = { id: scene.id, version };
      for (const f of fields) input[f] = f === 'narration' ? current.draft[f] : current.draft[f] || null;
      setSaving(true);
      setErrors(noErrors);
      try {
        const result = await updateScene({ input: input as { id: string; version: number } });
        const answer = result.data?.updateScene;
        if (answer?.__typename === 'UpdateSceneSuccess') {
          // Typing during the save keeps its own draft.
          setEdit((e) => (!e || e.draft === current.draft ? null : { ...e, base: textOf(answer.data), baseVersion: answer.data.version }));
          setConflict(null);
          return;
        }
        if (answer?.__typename === 'VersionConflictError') {
          const latest = await client.query(SceneLatestQuery, { id: scene.id }, { requestPolicy: 'network-only' }).toPromise();
          const node = latest.data?.node;
          if (node?.__typename !== 'Scene') {
            setErrors(formErrors(null, latest.error ?? { message: 'This scene was removed elsewhere.' }));
            return;
          }
          const theirs = textOf(node);
          // Only the version moved (a picture was chosen): nothing of ours to reconcile, save again.
          if (fields.every((f) => theirs[f] === current.base[f]) && version !== node.version) return await saveAt(node.version);
          setConflict({ theirs, version: node.version });
          return;
        }
        setErrors(formErrors(answer, result.error));
      } finally {
        setSaving(false);
      }
    },
    [client, scene.id, updateScene],
  );

  const save = useCallback(() => {
    const current = editRef.current;
    if (current && !saving) void saveAt(conflict ? conflict.version : current.baseVersion);
  }, [conflict, saveAt, saving]);

  /** Keep mine: our draft goes over the version they saved. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    const version = conflict.version;
    setEdit((e) => e && { ...e, base: conflict.theirs, baseVersion: version });
    // The base moved to theirs: every field of ours that differs from theirs is sent.
    editRef.current = editRef.current && { ...editRef.current, base: conflict.theirs, baseVersion: version };
    void saveAt(version);
  }, [conflict, saveAt]);

  /** Take theirs: drop the draft; the cache already holds their version. */
  const takeTheirs = useCallback(() => {
    setEdit(null);
    setConflict(null);
    setErrors(noErrors);
  }, []);

  const discard = takeTheirs;

  // A scene removed elsewhere or re-fetched keeps the draft; nothing to do on scene changes but
  // drop a stale conflict once the draft is gone.
  useEffect(() => {
    if (!edit) setConflict(null);
  }, [edit]);

  return { value, dirty, saving, errors, conflict, change, save, keepMine, takeTheirs, discard, setErrors };
}
