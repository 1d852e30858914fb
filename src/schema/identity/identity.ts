import { builder } from '../builder.js';

builder.prismaObject('Identity', {
  description: 'A way you sign in: a subject at an OpenID Connect provider.',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: 'e.g. "google".' }),
    subject: t.exposeString('subject', { description: 'The provider’s stable id for you (Google’s `sub`).' }),
    email: t.exposeString('email'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime' }),
  }),
});
