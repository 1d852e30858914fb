// The one Google OAuth client of the app (openid-client 6, discovered from GOOGLE_ISSUER), shared by
// sign-in (src/auth/google.ts) and connecting YouTube (src/publish/googleClient.ts).
import * as client from 'openid-client';
import { env } from './config.js';

let configured: { key: string; config: Promise<client.Configuration> } | null = null;

export function googleConfigured(): boolean {
  return Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET);
}

/**
 * Discovered once per process (per issuer and client id); a failed discovery is tried again at the
 * next call. Callers check googleConfigured() first and say in their own words what is missing.
 */
export function discoverGoogle(): Promise<client.Configuration> {
  const key = `${env.GOOGLE_ISSUER} ${env.GOOGLE_CLIENT_ID}`;
  if (configured?.key !== key) {
    const issuer = new URL(env.GOOGLE_ISSUER);
    const config = client.discovery(
      issuer,
      env.GOOGLE_CLIENT_ID!,
      undefined,
      client.ClientSecretPost(env.GOOGLE_CLIENT_SECRET!),
      // Plain http only for a local fake issuer (config.ts refuses any other); Google itself is https.
      issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    configured = { key, config };
    config.catch(() => {
      if (configured?.config === config) configured = null;
    });
  }
  return configured.config;
}

/** Forgets the discovered configuration (tests that restart their fake Google). */
export function forgetGoogle(): void {
  configured = null;
}
