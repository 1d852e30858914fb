import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useQuery } from 'urql';
import { scriptStatusClass } from '../scriptStatus';
import { ScriptHeaderQuery } from './operations';

/** A script's title, status and tabs (scenes, renders), above each of its pages. */
export function ScriptHeader({ scriptId, actions }: { scriptId: string; actions?: ReactNode }) {
  const [result] = useQuery({ query: ScriptHeaderQuery, variables: { id: scriptId } });
  const script = result.data?.node?.__typename === 'Script' ? result.data.node : null;
  if (result.data && !script)
    return (
      <p className="page-message" role="alert">
        There is no such script (it may have been deleted). <Link to="/studio">Your projects</Link>
      </p>
    );
  return (
    <header className="script-head">
      {script?.project ? (
        <Link className="small" to={`/studio/projects/${script.project.id}`}>
          ← {script.project.title}
        </Link>
      ) : null}
      <div className="page-head">
        <h2>{script?.title ?? '…'}</h2>
        <div className="row">
          {script ? <span className={scriptStatusClass[script.status]}>{script.status}</span> : null}
          {actions}
        </div>
      </div>
      <nav className="tabs" aria-label="Script">
        <NavLink to={`/studio/scripts/${scriptId}`} end>
          Scenes
        </NavLink>
        <NavLink to={`/studio/scripts/${scriptId}/renders`}>Renders</NavLink>
      </nav>
    </header>
  );
}
