import { NavLink, Outlet } from 'react-router';
import { useMutation } from 'urql';
import { SignOutMutation } from '../auth/operations';
import { useViewer } from '../auth/useViewer';
import '../ui/ui.css';
import './studio.css';

/** The signed-in frame: the studio and account pages under one bar with the person and sign-out. */
export function StudioLayout() {
  const { viewer } = useViewer();
  const [signOut, runSignOut] = useMutation(SignOutMutation);
  const onSignOut = async () => {
    const result = await runSignOut({});
    if (result.error) return;
    // A full load: nothing cached for this person, and no socket opened with their cookie, outlives them.
    location.assign('/');
  };
  return (
    <div className="studio">
      <header className="studio-bar">
        <NavLink to="/" className="brand" end>
          reelforge
        </NavLink>
        <nav aria-label="Studio">
          <NavLink to="/studio">Studio</NavLink>
          <NavLink to="/account">Account</NavLink>
        </nav>
        <div className="studio-viewer">
          {viewer?.avatarUrl ? <img src={viewer.avatarUrl} alt="" width={28} height={28} /> : null}
          <span className="studio-viewer-name">{viewer?.name}</span>
          <button type="button" className="btn btn-small" onClick={onSignOut} disabled={signOut.fetching}>
            Sign out
          </button>
        </div>
      </header>
      {signOut.error ? (
        <p className="form-error page-message" role="alert">
          Signing out failed: {signOut.error.message}
        </p>
      ) : null}
      <Outlet />
    </div>
  );
}
