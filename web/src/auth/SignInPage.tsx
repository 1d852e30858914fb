import { Link, Navigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { SignInMethodsQuery } from './operations';
import { useViewer } from './useViewer';
import './auth.css';

/** Only same-site paths come back from the query string (the API checks returnTo again). */
function safeReturnTo(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/studio';
}

/** The sign-in screen: the methods this server offers, as links to the API's browser routes. */
export function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const { viewer } = useViewer();
  const [methods] = useQuery({ query: SignInMethodsQuery });
  const error = params.get('error');
  if (viewer) return <Navigate to={returnTo} replace />;
  const m = methods.data?.signInMethods;
  const withReturn = (url: string) => `${url}?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <div className="sign-in">
      <div className="sign-in-card">
        <Link to="/" className="brand">
          reelforge
        </Link>
        <h2>Sign in to the studio</h2>
        <p className="muted">Write a script, pick pictures, and watch your reel render live.</p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {methods.fetching && !m ? <p aria-live="polite">Loading…</p> : null}
        {methods.error && !m ? (
          <p className="form-error" role="alert">
            The sign-in methods could not be loaded: {methods.error.message}
          </p>
        ) : null}
        {m ? (
          <div className="sign-in-methods">
            {m.googleUrl ? (
              <a className="btn btn-google" href={withReturn(m.googleUrl)}>
                Continue with Google
              </a>
            ) : null}
            {m.demoUrl ? (
              <a className="btn btn-primary" href={withReturn(m.demoUrl)}>
                Try the demo account
              </a>
            ) : null}
            {!m.googleUrl && !m.demoUrl ? <p>No sign-in method is configured on this server (GOOGLE_CLIENT_ID or DEMO_SIGN_IN).</p> : null}
            {m.demoUrl ? <p className="muted small">The demo account is shared by everyone who uses this server.</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
