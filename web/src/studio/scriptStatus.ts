import type { ScriptStatus } from '../graphql/gen/graphql';

/** A script status's badge, the same in a project's list and on the script's own page. */
export const scriptStatusClass: Record<ScriptStatus, string> = {
  DRAFT: 'badge',
  GENERATING: 'badge badge-warn',
  APPROVED: 'badge badge-ok',
  FAILED: 'badge badge-danger',
};
