// One HTTP request to an untrusted URL's host, connected only to an address the address policy
// allows and pinned to it (DNS rebinding): shared by the guarded download and webhook deliveries.
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { forbiddenAddressReason } from './addressPolicy.js';
import { DownloadRefusedError } from './refused.js';

export interface VetOptions {
  /** Tests only: allow 127.0.0.0/8 and ::1. Private, link-local, metadata… stay refused. */
  allowLoopback?: boolean;
  /** Resolves a host name to IP addresses (default: the system resolver); injectable for tests. */
  lookup?: (host: string) => Promise<string[]>;
}

export interface PinnedRequest {
  method: 'GET' | 'POST';
  headers: OutgoingHttpHeaders;
  body?: string;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(target: URL): string {
  return target.hostname.replace(/^\[|\]$/g, '');
}

/** The address to connect to for `host`, after refusing the host if any of its addresses is forbidden. */
export async function vettedAddress(host: string, options: VetOptions, signal: AbortSignal): Promise<string> {
  const literal = isIP(host) !== 0;
  const addresses = literal ? [host] : await untilAborted((options.lookup ?? systemLookup)(host), signal);
  if (addresses.length === 0) throw Object.assign(new Error(`No address for ${host}`), { code: 'ENOTFOUND' });
  // All of them, not just the one used: a mixed answer is a rebinding attempt or a misconfiguration.
  for (const address of addresses) {
    const why = forbiddenAddressReason(address, { allowLoopback: options.allowLoopback });
    if (why !== null) throw new DownloadRefusedError(`refused: ${why}${literal ? '' : ` (resolved from ${host})`}`, 'address');
  }
  return addresses[0]!;
}

/**
 * Sends one request to `address` (vetted by the caller) and waits for the response headers. Host
 * and SNI stay the name from the URL; no pooled socket, no redirect followed.
 */
export function pinnedRequest(target: URL, address: string, request: PinnedRequest, signal: AbortSignal): Promise<IncomingMessage> {
  const family = isIP(address);
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = client.request({
      protocol: target.protocol,
      hostname: hostOf(target),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      method: request.method,
      agent: false, // no pooled socket: each request connects to the address vetted for it
      lookup: pinned,
      headers: request.headers,
    });
    const onAbort = () => req.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    // Kept for the request's lifetime: a late socket error must not become an uncaught exception
    // (the response stream reports it to the body reader).
    req.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(err);
    });
    req.once('response', (res) => {
      signal.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.end(request.body);
  });
}

async function systemLookup(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** DNS lookups cannot be cancelled; stop waiting for one when the request is aborted. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
