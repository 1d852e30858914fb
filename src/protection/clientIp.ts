import type { IncomingMessage } from 'node:http';
import { env } from '../config.js';

/** What the address is read from: a request, or what a graphql-ws socket keeps of its upgrade request. */
export type PeerRequest = Pick<IncomingMessage, 'headers'> & { socket?: { remoteAddress?: string } };

/** The caller's address: the socket's, or X-Forwarded-For's first hop behind a trusted proxy. */
export function clientIp(req: PeerRequest | undefined): string {
  if (!req) return 'local';
  if (env.TRUST_PROXY) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
