/** Longest video YouTube treats as a Short. */
export const SHORTS_MAX_MS = 180_000;

/**
 * Why a video cannot go up as a Short, or null. YouTube decides Shorts by length (≤ 180 s) and shape
 * (vertical or square), not by a flag, so anything else would become a regular video.
 */
export function shortsProblem(video: { durationMs: number | null; width: number | null; height: number | null }): string | null {
  if (video.durationMs == null || video.width == null || video.height == null) return 'its video has no recorded length or size (render it again)';
  if (video.durationMs > SHORTS_MAX_MS) return `it is ${(video.durationMs / 1000).toFixed(1)} s long; a YouTube Short is at most ${SHORTS_MAX_MS / 1000} s`;
  if (video.width > video.height) return `it is ${video.width}×${video.height} (landscape); a YouTube Short is vertical or square`;
  return null;
}
