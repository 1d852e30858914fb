import { NOBODY } from '../../context.js';
import { shownNarration } from '../../render/voice/pauses.js';
import { builder } from '../builder.js';

export const RenderedSceneRef = builder.prismaNode('RenderedScene', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id, render: { ownerId: ctx.viewer?.id ?? NOBODY } }),
  description: 'One scene as its render rendered it: copied at enqueue, never changed by later edits, moves, removals or renders.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: '0-based place in the render.' }),
    narration: t.exposeString('narration', { description: 'The narration as written, pause marks included (see Scene.narration).' }),
    imageQuery: t.exposeString('imageQuery', { nullable: true }),
    aiImagePrompt: t.exposeString('aiImagePrompt', { nullable: true }),
    sceneVersion: t.exposeInt('sceneVersion', { description: 'The scene’s version when the render was enqueued.' }),
    contentHash: t.exposeString('contentHash', {
      description:
        'SHA-256 of what the scene was made from (narration, image query, AI prompt, chosen picture). Equal in two renders of a script: the scene did not change between them.',
    }),
    startMs: t.exposeInt('startMs', { nullable: true, description: 'Where the scene starts in the video (once rendered).' }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'How long the scene lasts in the video.' }),
    scene: t.relation('scene', { nullable: true, description: 'The live scene it was copied from; null once removed.' }),
    picture: t.relation('asset', {
      nullable: true,
      description: 'The picture or clip rendered: chosen before the render, or found by its media stage.',
    }),
    narrationAudio: t.relation('narrationAsset', { nullable: true, description: 'The narration spoken (with word timings).' }),
  }),
});

/** What a reel's viewer sees of a scene: the words and where they are in the video. */
export const ReelSceneRef = builder.prismaObject('RenderedScene', {
  variant: 'ReelScene',
  description: 'One scene of a published reel, as rendered.',
  fields: (t) => ({
    position: t.exposeInt('position'),
    narration: t.string({ description: 'The words as spoken and captioned (pause marks removed).', resolve: (s) => shownNarration(s.narration) }),
    startMs: t.exposeInt('startMs', { nullable: true, description: 'Where the scene starts in the video.' }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
  }),
});
