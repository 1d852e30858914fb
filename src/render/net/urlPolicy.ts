// Which URLs a download may fetch, before any address is looked at.
import { DownloadRefusedError } from './refused.js';

// Ports below 1024 other than 80/443 belong to other protocols (SMTP, SSH, LDAP…): an HTTP request
// there is cross-protocol abuse, never a picture. Higher ports are common for CDNs and test servers.
const MIN_UNPRIVILEGED_PORT = 1024;
const WEB_PORTS = new Set([80, 443]);

/** Parses `url` and refuses anything but plain http(s) without credentials, on 80, 443 or ≥ 1024. */
export function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadRefusedError(`refused: not a valid URL: ${JSON.stringify(url.slice(0, 200))}`, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DownloadRefusedError(`refused: scheme ${parsed.protocol} is not http or https`, 'url');
  }
  if (parsed.username || parsed.password) {
    throw new DownloadRefusedError('refused: URL carries credentials', 'url');
  }
  // URL drops default ports, so an empty port is 80/443.
  const port = parsed.port === '' ? null : Number(parsed.port);
  if (port !== null && port < MIN_UNPRIVILEGED_PORT && !WEB_PORTS.has(port)) {
    throw new DownloadRefusedError(`refused: port ${port} is not allowed`, 'url');
  }
  return parsed;
}
