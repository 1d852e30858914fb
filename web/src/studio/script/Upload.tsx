import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { SceneAssetsQuery, SceneLatestQuery } from './operations';
import { uploadSceneFile } from './upload';

export const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic,video/mp4,video/quicktime,video/webm';

export interface UploadState {
  name: string;
  /** 0–1 */
  progress: number;
  status: 'sending' | 'done' | 'failed';
  error?: string;
}

/** One upload at a time per scene: its progress, its typed error, and the cache refreshed after. */
export function useSceneUpload(sceneId: string) {
  const client = useClient();
  const [state, setState] = useState<UploadState | null>(null);
  const abortRef = useRef<(() => void) | null>(null);
  useEffect(() => () => abortRef.current?.(), []);

  const upload = useCallback(
    async (file: File) => {
      if (abortRef.current) return;
      setState({ name: file.name, progress: 0, status: 'sending' });
      const handle = uploadSceneFile(sceneId, file, (progress) => setState((s) => s && { ...s, progress }));
      abortRef.current = handle.abort;
      try {
        const answer = await handle.promise;
        if (answer.__typename === 'UploadSceneAssetSuccess') {
          // The upload became the scene's picture and one of its assets: read both again.
          await Promise.all([
            client.query(SceneLatestQuery, { id: sceneId }, { requestPolicy: 'network-only' }).toPromise(),
            client.query(SceneAssetsQuery, { id: sceneId }, { requestPolicy: 'network-only' }).toPromise(),
          ]);
          setState({ name: file.name, progress: 1, status: 'done' });
        } else {
          const fieldMessage = 'fields' in answer ? answer.fields.map((f) => f.message).join('; ') : '';
          setState({ name: file.name, progress: 0, status: 'failed', error: [answer.message, fieldMessage].filter(Boolean).join(': ') });
        }
      } catch (e) {
        const cancelled = e instanceof DOMException && e.name === 'AbortError';
        setState(cancelled ? null : { name: file.name, progress: 0, status: 'failed', error: (e as Error).message });
      } finally {
        abortRef.current = null;
      }
    },
    [client, sceneId],
  );

  return { state, upload, cancel: () => abortRef.current?.(), clear: () => setState(null) };
}

export function UploadProgress({ state, onCancel }: { state: UploadState; onCancel(): void }) {
  const pct = Math.round(state.progress * 100);
  if (state.status === 'failed')
    return (
      <p className="form-error" role="alert">
        Could not upload {state.name}: {state.error}
      </p>
    );
  return (
    <div className="upload-progress">
      <label className="small">
        <span>
          {state.status === 'done' ? 'Uploaded' : 'Uploading'} {state.name}: {pct} %
        </span>
        <progress max={100} value={pct} aria-valuenow={pct} aria-valuetext={`${pct} %`} />
      </label>
      {state.status === 'sending' ? (
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel upload
        </button>
      ) : null}
    </div>
  );
}
