// Input size limits shared by the schema's validators and the resolvers.
export const LIMITS = {
  title: 200,
  language: 35,
  voice: 100,
  scriptText: 20_000,
  prompt: 4_000,
  narration: 2_000,
  imageQuery: 300,
  aiImagePrompt: 1_000,
  apiKeyName: 100,
  scenesPerScript: 30,
} as const;
