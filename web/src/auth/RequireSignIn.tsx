import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useViewer } from './useViewer';

/** Pages for a signed-in person: anyone else goes to the sign-in screen and comes back here after. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { viewer, fetching, error } = useViewer();
  const location = useLocation();
  if (fetching)
    return (
      <p className="page-message" aria-live="polite">
        Loading…
      </p>
    );
  if (error && !viewer)
    return (
      <p className="page-message" role="alert">
        The API could not be reached: {error.message}
      </p>
    );
  if (!viewer) {
    const returnTo = location.pathname + location.search;
    return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  return children;
}
