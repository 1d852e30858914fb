import { NotFoundError, ProviderFailedError, QuotaExceededError, SignInError, ValidationError, VersionConflictError } from '../errors.js';
import { builder } from './builder.js';
import { encodeId } from './globalId.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'An expected failure of a mutation, returned as data rather than as a top-level error.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'Nothing with this id exists that you may see (another user’s object answers the same).',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    id: t.id({ resolve: (e) => e.globalId }),
    typename: t.exposeString('typename'),
  }),
});

const FieldIssueRef = builder.objectRef<{ path: string[]; message: string }>('FieldIssue').implement({
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Path of the input field, e.g. ["input", "narration"].' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; each issue names the field that was wrong. Nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fields: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  description: 'Someone saved a newer version first. Reload, re-apply the edit and send the current version.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    id: t.id({ resolve: (e) => encodeId(e.typename, e.id) }),
    expectedVersion: t.exposeInt('expectedVersion'),
    currentVersion: t.exposeInt('currentVersion'),
  }),
});

export const ProviderFailureRef = builder.objectRef<{ provider: string; reason: string }>('ProviderFailure').implement({
  fields: (t) => ({ provider: t.exposeString('provider'), reason: t.exposeString('reason') }),
});

builder.objectType(ProviderFailedError, {
  name: 'ProviderFailedError',
  description: 'Every external service that could do this failed (outage, rate limit, refused key). Nothing was written; try again later.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    failures: t.field({ type: [ProviderFailureRef], resolve: (e) => e.failures }),
  }),
});

builder.objectType(QuotaExceededError, {
  name: 'QuotaExceededError',
  description: 'A per-user quota is used up (renders or generations in flight, stored upload bytes). Nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    quota: t.exposeString('quota'),
    limit: t.exposeFloat('limit'),
    used: t.exposeFloat('used'),
  }),
});

builder.objectType(SignInError, {
  name: 'SignInError',
  description: 'The sign-in was refused (a bad, expired or foreign ID token; no verified email; sign-in not configured). Nothing was written.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});
