// uploadSceneAsset as a GraphQL multipart request (operations / map / file parts), sent with
// XMLHttpRequest because fetch reports no upload progress. The document goes by its persisted hash,
// as the urql client sends every other one, with the same CSRF header.
import { CSRF_HEADER } from '../../graphql/client';
import type { UploadSceneAssetMutation as UploadResult } from '../../graphql/gen/graphql';
import { UploadSceneAssetMutation } from './operations';

export type UploadAnswer = UploadResult['uploadSceneAsset'];

export interface UploadHandle {
  promise: Promise<UploadAnswer>;
  abort(): void;
}

export function uploadSceneFile(sceneId: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const hash = (UploadSceneAssetMutation as unknown as { __meta__?: { hash?: string } }).__meta__?.hash;
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadAnswer>((resolve, reject) => {
    if (!hash) throw new Error('a document without a persisted hash: run `npm run codegen`');
    const body = new FormData();
    body.append(
      'operations',
      JSON.stringify({
        operationName: 'UploadSceneAsset',
        variables: { sceneId, file: null },
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }),
    );
    body.append('map', JSON.stringify({ 0: ['variables.file'] }));
    body.append('0', file, file.name);
    xhr.open('POST', '/graphql');
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, 'reelforge-web');
    xhr.setRequestHeader('accept', 'application/graphql-response+json, application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: { data?: { uploadSceneAsset?: UploadAnswer }; errors?: { message: string }[] } | null = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      const answer = json?.data?.uploadSceneAsset;
      if (answer) resolve(answer);
      else reject(new Error(json?.errors?.[0]?.message ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: the connection dropped. Try again.'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}
