// CSRF: a browser sends a form-encoded, multipart or text/plain POST cross-site without a CORS
// preflight, with its cookies. Such a POST must carry a header no plain form can set (Yoga's
// CSRF-prevention plugin, answered 403). JSON POSTs are always preflighted cross-site, so API clients
// are unaffected; GETs are left alone (they cannot run mutations, and the plugin would otherwise
// demand the header on every GET query).
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const CSRF_HEADER = 'graphql-require-preflight';

export function useCsrfPrevention(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse: (payload) => {
      if (payload.request.method !== 'POST') return;
      try {
        inner.onRequestParse!(payload);
      } catch {
        throw createGraphQLError(`a form-encoded, multipart or text/plain POST must send the ${CSRF_HEADER} header (any value)`, {
          extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } },
        });
      }
    },
  };
}
