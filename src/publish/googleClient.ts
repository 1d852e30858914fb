// The one place the Google OAuth client is configured (openid-client 6, discovered from
// GOOGLE_ISSUER). Sign-in (src/auth/google.ts) configures the same client; merge them here later.
import * as client from 'openid-client';
import { env } from '../config.js';

let configured: { key: string; config: Promise<client.Configuration> } | null = null;

export class GoogleNotConfiguredError extends Error {
  override name = 'GoogleNotConfiguredError';
  constructor() {
    super('connecting a YouTube channel is not configured on this server');
  }
}

export function googleConfigured(): boolean {
  return Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET);
}

/** Discovered once per process (per issuer and client); a failed discovery is retried next call. */
export function googleClientConfig(): Promise<client.Configuration> {
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET) return Promise.reject(new GoogleNotConfiguredError());
  const key = `${env.GOOGLE_ISSUER} ${env.GOOGLE_CLIENT_ID}`;
  if (configured?.key !== key) {
    const issuer = new URL(env.GOOGLE_ISSUER);
    const config = client.discovery(
      issuer,
      env.GOOGLE_CLIENT_ID,
      undefined,
      client.ClientSecretPost(env.GOOGLE_CLIENT_SECRET),
      // Plain http only for a local fake issuer (tests); Google itself is https.
      issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    configured = { key, config };
    config.catch(() => {
      if (configured?.config === config) configured = null;
    });
  }
  return configured.config;
}
