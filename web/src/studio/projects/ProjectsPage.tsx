import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ConfirmDelete } from './ConfirmDelete';
import { CreateProjectForm } from './CreateProjectForm';
import { DeleteProjectMutation, ProjectsQuery } from './operations';
import { RenameForm } from './RenameForm';
import { useRenameProject } from './useRenameProject';
import './projects.css';

const PAGE = 20;

type ProjectNode = {
  id: string;
  title: string;
  language: string;
  updatedAt: string;
  scripts: { totalCount: number; edges: { node: { id: string; title: string } }[] };
};

/** The studio's home: the viewer's projects, newest first, and a way to start one. */
export function ProjectsPage() {
  const [after, setAfter] = useState<string | null>(null);
  const [result, refetch] = useQuery({ query: ProjectsQuery, variables: { first: PAGE, after } });
  const projects = result.data?.projects;
  const edges = projects?.edges ?? [];
  // With projects to show, the form waits behind a button (it is the whole page when there are none).
  const [creating, setCreating] = useState(false);

  return (
    <div className="page">
      <div className="page-head">
        <h2>Your projects</h2>
        {projects?.totalCount ? (
          <div className="row">
            <span className="muted small">{plural(projects.totalCount, 'project')}</span>
            <button type="button" className="btn btn-primary" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
              New project
            </button>
          </div>
        ) : null}
      </div>
      {result.error && !projects ? (
        <div className="card stack" role="alert">
          <p className="form-error">Your projects could not be loaded: {result.error.message.replace(/^\[\w+\] /, '')}</p>
          <div>
            <button type="button" className="btn" onClick={() => refetch({ requestPolicy: 'network-only' })}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {!projects && !result.error ? (
        <p className="page-message muted" role="status">
          Loading your projects…
        </p>
      ) : null}
      {projects && edges.length === 0 ? <EmptyState /> : null}
      {projects && edges.length > 0 ? (
        <>
          {creating ? (
            <section aria-labelledby="new-project" className="card projects-new">
              <h3 id="new-project">New project</h3>
              <CreateProjectForm />
            </section>
          ) : null}
          <ul className="list projects-grid" aria-label="Projects">
            {edges.map(({ node }) => (
              <ProjectCard key={node.id} project={node} />
            ))}
          </ul>
          {projects.pageInfo.hasNextPage ? (
            <div className="projects-more">
              <button type="button" className="btn" disabled={result.fetching} onClick={() => setAfter(projects.pageInfo.endCursor ?? null)}>
                {result.fetching ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A first visit: what a project is, and one click to the first one. */
function EmptyState() {
  return (
    <section className="card stack projects-empty" aria-labelledby="empty-title">
      <h3 id="empty-title">Make your first reel</h3>
      <p className="muted">A project holds your scripts — write one yourself or let the studio draft it from a topic — and the reels you render from them.</p>
      <CreateProjectForm quickStart />
    </section>
  );
}

function ProjectCard({ project }: { project: ProjectNode }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const rename = useRenameProject(project.id);
  const count = project.scripts.totalCount;
  const latest = project.scripts.edges.map((e) => e.node.title);
  return (
    <li className="card project-card">
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
        <>
          <h3 className="project-title">
            <Link to={`/studio/projects/${project.id}`}>{project.title}</Link>
          </h3>
          <p className="muted small project-meta">
            <span lang="en">{project.language}</span> · {plural(count, 'script')}
          </p>
          {latest.length > 0 ? (
            <p className="small project-latest" title={latest.join(', ')}>
              {latest.join(' · ')}
            </p>
          ) : (
            <p className="small muted project-latest">No scripts yet</p>
          )}
        </>
      )}
      {mode === 'view' ? (
        <div className="row project-actions">
          <button type="button" className="btn btn-small" onClick={() => setMode('rename')} aria-label={`Rename ${project.title}`}>
            Rename
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => setMode('delete')} aria-label={`Delete ${project.title}`}>
            Delete
          </button>
        </div>
      ) : null}
      {mode === 'delete' ? (
        <ConfirmDelete
          mutation={DeleteProjectMutation}
          id={project.id}
          question={`Delete “${project.title}”${count ? ` and its ${plural(count, 'script')}` : ''}? This cannot be undone.`}
          onCancel={() => setMode('view')}
        />
      ) : null}
    </li>
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
