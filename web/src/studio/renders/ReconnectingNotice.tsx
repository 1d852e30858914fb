import { useSocketStatus } from '../../graphql/useSocketStatus';

/** Shown while the live-updates socket is down; the view catches up by itself once it is back. */
export function ReconnectingNotice() {
  const status = useSocketStatus();
  if (status !== 'reconnecting') return null;
  return (
    <p className="reconnecting small" role="status">
      <span className="reconnecting-dot" aria-hidden="true" />
      Reconnecting… live updates resume by themselves.
    </p>
  );
}
