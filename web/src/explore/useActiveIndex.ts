import { type RefObject, useEffect, useState } from 'react';

/**
 * The index of the reel that fills most of the feed's viewport: the one that plays. Sections carry
 * `data-index`; an IntersectionObserver rooted on the feed picks the one at least 60 % visible.
 */
export function useActiveIndex(feed: RefObject<HTMLElement | null>, count: number, initial = 0): number {
  const [active, setActive] = useState(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page adds sections to observe
  useEffect(() => {
    const root = feed.current;
    if (!root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting && entry.intersectionRatio >= 0.6) setActive(Number((entry.target as HTMLElement).dataset.index));
        }
      },
      { root, threshold: [0.6] },
    );
    for (const section of root.querySelectorAll<HTMLElement>('[data-index]')) observer.observe(section);
    return () => observer.disconnect();
  }, [feed, count]);
  return active;
}
