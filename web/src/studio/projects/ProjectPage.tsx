import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { ConfirmDelete } from './ConfirmDelete';
import { DeleteProjectMutation, ProjectQuery } from './operations';
import { plural } from './ProjectsPage';
import { RenameForm } from './RenameForm';
import { ScriptRow } from './ScriptRow';
import { useRenameProject } from './useRenameProject';
import './projects.css';

const PAGE = 20;

/** One project: its title (editable), its scripts newest first, and the way to a new one. */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const [after, setAfter] = useState<string | null>(null);
  const [result, refetch] = useQuery({ query: ProjectQuery, variables: { id: projectId, first: PAGE, after } });
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const rename = useRenameProject(projectId);
  const project = result.data?.node?.__typename === 'Project' ? result.data.node : null;

  if (result.error && !result.data)
    return (
      <div className="page">
        <div className="card stack" role="alert">
          <p className="form-error">This project could not be loaded: {result.error.message.replace(/^\[\w+\] /, '')}</p>
          <div>
            <button type="button" className="btn" onClick={() => refetch({ requestPolicy: 'network-only' })}>
              Try again
            </button>
          </div>
        </div>
      </div>
    );
  if (!result.data)
    return (
      <p className="page-message muted" role="status">
        Loading the project…
      </p>
    );
  if (!project)
    return (
      <div className="page">
        <p className="page-message" role="alert">
          There is no such project (it may have been deleted). <Link to="/studio">Your projects</Link>
        </p>
      </div>
    );

  const scripts = project.scripts;
  return (
    <div className="page">
      <Link className="small" to="/studio">
        ← Your projects
      </Link>
      <header className="project-head">
        {mode === 'rename' ? (
          <RenameForm
            label="Project title"
            initial={project.title}
            saving={rename.fetching}
            error={rename.errors.fields.title ?? rename.errors.message}
            onCancel={() => setMode('view')}
            onSave={async (title) => {
              if (await rename.run(title)) setMode('view');
            }}
          />
        ) : (
          <div className="page-head">
            <div>
              <h2>{project.title}</h2>
              <p className="muted small project-meta">
                {project.language} · {plural(scripts.totalCount, 'script')} · renders {project.defaultPreset.toLowerCase()},{' '}
                {project.defaultSubtitleStyle.toLowerCase()} subtitles
              </p>
            </div>
            <div className="row">
              <Link className="btn btn-primary" to={`/studio/projects/${project.id}/new`}>
                New script
              </Link>
              <button type="button" className="btn btn-small" onClick={() => setMode('rename')}>
                Rename
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => setMode('delete')}>
                Delete project
              </button>
            </div>
          </div>
        )}
        {mode === 'delete' ? (
          <div className="card">
            <ConfirmDelete
              mutation={DeleteProjectMutation}
              id={project.id}
              question={`Delete “${project.title}”${scripts.totalCount ? ` and its ${plural(scripts.totalCount, 'script')}` : ''}, with every render? This cannot be undone.`}
              onCancel={() => setMode('view')}
              onDeleted={() => navigate('/studio')}
            />
          </div>
        ) : null}
      </header>

      <section aria-labelledby="scripts-title">
        <h3 id="scripts-title" className="visually-hidden">
          Scripts
        </h3>
        {scripts.edges.length === 0 ? (
          <div className="card stack projects-empty">
            <p>No scripts yet. Paste your own text or give the studio a topic, and it splits the script into scenes.</p>
            <div>
              <Link className="btn btn-primary" to={`/studio/projects/${project.id}/new`}>
                Write the first script
              </Link>
            </div>
          </div>
        ) : (
          <ul className="list" aria-label="Scripts">
            {scripts.edges.map(({ node }) => (
              <ScriptRow key={node.id} script={node} />
            ))}
          </ul>
        )}
        {scripts.pageInfo.hasNextPage ? (
          <div className="projects-more">
            <button type="button" className="btn" disabled={result.fetching} onClick={() => setAfter(scripts.pageInfo.endCursor ?? null)}>
              {result.fetching ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
