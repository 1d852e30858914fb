// Topic → script: the model table, the writers, and the chain that runs them.
export { chooseWriters, choiceLabel, MODEL_TABLE, GEMINI_FLASH, GEMINI_PRO, GROQ_MAVERICK, type WriterChoice, type Provider } from './models.js';
export { parseScript, scriptSchema, type Script, type ScriptScene, type ParseResult } from './schema.js';
export { buildPrompt, applySharedStyle, targetSceneCount, STYLES, DEFAULT_SCENE_COUNT, type ScriptPrompt } from './prompt.js';
export { createGeminiWriter, type GeminiWriterOptions } from './gemini.js';
export { createGroqWriter, type GroqWriterOptions } from './groq.js';
export { buildWriterChain } from './writerChain.js';
export { writeScript, ownTextScript, type ScriptRequest, type WriteScriptOptions, type WriteScriptResult } from './writeScript.js';
export type { WriterFailure } from './errors.js';
export type { ScriptMode, ScriptWriter, Source, WriteRequest, WrittenScript } from './types.js';
