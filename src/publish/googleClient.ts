// The Google OAuth client for connecting YouTube: the app's one client (src/googleClient.ts).
import type * as client from 'openid-client';
import { discoverGoogle, googleConfigured } from '../googleClient.js';

export { googleConfigured };

export class GoogleNotConfiguredError extends Error {
  override name = 'GoogleNotConfiguredError';
  constructor() {
    super('connecting a YouTube channel is not configured on this server');
  }
}

export function googleClientConfig(): Promise<client.Configuration> {
  if (!googleConfigured()) return Promise.reject(new GoogleNotConfiguredError());
  return discoverGoogle();
}
