// Where a browser goes after signing in: one of this app's own paths, never another site.

export const DEFAULT_RETURN_TO = '/';
const MAX_LENGTH = 2_000;

/** The path to send the browser to, or an error message saying why `returnTo` is refused. */
export function checkReturnTo(returnTo: string | null): { path: string } | { error: string } {
  if (returnTo === null || returnTo === '') return { path: DEFAULT_RETURN_TO };
  if (returnTo.length > MAX_LENGTH) return { error: `returnTo is longer than ${MAX_LENGTH} characters` };
  // Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.com" and "/\t/evil.com" would
  // leave the site: refuse them, and anything that is not a plain path starting with one "/".
  if ([...returnTo].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return { error: 'returnTo must not contain backslashes or control characters' };
  if (!returnTo.startsWith('/') || returnTo.startsWith('//'))
    return { error: 'returnTo must be a path of this app, starting with a single "/" (no scheme, no host)' };
  const base = new URL('http://app.invalid');
  const resolved = new URL(returnTo, base);
  if (resolved.origin !== base.origin) return { error: 'returnTo must stay on this app' };
  return { path: `${resolved.pathname}${resolved.search}${resolved.hash}` };
}
