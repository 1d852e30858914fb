import { useQuery } from 'urql';
import { DeleteAccount } from './DeleteAccount';
import { formatAgo, formatDate, formatDay } from '../ui/dates';
import { AccountProfileQuery } from './operations';
import { QueryStatus } from './QueryStatus';
import { SessionsList } from './SessionsList';

/** /account: who you are, how you sign in, where you are signed in, and deleting it all. */
export function ProfilePage() {
  const [result, refetch] = useQuery({ query: AccountProfileQuery, requestPolicy: 'cache-and-network' });
  const viewer = result.data?.viewer;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (!viewer) return <QueryStatus fetching={result.fetching} error={result.error} what="Your profile" retry={reload} />;
  return (
    <div className="stack account-sections">
      <section className="card profile" aria-labelledby="profile-title">
        {viewer.avatarUrl ? (
          <img className="profile-avatar" src={viewer.avatarUrl} alt="" width={64} height={64} />
        ) : (
          <span className="profile-avatar profile-initial" aria-hidden="true">
            {viewer.name.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div>
          <h3 id="profile-title">{viewer.name}</h3>
          <p className="muted break">{viewer.email}</p>
          <p className="small muted">Member since {formatDay(viewer.createdAt)}</p>
        </div>
      </section>

      <section className="card stack" aria-labelledby="identities-title">
        <h3 id="identities-title">Sign-in methods</h3>
        {viewer.identities.length === 0 ? (
          <p className="muted">No Google account is linked: this account signs in with the demo link only.</p>
        ) : (
          <ul className="list">
            {viewer.identities.map((i) => (
              <li key={`${i.provider}:${i.subject}`} className="item">
                <div>
                  <span className="item-title">
                    <strong className="capitalize">{i.provider}</strong>
                    <span className="break">{i.email}</span>
                  </span>
                  <p className="small muted">
                    Linked {formatDate(i.createdAt)} · last used {formatAgo(i.lastUsedAt)}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <SessionsList sessions={viewer.sessions.edges.map((e) => e.node)} onChanged={reload} />

      <DeleteAccount email={viewer.email} />
    </div>
  );
}
