// Security headers on every API response. GraphiQL (an HTML page with inline scripts) gets a policy
// that allows its own inline code; everything else may load nothing.
import type { Plugin } from 'graphql-yoga';
import { env } from '../config.js';

const COMMON: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-site',
};

export function securityHeaders(contentType: string | null): Record<string, string> {
  const html = contentType?.startsWith('text/html') ?? false;
  return {
    ...COMMON,
    'Content-Security-Policy': html
      ? // The inline GraphiQL bundle: inline scripts and styles, editor workers from blob: URLs.
        "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'"
      : "default-src 'none'; frame-ancestors 'none'",
    ...(env.NODE_ENV === 'production' ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function useSecurityHeaders(): Plugin {
  return {
    onResponse: ({ response }) => {
      for (const [name, value] of Object.entries(securityHeaders(response.headers.get('content-type')))) {
        if (!response.headers.has(name)) response.headers.set(name, value);
      }
    },
  };
}
