// CSRF: a browser sends a form-encoded, multipart or text/plain POST cross-site without a CORS
// preflight, with its cookies. Such a POST must carry a header no plain form can set (Yoga's
// CSRF-prevention plugin, answered 403). JSON POSTs are always preflighted cross-site, so API clients
// are unaffected; GETs are left alone (they cannot run mutations, and the plugin would otherwise
// demand the header on every GET query). A request signed in with the session cookie is held to
// more: the header on every request (JSON, GET and SSE too), and an Origin, when sent, that may use
// the cookie (src/protection/origins.ts).
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { readCookie, sessionCookieName } from '../auth/cookies.js';
import { cookieOriginAllowed } from './origins.js';

export const CSRF_HEADER = 'graphql-require-preflight';

/** Whether the session cookie is what identifies this caller (an Authorization header wins over it). */
export function usesSessionCookie(headers: { authorization?: string | null; cookie?: string | null }): boolean {
  return !headers.authorization && Boolean(readCookie(headers.cookie, sessionCookieName()));
}

const forbidden = (message: string, code: string) => createGraphQLError(message, { extensions: { code, http: { status: 403 } } });

export function useCsrfPrevention(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse: (payload) => {
      const { headers, method } = payload.request;
      if (usesSessionCookie({ authorization: headers.get('authorization'), cookie: headers.get('cookie') })) {
        if (!headers.has(CSRF_HEADER)) {
          throw forbidden(`a request signed in with the session cookie must send the ${CSRF_HEADER} header (any value)`, 'CSRF_HEADER_REQUIRED');
        }
        const origin = headers.get('origin');
        if (origin !== null && !cookieOriginAllowed(origin)) {
          throw forbidden(`the session cookie cannot be used from ${origin.slice(0, 200)} (not this app, nor one of CORS_ORIGINS)`, 'ORIGIN_NOT_ALLOWED');
        }
        return;
      }
      if (method !== 'POST') return;
      try {
        inner.onRequestParse!(payload);
      } catch {
        throw forbidden(`a form-encoded, multipart or text/plain POST must send the ${CSRF_HEADER} header (any value)`, 'CSRF_HEADER_REQUIRED');
      }
    },
  };
}
