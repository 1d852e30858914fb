import { accountDeletionByToken, deleteAccount } from '../../resolvers/account.js';
import { builder } from '../builder.js';
import { viewerOf } from '../viewer.js';

const Status = builder.enumType('AccountDeletionStatus', { values: ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const });

const RemovedRef = builder.objectRef<{ rows?: Record<string, number>; objects?: number }>('AccountDeletionRemoved').implement({
  fields: (t) => ({
    rows: t.int({
      description: 'Database rows removed (users, projects, scripts, scenes, assets, renders, keys, sessions, identities).',
      resolve: (r) => Object.values(r.rows ?? {}).reduce((a, b) => a + b, 0),
    }),
    objects: t.int({ description: 'Stored files removed.', resolve: (r) => r.objects ?? 0 }),
  }),
});

const AccountDeletionRef = builder.prismaObject('AccountDeletion', {
  description: 'A deleteAccount request. Readable with its status token after the account is gone.',
  fields: (t) => ({
    status: t.field({ type: Status, resolve: (d) => d.status }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    error: t.exposeString('error', { nullable: true }),
    removed: t.field({ type: RemovedRef, resolve: (d) => d.removed as never }),
  }),
});

const DeletingAccount = builder.objectRef<{ statusToken: string; deletion: unknown }>('DeletingAccount').implement({
  fields: (t) => ({
    statusToken: t.exposeString('statusToken', { description: 'Read the deletion’s status with accountDeletion(statusToken:). Shown this once.' }),
    deletion: t.field({ type: AccountDeletionRef, resolve: (p) => p.deletion as never }),
  }),
});

builder.mutationField('deleteAccount', (t) =>
  t.field({
    type: DeletingAccount,
    authScopes: { user: true },
    errors: {},
    description:
      'Deletes your account and everything it owns (projects, scripts, renders, stored files, keys, sessions). Every key and session stops at once; a job removes the rest. Follow it with accountDeletion(statusToken:).',
    resolve: (_root, _args, ctx) => deleteAccount(viewerOf(ctx), ctx),
  }),
);

builder.queryField('accountDeletion', (t) =>
  t.prismaField({
    type: 'AccountDeletion',
    nullable: true,
    description: 'A deletion’s status, by the token deleteAccount returned (no key needed: the account is gone). Null for an unknown token.',
    args: { statusToken: t.arg.string() },
    resolve: (query, _root, args) => (args.statusToken.length > 100 ? null : accountDeletionByToken(args.statusToken, query)),
  }),
);
