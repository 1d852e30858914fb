import { z } from 'zod';
import { LIMITS } from '../../resolvers/limits.js';
import { approveScript, createScriptFromText, deleteScript, updateScriptTitle } from '../../resolvers/scripts.js';
import { builder } from '../builder.js';
import { ScriptModeEnum } from '../enums.js';
import { encodeId } from '../globalId.js';
import { ProjectRef } from '../project/project.js';
import { viewerOf } from '../viewer.js';
import { checkPauses } from '../scene/narration.js';
import { ScriptRef } from './script.js';

const CreateScriptInput = builder.inputType('CreateScriptInput', {
  description:
    'A script from your own text (at most 20,000 characters), split into scenes of whole sentences in its language: ' +
    'about one scene per 25 words, 4–10 for a text of ordinary length, more scenes of about 700 characters for a longer one ' +
    '(at most 30), one scene per sentence when it has fewer than four. A sentence over 700 characters is cut at word boundaries.',
  fields: (t) => ({
    projectId: t.globalID({ for: ProjectRef }),
    text: t.string({
      description: 'Pause marks (`[pause 0.5s]`, 0.1–5 s) are kept in the narration and spoken as pauses.',
      validate: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(LIMITS.scriptText, `must be at most ${LIMITS.scriptText} characters`)
        .superRefine(checkPauses),
    }),
    title: t.string({ required: false, validate: z.string().trim().max(LIMITS.title).optional().nullable() }),
    mode: t.field({ type: ScriptModeEnum, required: false }),
    language: t.string({
      required: false,
      validate: z
        .string()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag')
        .max(LIMITS.language)
        .optional()
        .nullable(),
    }),
  }),
});

builder.mutationField('createScript', (t) =>
  t.prismaField({
    type: 'Script',
    authScopes: { user: true },
    errors: {},
    args: { input: t.arg({ type: CreateScriptInput }) },
    resolve: (query, _root, { input }, ctx) => createScriptFromText(viewerOf(ctx), { ...input, projectId: input.projectId.id }, query),
  }),
);

builder.mutationField('renameScript', (t) =>
  t.prismaField({
    type: 'Script',
    authScopes: { user: true },
    errors: {},
    args: {
      id: t.arg.globalID({ for: ScriptRef }),
      title: t.arg.string({ validate: z.string().trim().min(1, 'must not be empty').max(LIMITS.title) }),
    },
    resolve: (query, _root, args, ctx) => updateScriptTitle(viewerOf(ctx), args.id.id, args.title.trim(), query),
  }),
);

builder.mutationField('approveScript', (t) =>
  t.prismaField({
    type: 'Script',
    authScopes: { user: true },
    errors: {},
    description: 'Marks the script ready to render. Any later scene edit returns it to DRAFT.',
    args: { id: t.arg.globalID({ for: ScriptRef }) },
    resolve: (query, _root, args, ctx) => approveScript(viewerOf(ctx), args.id.id, query),
  }),
);

const DeletedScript = builder.objectRef<{ id: string }>('DeletedScript').implement({
  fields: (t) => ({ deletedId: t.id({ resolve: (p) => encodeId('Script', p.id) }) }),
});

builder.mutationField('deleteScript', (t) =>
  t.field({
    type: DeletedScript,
    authScopes: { user: true },
    errors: {},
    args: { id: t.arg.globalID({ for: ScriptRef }) },
    resolve: async (_root, args, ctx) => ({ id: await deleteScript(viewerOf(ctx), args.id.id) }),
  }),
);
