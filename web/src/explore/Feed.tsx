import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { ReelViewFragment } from '../graphql/gen/graphql';
import { ExploreFeedQuery } from './operations';
import { ReelItem } from './ReelItem';
import { useActiveIndex } from './useActiveIndex';

const PAGE = 5;
/** Load the next page when the viewer is this many reels from the end. */
const AHEAD = 2;

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The public feed: one reel per screen, exactly one playing, pages fetched as the viewer nears the end. */
export function Feed({ startAt }: { startAt?: string }) {
  const [after, setAfter] = useState<string | null>(null);
  const [result] = useQuery({ query: ExploreFeedQuery, variables: { first: PAGE, after, startAt: startAt ?? null } });
  const feed = useRef<HTMLDivElement>(null);
  const connection = result.data?.reels;
  const reels: ReelViewFragment[] = connection?.edges.map((e) => e.node) ?? [];
  const active = useActiveIndex(feed, reels.length);
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(false);

  // A new reel in view plays from the start, whatever the previous one was doing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the current reel changes
  useEffect(() => setPaused(false), [active]);

  useEffect(() => {
    if (!connection?.pageInfo.hasNextPage || result.fetching) return;
    if (active >= reels.length - 1 - AHEAD && connection.pageInfo.endCursor) setAfter(connection.pageInfo.endCursor);
  }, [active, reels.length, connection, result.fetching]);

  const go = useCallback((index: number) => {
    const target = feed.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    target?.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.key === 'ArrowDown' || e.key === 'PageDown') {
        e.preventDefault();
        go(Math.min(active + 1, reels.length - 1));
      } else if (e.key === 'ArrowUp' || e.key === 'PageUp') {
        e.preventDefault();
        go(Math.max(active - 1, 0));
      } else if (e.key === ' ' && !target.closest('button, summary, a')) {
        e.preventDefault();
        setPaused((p) => !p);
      } else if (e.key === 'm' || e.key === 'M') {
        setMuted((m) => !m);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, reels.length, go]);

  // Into the studio from every state of the feed, an empty one most of all.
  const studio = (
    <Link to="/studio" className="feed-studio-link">
      Make a reel
    </Link>
  );
  if (result.error && reels.length === 0) {
    return (
      <div className="feed-message" role="alert">
        {studio}
        The feed could not be loaded.{' '}
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>
      </div>
    );
  }
  if (!result.data && result.fetching)
    return (
      <div className="feed-message" aria-live="polite">
        {studio}
        Loading reels…
      </div>
    );
  if (reels.length === 0) {
    return (
      <div className="feed-message">
        {studio}
        {startAt ? 'This reel is not in the feed (it may have been unpublished).' : 'No reels have been published yet.'}
        {startAt ? <a href="/">See the latest reels</a> : null}
      </div>
    );
  }

  return (
    <>
      {studio}
      <div className="feed" ref={feed} role="feed" aria-busy={result.fetching} aria-label="Reels">
        {reels.map((reel, index) => (
          <ReelItem
            key={reel.id}
            reel={reel}
            index={index}
            setSize={connection?.pageInfo.hasNextPage ? -1 : reels.length}
            // Only the current reel and its neighbours hold a video element; only the next one preloads.
            role={index === active ? 'current' : index === active + 1 ? 'next' : index === active - 1 ? 'previous' : 'far'}
            muted={muted}
            paused={paused}
            onTogglePlay={() => setPaused((p) => !p)}
            onToggleMute={() => setMuted((m) => !m)}
          />
        ))}
      </div>
    </>
  );
}
