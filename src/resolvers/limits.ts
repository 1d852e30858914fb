// Input size limits shared by the schema's validators and the resolvers. A scene's narration and a
// script's scene count are the ones the script writers and the offline splitter keep to.
import { MAX_NARRATION_CHARS, MAX_SCRIPT_SCENES } from '../render/script/schema.js';

export const LIMITS = {
  title: 200,
  language: 35,
  voice: 100,
  scriptText: 20_000,
  prompt: 4_000,
  narration: MAX_NARRATION_CHARS,
  imageQuery: 300,
  aiImagePrompt: 1_000,
  apiKeyName: 100,
  scenesPerScript: MAX_SCRIPT_SCENES,
} as const;
