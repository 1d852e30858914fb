// Only imports: each file registers its types and fields on the builder.
import { builder } from './builder.js';
import './errors.js';
import './enums.js';
import './user/user.js';
import './apiKey/apiKey.js';
import './apiKey/mutations.js';
import './project/project.js';
import './project/mutations.js';
import './script/script.js';
import './script/mutations.js';
import './script/generate.js';
import './scene/scene.js';
import './scene/mutations.js';
import './scene/assetMutations.js';
import './asset/asset.js';
import './render/render.js';
import './render/mutations.js';
import './render/progress.js';
import './script/progress.js';
import './renderStage/renderStage.js';
import './renderedScene/renderedScene.js';
import './reel/reel.js';
import './webhookDelivery/webhookDelivery.js';
import './webhookEndpoint/webhookEndpoint.js';
import './webhookEndpoint/mutations.js';
import './viewerEvents/viewerEvents.js';

export const schema = builder.toSchema({ sortSchema: true });
