// Text of provider errors: keys scrubbed, bodies cut short, the network code found under causes.
// One copy for every provider (script writers, image search and generation, voice).

/** Longest detail a provider's error message carries into ours. */
export const MAX_DETAIL = 300;

/** Removes every secret (API keys) from text that may have echoed one: URLs, error bodies. */
export function redact(text: string, secrets: string | undefined | readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of typeof secrets === 'string' || secrets === undefined ? [secrets] : secrets) {
    if (secret) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** One line of at most MAX_DETAIL characters. */
export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat;
}

/** The system error code (ECONNREFUSED…) of a failed request, looked for down its causes. */
export function networkCode(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c && typeof c === 'object' && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
