import { useState } from 'react';
import { ShareIcon } from '../app/icons';

/** Copies the reel's own link (`/reel/:id`), which opens the feed at this reel. */
export function ShareButton({ id, title }: { id: string; title: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const share = async () => {
    const url = `${location.origin}/reel/${encodeURIComponent(id)}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
      window.prompt('Copy this link', url);
    }
    setTimeout(() => setCopied(null), 2000);
  };
  return (
    <>
      <button type="button" className="control" onClick={share} aria-label={`Copy the link to “${title}”`}>
        <ShareIcon />
      </button>
      <span className="toast" role="status" aria-live="polite">
        {copied === 'yes' ? 'Link copied' : copied === 'failed' ? 'Could not copy the link' : ''}
      </span>
    </>
  );
}
