import type { CombinedError } from 'urql';

/** What a list shows before its first answer, or when the API could not be asked. */
export function QueryStatus({ fetching, error, what, retry }: { fetching: boolean; error?: CombinedError; what: string; retry: () => void }) {
  if (error)
    return (
      <div className="card row" role="alert">
        <span className="form-error">
          {what} could not be loaded: {error.message.replace(/^\[(GraphQL|Network)\] /, '')}
        </span>
        <button type="button" className="btn btn-small" onClick={retry}>
          Try again
        </button>
      </div>
    );
  if (fetching)
    return (
      <p className="muted" aria-live="polite">
        Loading {what.toLowerCase()}…
      </p>
    );
  return null;
}
