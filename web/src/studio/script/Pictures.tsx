import { type FormEvent, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SceneFieldsFragment } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { SceneAssetsQuery, SearchSceneImagesMutation, SelectSceneAssetMutation } from './operations';
import { AiImage } from './AiImage';
import { ACCEPT, type useSceneUpload, UploadProgress } from './Upload';

interface AssetLike {
  id: string;
  kind: string;
  url: string;
  provider: string;
  metadata: unknown;
  width?: number | null;
  height?: number | null;
}

function meta(asset: AssetLike): Record<string, unknown> {
  return asset.metadata && typeof asset.metadata === 'object' ? (asset.metadata as Record<string, unknown>) : {};
}

function titleOf(asset: AssetLike): string {
  const m = meta(asset);
  return (typeof m.title === 'string' && m.title) || (typeof m.fileName === 'string' && m.fileName) || (typeof m.prompt === 'string' && m.prompt) || 'Untitled';
}

function sourceOf(asset: AssetLike): string {
  const m = meta(asset);
  if (asset.provider === 'upload') return 'Your upload';
  // Generated pictures record their model (the render's and generateSceneImage's alike).
  if (typeof m.model === 'string') return `AI · ${m.model}`;
  if (typeof m.sourcePage === 'string') {
    try {
      return `${new URL(m.sourcePage).hostname} · ${asset.provider}`;
    } catch {
      // not a URL: fall through to the provider
    }
  }
  return asset.provider;
}

function scoreOf(asset: AssetLike): string | null {
  const score = meta(asset).score;
  return typeof score === 'number' ? score.toFixed(1) : null;
}

export function Thumb({ asset, alt }: { asset: AssetLike; alt: string }) {
  if (asset.kind === 'VIDEO') return <video src={asset.url} muted playsInline preload="metadata" aria-label={alt} />;
  return <img src={asset.url} alt={alt} loading="lazy" />;
}

/** The scene's picture, finding pictures on the web, its candidates to choose from, and uploads. */
export function Pictures({ scene, position, upload }: { scene: SceneFieldsFragment; position: number; upload: ReturnType<typeof useSceneUpload> }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [searchErrors, setSearchErrors] = useState<FormErrors>(noErrors);
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const [selectError, setSelectError] = useState<string | null>(null);
  const [search, runSearch] = useMutation(SearchSceneImagesMutation);
  const [select, runSelect] = useMutation(SelectSceneAssetMutation);
  const [assets, refetchAssets] = useQuery({
    query: SceneAssetsQuery,
    variables: { id: scene.id },
    pause: !open,
    requestPolicy: 'cache-and-network',
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const panelId = useId();
  const node = assets.data?.node?.__typename === 'Scene' ? assets.data.node : null;
  const candidates = node?.assets.edges.map((e) => e.node) ?? [];
  const selected = scene.selectedAsset;

  async function onSearch(e: FormEvent) {
    e.preventDefault();
    setSearchErrors(noErrors);
    setSearchNote(null);
    const result = await runSearch({ sceneId: scene.id, query: query.trim() || null });
    const answer = result.data?.searchSceneImages;
    if (answer?.__typename === 'SearchSceneImagesSuccess') {
      const n = answer.data.candidates.length;
      setSearchNote(n === 0 ? 'Nothing suitable found. Try other words, or upload a picture.' : `${n} found (${answer.data.provider}).`);
      // The new candidates join the scene's assets list.
      setOpen(true);
      refetchAssets({ requestPolicy: 'network-only' });
      return;
    }
    const errs = formErrors(answer, result.error);
    if (answer?.__typename === 'ProviderFailedError') errs.message = answer.message;
    setSearchErrors(errs);
  }

  async function onSelect(assetId: string | null) {
    setSelectError(null);
    const result = await runSelect({ sceneId: scene.id, assetId });
    const answer = result.data?.selectSceneAsset;
    if (answer?.__typename !== 'SelectSceneAssetSuccess') setSelectError(formErrors(answer, result.error).message);
  }

  const label = `scene ${position + 1}`;
  return (
    <section className="pictures" aria-label={`Picture of ${label}`}>
      <div className="pictures-current">
        {selected ? (
          <Thumb asset={selected} alt={`Picture of ${label}: ${titleOf(selected)}`} />
        ) : (
          <div className="pictures-empty small muted">No picture yet</div>
        )}
      </div>
      <div className="pictures-actions">
        <form className="pictures-search" onSubmit={onSearch}>
          <Field
            label="Find pictures of"
            hint={scene.imageQuery ? `Left empty: “${scene.imageQuery}”` : 'Words to search the web for'}
            error={searchErrors.fields.query}
          >
            {(p) => <input {...p} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={scene.imageQuery ?? ''} />}
          </Field>
          <button type="submit" className="btn btn-small" disabled={search.fetching}>
            {search.fetching ? 'Searching…' : 'Find pictures'}
          </button>
        </form>
        {search.fetching ? (
          <p className="small muted" role="status">
            Searching and downloading the best few…
          </p>
        ) : null}
        {searchErrors.message && !searchErrors.fields.query ? (
          <p className="form-error" role="alert">
            {searchErrors.message}
          </p>
        ) : null}
        {searchNote ? (
          <p className="small muted" role="status">
            {searchNote}
          </p>
        ) : null}
        <AiImage
          scene={scene}
          label={label}
          onMade={() => {
            setOpen(true);
            refetchAssets({ requestPolicy: 'network-only' });
          }}
        />
        <div className="row">
          <button type="button" className="btn btn-small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide pictures' : 'Choose a picture'}
          </button>
          <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()} disabled={upload.state?.status === 'sending'}>
            Upload image or clip
          </button>
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-label={`Upload an image or clip for ${label}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload.upload(file);
            }}
          />
          {selected ? (
            <button type="button" className="btn btn-small" onClick={() => onSelect(null)} disabled={select.fetching}>
              Clear picture
            </button>
          ) : null}
        </div>
        <p className="small muted">Or drop an image or clip on the scene.</p>
        {selected ? null : (
          <p className="small muted">Without one, the render searches with the image search words, then illustrates the AI prompt, else draws a plain card.</p>
        )}
        {upload.state ? <UploadProgress state={upload.state} onCancel={upload.cancel} /> : null}
        {selectError ? (
          <p className="form-error" role="alert">
            {selectError}
          </p>
        ) : null}
      </div>
      {open ? (
        <div id={panelId} className="pictures-panel">
          {assets.fetching && !node ? <p className="small muted">Loading pictures…</p> : null}
          {assets.error ? (
            <p className="form-error" role="alert">
              {formErrors(null, assets.error).message}
            </p>
          ) : null}
          {node && candidates.length === 0 ? <p className="small muted">No pictures yet: find some or upload one.</p> : null}
          {candidates.length > 0 ? (
            <ul className="picture-grid" aria-label={`Pictures for ${label}`}>
              {candidates.map((asset) => {
                const isSelected = selected?.id === asset.id;
                const score = scoreOf(asset);
                return (
                  <li key={asset.id} className={isSelected ? 'picture picture-selected' : 'picture'}>
                    <button
                      type="button"
                      aria-pressed={isSelected}
                      disabled={select.fetching}
                      onClick={() => (isSelected ? undefined : onSelect(asset.id))}
                      aria-label={`${isSelected ? 'Selected' : 'Use'}: ${titleOf(asset)}`}
                    >
                      <Thumb asset={asset} alt="" />
                    </button>
                    <div className="picture-info small">
                      <span className="picture-title">{titleOf(asset)}</span>
                      <span className="muted">{sourceOf(asset)}</span>
                      {score ? <span className="muted">Score {score}</span> : null}
                      {isSelected ? <span className="badge badge-ok">Selected</span> : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
