import type { Context, Viewer } from '../context.js';

/** For fields guarded by `authScopes: { user: true }`: the viewer is known to be there. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw new Error('viewerOf called without a signed-in viewer');
  return ctx.viewer;
}
