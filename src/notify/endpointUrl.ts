// Which URLs may receive webhooks: the project's SSRF policy (src/render/net), at creation and again
// on every delivery (DNS answers change).
import { env } from '../config.js';
import { DownloadRefusedError } from '../render/net/refused.js';
import { hostOf, type VetOptions, vettedAddress } from '../render/net/pinnedRequest.js';
import { checkUrl } from '../render/net/urlPolicy.js';

export const MAX_URL_LENGTH = 2_000;
const RESOLVE_TIMEOUT_MS = 5_000;

/** The parsed URL and the vetted address to connect to; throws DownloadRefusedError (or a DNS error) otherwise. */
export async function vetWebhookUrl(url: string, signal?: AbortSignal, lookup?: VetOptions['lookup']): Promise<{ target: URL; address: string }> {
  if (url.length > MAX_URL_LENGTH) throw new DownloadRefusedError(`refused: the URL has ${url.length} characters; at most ${MAX_URL_LENGTH}`, 'url');
  const target = checkUrl(url);
  const address = await vettedAddress(
    hostOf(target),
    { allowLoopback: env.DOWNLOAD_ALLOW_LOOPBACK, lookup },
    signal ?? AbortSignal.timeout(RESOLVE_TIMEOUT_MS),
  );
  return { target, address };
}

/** Why `url` may not receive webhooks (e.g. "169.254.169.254 is a cloud metadata address"), or null when it may. */
export async function webhookUrlProblem(url: string): Promise<string | null> {
  try {
    await vetWebhookUrl(url);
    return null;
  } catch (err) {
    return describeUrlError(err, url);
  }
}

export function describeUrlError(err: unknown, url: string): string {
  if (err instanceof DownloadRefusedError) return err.message.replace(/^refused: /, '');
  const code = (err as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    let host = url;
    try {
      host = new URL(url).hostname;
    } catch {}
    return `${host} does not resolve to an address`;
  }
  if ((err as Error).name === 'TimeoutError') return 'its host name could not be resolved in time';
  return (err as Error).message ?? String(err);
}
