// Escaping for values placed inside an ffmpeg filter graph (see ffmpeg-filters "Notes on filtergraph escaping").

/**
 * Escapes a filter option value (e.g. a file path) twice: once for the option parser (`\ ' :`),
 * then for the graph parser (`\ ' [ ] , ;`), since each level strips one round of backslashes.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}
