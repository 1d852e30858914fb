import { useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { NewScriptFromText } from './NewScriptFromText';
import { NewScriptFromTopic } from './NewScriptFromTopic';
import { GeneratingScriptQuery, NewScriptProjectQuery } from './operations';
import { ScriptProgress } from './ScriptProgress';
import './projects.css';

type Way = 'text' | 'topic';

/** A new script in a project: from the person's own text, or written from a topic (live). */
export function NewScriptPage() {
  const { projectId = '' } = useParams();
  const [result] = useQuery({ query: NewScriptProjectQuery, variables: { id: projectId } });
  const project = result.data?.node?.__typename === 'Project' ? result.data.node : null;
  const [way, setWay] = useState<Way>('text');
  const [generating, setGenerating] = useState<string | null>(null);
  const tabsId = useId();

  if (result.data && !project)
    return (
      <div className="page">
        <p className="page-message" role="alert">
          There is no such project (it may have been deleted). <Link to="/studio">Your projects</Link>
        </p>
      </div>
    );

  const tab = (value: Way, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${tabsId}-${value}`}
      aria-selected={way === value}
      aria-controls={`${tabsId}-${value}-panel`}
      tabIndex={way === value ? 0 : -1}
      className="tab"
      onClick={() => setWay(value)}
      onKeyDown={(e) => {
        // Arrow keys move between the two tabs, as a tab list does.
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const next = value === 'text' ? 'topic' : 'text';
          setWay(next);
          document.getElementById(`${tabsId}-${next}`)?.focus();
        }
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="page new-script">
      {project ? (
        <Link className="small" to={`/studio/projects/${project.id}`}>
          ← {project.title}
        </Link>
      ) : null}
      <div className="page-head">
        <h2>New script</h2>
      </div>
      {generating ? (
        <Generating scriptId={generating} />
      ) : (
        <>
          <div className="tabs new-script-tabs" role="tablist" aria-label="How to start">
            {tab('text', 'From my text')}
            {tab('topic', 'From a topic')}
          </div>
          {/* Both stay mounted so what was typed in one survives a look at the other. */}
          <div role="tabpanel" id={`${tabsId}-text-panel`} aria-labelledby={`${tabsId}-text`} hidden={way !== 'text'}>
            <NewScriptFromText projectId={projectId} projectLanguage={project?.language ?? null} />
          </div>
          <div role="tabpanel" id={`${tabsId}-topic-panel`} aria-labelledby={`${tabsId}-topic`} hidden={way !== 'topic'}>
            <NewScriptFromTopic projectId={projectId} projectLanguage={project?.language ?? null} onStarted={setGenerating} />
          </div>
        </>
      )}
    </div>
  );
}

/**
 * The live writing of a script from a topic, then on to its scenes once it is written. A script
 * grounded on web pages stays here with them listed, for the person to look at before editing.
 */
function Generating({ scriptId }: { scriptId: string }) {
  const navigate = useNavigate();
  // The progress events update this script (status, sources) in the cache.
  const [result] = useQuery({ query: GeneratingScriptQuery, variables: { id: scriptId } });
  const script = result.data?.node?.__typename === 'Script' ? result.data.node : null;
  const written = script?.status === 'DRAFT' || script?.status === 'APPROVED';
  const grounded = (script?.sources.length ?? 0) > 0;
  useEffect(() => {
    if (written && !grounded) navigate(`/studio/scripts/${scriptId}`, { replace: true });
  }, [written, grounded, scriptId, navigate]);
  return (
    <div className="stack">
      <ScriptProgress scriptId={scriptId} />
      {written ? (
        <div>
          <Link className="btn btn-primary" to={`/studio/scripts/${scriptId}`} autoFocus>
            Open the script
          </Link>
        </div>
      ) : script?.status === 'FAILED' ? null : (
        <p className="muted small">
          It keeps going if you leave: find it later in the project, or <Link to={`/studio/scripts/${scriptId}`}>open the script now</Link>.
        </p>
      )}
    </div>
  );
}
