import { QuotaExceededError } from '../../errors.js';
import { z } from 'zod';
import { LIMITS } from '../../resolvers/limits.js';
import { generateScript, retryScriptGeneration } from '../../resolvers/scriptGeneration.js';
import { builder } from '../builder.js';
import { ScriptModeEnum } from '../enums.js';
import { ProjectRef } from '../project/project.js';
import { viewerOf } from '../viewer.js';
import { ScriptRef } from './script.js';

const GenerateScriptInput = builder.inputType('GenerateScriptInput', {
  description:
    'A script written by a model from your topic. The model is chosen by use case: NEWS and prompts about current events are written by Gemini grounded on Google Search (sources are stored); short stories by Llama 4 Maverick on Groq; long or complex ones by Gemini Pro. Without provider keys the prompt itself becomes the script.',
  fields: (t) => ({
    projectId: t.globalID({ for: ProjectRef }),
    prompt: t.string({ validate: z.string().trim().min(1, 'must not be empty').max(LIMITS.prompt) }),
    mode: t.field({ type: ScriptModeEnum, required: false, description: 'Default STORY.' }),
    language: t.string({
      required: false,
      description: "BCP 47 tag of the narration; default the project's language.",
      validate: z
        .string()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag')
        .max(LIMITS.language)
        .optional()
        .nullable(),
    }),
    sceneCount: t.int({
      required: false,
      description: 'Target number of scenes, 4–10 (default 6).',
      validate: z.number().int().min(4).max(10).optional().nullable(),
    }),
  }),
});

builder.mutationField('generateScript', (t) =>
  t.prismaField({
    type: 'Script',
    authScopes: { user: true },
    errors: { types: [QuotaExceededError] },
    description: 'Returns the script at once with status GENERATING; it becomes DRAFT with scenes (or FAILED with a reason). Follow it on `scriptProgress`.',
    args: { input: t.arg({ type: GenerateScriptInput }) },
    resolve: (query, _root, { input }, ctx) => generateScript(viewerOf(ctx), { ...input, projectId: input.projectId.id }, query),
  }),
);

builder.mutationField('retryScriptGeneration', (t) =>
  t.prismaField({
    type: 'Script',
    authScopes: { user: true },
    errors: { types: [QuotaExceededError] },
    description: 'Runs a FAILED generation again with the same prompt.',
    args: { id: t.arg.globalID({ for: ScriptRef }) },
    resolve: (query, _root, args, ctx) => retryScriptGeneration(viewerOf(ctx), args.id.id, query),
  }),
);
