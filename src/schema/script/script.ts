import { NOBODY } from '../../context.js';
import type { Script } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { ScriptModeEnum, ScriptStatusEnum } from '../enums.js';
import type { Context } from '../../context.js';

const Source = builder.objectRef<{ title: string; url: string }>('Source').implement({
  description: 'A web page a grounded script was written from.',
  fields: (t) => ({ title: t.exposeString('title'), url: t.exposeString('url') }),
});

// Only owners reach a script today (reels show their own copy, RenderedScene); these fields stay the
// owner's should another path to scripts ever open.
const ownerOnly = {
  authScopes: (script: Script, _args: unknown, ctx: Context) => script.ownerId === ctx.viewer?.id,
  unauthorizedResolver: () => null,
  nullable: true,
} as const;

export const ScriptRef = builder.prismaNode('Script', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, ownerId: ctx.viewer?.id ?? NOBODY }),
  fields: (t) => ({
    title: t.exposeString('title'),
    status: t.expose('status', { type: ScriptStatusEnum }),
    mode: t.expose('mode', { type: ScriptModeEnum }),
    language: t.exposeString('language'),
    writerModel: t.exposeString('writerModel', { description: 'Which writer produced the scenes.' }),
    sources: t.field({
      type: [Source],
      resolve: (s) => (Array.isArray(s.sources) ? (s.sources as { title: string; url: string }[]) : []),
    }),
    style: t.exposeString('style', { nullable: true, description: 'The illustration style every AI image of this script shares.' }),
    failureReason: t.exposeString('failureReason', { ...ownerOnly, description: 'Owner only. Why generation FAILED: each writer tried and its reason.' }),
    approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    prompt: t.exposeString('prompt', { ...ownerOnly, description: 'Owner only.' }),
    project: t.relation('project', { ...ownerOnly, description: 'Owner only.' }),
    scenes: t.relatedConnection('scenes', {
      cursor: 'id',
      totalCount: true,
      description: 'In narration order.',
      query: { orderBy: [{ position: 'asc' }] },
    }),
    renders: t.relatedConnection('renders', {
      ...ownerOnly,
      cursor: 'id',
      totalCount: true,
      description: 'Owner only. Newest first.',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});
