import { pictureCapabilities } from '../../resolvers/sceneAssets.js';
import { builder } from '../builder.js';

const CapabilitiesRef = builder.objectRef<ReturnType<typeof pictureCapabilities>>('Capabilities').implement({
  description: 'Optional services this server has set up, so a client can disable what would only fail.',
  fields: (t) => ({
    imageSearch: t.exposeBoolean('imageSearch', { description: 'searchSceneImages can search the web (an image search service is configured).' }),
    aiImages: t.exposeBoolean('aiImages', { description: 'generateSceneImage can draw (an AI image generator is configured).' }),
  }),
});

builder.queryField('capabilities', (t) =>
  t.field({
    type: CapabilitiesRef,
    description: 'What this server can do beyond the basics; the same for everyone.',
    resolve: () => pictureCapabilities(),
  }),
);
