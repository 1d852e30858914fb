import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { formErrors } from '../ui/typedErrors';
import { ConfirmButton } from './ConfirmButton';
import { formatDate } from '../ui/dates';
import { ConnectYouTubeMutation, DisconnectYouTubeMutation, YouTubeChannelsQuery } from './operations';
import { QueryStatus } from './QueryStatus';

interface Failure {
  __typename: string;
  message?: string;
  failures?: { provider: string; reason: string }[];
}

/** The API's words, and what the server's operator has to do when Google is not set up. */
function failureText(value: Failure | undefined, requestError?: { message: string } | null): string {
  const raw = formErrors(value, requestError).message ?? 'Something went wrong';
  const message = raw.charAt(0).toUpperCase() + raw.slice(1);
  if (value?.failures?.some((f) => f.provider === 'google' && f.reason === 'not configured'))
    return `${message}. The server needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET: a Google OAuth client (web application) with the YouTube Data API enabled and ${location.origin}/auth/youtube/callback as a redirect URI.`;
  return message;
}

/** /account/youtube: the channels reels can be published to; connect one through Google, or disconnect. */
export function YouTubePage() {
  const [params, setParams] = useSearchParams();
  const [result, refetch] = useQuery({ query: YouTubeChannelsQuery, requestPolicy: 'cache-and-network' });
  const [connecting, connect] = useMutation(ConnectYouTubeMutation);
  const [connectError, setConnectError] = useState<string | null>(null);
  // Set while the browser leaves for Google, so the button does not come back meanwhile.
  const [leaving, setLeaving] = useState(false);
  const channels = result.data?.viewer?.youtubeChannels.edges.map((e) => e.node) ?? null;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const justConnected = params.get('youtube') === 'connected' ? params.get('channel') : null;
  const connectedTitle = justConnected ? channels?.find((c) => c.id === justConnected)?.title : null;

  const onConnect = async () => {
    setConnectError(null);
    const r = await connect({ returnTo: '/account/youtube' });
    const value = r.data?.connectYouTube;
    // Google asks for consent, then its callback brings the browser back here with ?youtube=connected.
    if (value?.__typename === 'ConnectYouTubeSuccess') {
      setLeaving(true);
      location.assign(value.data.url);
    } else setConnectError(failureText(value, r.error));
  };

  return (
    <div className="stack">
      <div className="section-head">
        <div>
          <h3>YouTube channels</h3>
          <p className="small muted">Reels are published to these channels as Shorts.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={onConnect} disabled={connecting.fetching || leaving}>
          {connecting.fetching || leaving ? 'Opening Google…' : 'Connect a channel'}
        </button>
      </div>
      {connectError ? (
        <p className="form-error card" role="alert">
          {connectError}
        </p>
      ) : null}
      {justConnected ? (
        <div className="card notice row between" role="status">
          <span>{connectedTitle ? `“${connectedTitle}” is connected.` : 'Your channel is connected.'}</span>
          <button type="button" className="btn btn-small" onClick={() => setParams({}, { replace: true })}>
            Dismiss
          </button>
        </div>
      ) : null}
      {channels === null ? (
        <QueryStatus fetching={result.fetching} error={result.error} what="Your channels" retry={reload} />
      ) : channels.length === 0 ? (
        <div className="card empty">
          <p>No channel is connected yet.</p>
          <p className="small muted">Connect one to publish your reels to YouTube; you choose the channel at Google.</p>
        </div>
      ) : (
        <ul className="list" aria-label="Connected channels">
          {channels.map((c) => (
            <ChannelItem key={c.id} channel={c} onGone={reload} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ChannelItem({
  channel,
  onGone,
}: {
  channel: { id: string; channelId: string; title: string; thumbnailUrl?: string | null; sandbox: boolean; connectedAt: string };
  onGone: () => void;
}) {
  const [state, disconnect] = useMutation(DisconnectYouTubeMutation);
  const [error, setError] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  const onDisconnect = async () => {
    setError(null);
    const r = await disconnect({ channelId: channel.id });
    const value = r.data?.disconnectYouTube;
    if (value?.__typename === 'DisconnectYouTubeSuccess') onGone();
    else setError(failureText(value, r.error));
  };
  return (
    <li className="item" aria-label={channel.title}>
      {channel.thumbnailUrl && !broken ? (
        <img className="channel-thumb" src={channel.thumbnailUrl} alt="" width={48} height={48} onError={() => setBroken(true)} />
      ) : (
        <span className="channel-thumb profile-initial" aria-hidden="true">
          {channel.title.slice(0, 1).toUpperCase()}
        </span>
      )}
      <div className="grow">
        <span className="item-title">
          <strong>{channel.title}</strong>
          {channel.sandbox ? <span className="badge badge-warn">Sandbox</span> : <span className="badge badge-ok">Connected</span>}
        </span>
        <p className="small muted">
          {channel.sandbox ? 'Uploads stay in the built-in YouTube sandbox, not on YouTube' : channel.channelId} · connected {formatDate(channel.connectedAt)}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <ConfirmButton
        label="Disconnect"
        confirmLabel="Disconnect"
        question={`Disconnect “${channel.title}”? Its published videos stay on YouTube.`}
        pending={state.fetching}
        pendingLabel="Disconnecting…"
        onConfirm={onDisconnect}
      />
    </li>
  );
}
