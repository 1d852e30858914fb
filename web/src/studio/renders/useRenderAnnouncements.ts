import { useEffect, useState } from 'react';
import { parseStage } from './format';

interface LiveEvent {
  kind: string;
  stageName?: string | null;
  status: string;
}

/** What to say for an event, or null: status changes, scenes done, failures; not every tick. */
function sentenceOf(e: LiveEvent): string | null {
  if (e.kind === 'RENDER_STATUS') return `Render ${e.status.toLowerCase()}.`;
  if (!e.stageName) return null;
  const { kind, scene, label } = parseStage(e.stageName);
  if (e.kind === 'STAGE_FAILED' && e.status === 'FAILED') return `${label}${scene === null ? '' : ` of scene ${scene + 1}`} failed.`;
  if (e.kind === 'STAGE_FINISHED' && kind === 'segment' && scene !== null) return `Scene ${scene + 1} is ready.`;
  if (e.kind === 'STAGE_FINISHED' && kind === 'stitch') return 'The scenes are stitched together.';
  return null;
}

/** The sentence for a polite live region, changed only by events worth announcing. */
export function useRenderAnnouncements(event: LiveEvent | null): string {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const sentence = event ? sentenceOf(event) : null;
    if (sentence) setSaid(sentence);
  }, [event]);
  return said;
}
