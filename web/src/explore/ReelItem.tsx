import { useEffect, useRef, useState } from 'react';
import type { ReelViewFragment } from '../graphql/gen/graphql';
import { MutedIcon, PauseIcon, PlayIcon, SoundIcon } from '../app/icons';
import { ShareButton } from './ShareButton';

export type ReelRole = 'current' | 'next' | 'previous' | 'far';

interface Props {
  reel: ReelViewFragment;
  index: number;
  /** The feed's length when known, or -1 while more pages may follow (aria-setsize). */
  setSize: number;
  role: ReelRole;
  muted: boolean;
  paused: boolean;
  onTogglePlay(): void;
  onToggleMute(): void;
}

/** One reel filling the screen: poster first, the video only while it is current or a neighbour. */
export function ReelItem({ reel, index, setSize, role, muted, paused, onTogglePlay, onToggleMute }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [progress, setProgress] = useState(0);
  const [blocked, setBlocked] = useState(false);
  const current = role === 'current';
  const hasVideo = role !== 'far' && reel.video;
  const titleId = `reel-title-${index}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: hasVideo mounts the element this drives
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    el.muted = muted;
    if (current && !paused) {
      el.play().then(
        () => setBlocked(false),
        // Autoplay refused (e.g. unmuted without a gesture): show the play control instead.
        () => setBlocked(true),
      );
    } else {
      el.pause();
      if (!current) el.currentTime = 0;
    }
  }, [current, paused, muted, hasVideo]);

  const showPaused = current && (paused || blocked);

  return (
    <article className="reel" data-index={index} aria-posinset={index + 1} aria-setsize={setSize} aria-labelledby={titleId}>
      <div className="frame">
        {hasVideo ? (
          <video
            ref={video}
            className="video"
            src={reel.video!.url}
            poster={reel.thumbnail?.url}
            muted={muted}
            playsInline
            loop
            preload={role === 'previous' ? 'none' : 'auto'}
            onTimeUpdate={(e) => {
              const v = e.currentTarget;
              if (v.duration) setProgress(v.currentTime / v.duration);
            }}
            onClick={onTogglePlay}
            aria-label={`Video: ${reel.title}`}
          />
        ) : (
          <img className="video" src={reel.thumbnail?.url} alt="" loading="lazy" />
        )}
        <div className="controls">
          <button type="button" className="control" onClick={onTogglePlay} aria-label={showPaused ? 'Play' : 'Pause'} disabled={!current}>
            {showPaused ? <PlayIcon /> : <PauseIcon />}
          </button>
          <button type="button" className="control" onClick={onToggleMute} aria-label={muted ? 'Unmute' : 'Mute'} aria-pressed={!muted}>
            {muted ? <MutedIcon /> : <SoundIcon />}
          </button>
          <ShareButton id={reel.id} title={reel.title} />
        </div>
        {showPaused ? (
          <button type="button" className="big-play" onClick={onTogglePlay} aria-label="Play" tabIndex={-1}>
            <PlayIcon />
          </button>
        ) : null}
        <div className="caption">
          <h2 id={titleId} className="title" lang={reel.language}>
            {reel.title}
          </h2>
          <details className="scenes">
            <summary>Scenes ({reel.scenes.edges.length})</summary>
            <ol lang={reel.language}>
              {reel.scenes.edges.map(({ node }) => (
                <li key={node.position}>{node.narration}</li>
              ))}
            </ol>
          </details>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label="Playback progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round((current ? progress : 0) * 100)}
        >
          <div className="progress-fill" style={{ transform: `scaleX(${current ? progress : 0})` }} />
        </div>
      </div>
    </article>
  );
}
