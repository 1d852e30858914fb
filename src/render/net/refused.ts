// The error for downloads refused on principle: retrying the same URL would be refused again.
import { PermanentMediaError } from '../types.js';

/** Which rule refused a download; the message names the detail. */
export type RefusalReason = 'url' | 'address' | 'redirect' | 'status' | 'size' | 'timeout' | 'content';

export class DownloadRefusedError extends PermanentMediaError {
  override name = 'DownloadRefusedError';

  constructor(
    message: string,
    readonly reason: RefusalReason,
    /** The HTTP status, for 'status' refusals. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A failure worth retrying (HTTP 408/429/5xx): a plain Error carrying `status`, which is what
 * retry helpers look at. Network errors (ECONNRESET…) are passed through as Node raises them.
 */
export function retryableHttpError(status: number, url: string): Error & { status: number } {
  return Object.assign(new Error(`HTTP ${status} from ${url}`), { status });
}
