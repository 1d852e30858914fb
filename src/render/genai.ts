// @google/genai, loaded on first use: ~260 ms of start-up and ~18 MB (measured) that a process
// without a Gemini key, or one that never writes a script or draws a picture, does not need.
import type { GoogleGenAI, GoogleGenAIOptions } from '@google/genai';

type GenAi = typeof import('@google/genai');
let loading: Promise<GenAi> | null = null;

export function loadGenAi(): Promise<GenAi> {
  loading ??= import('@google/genai');
  return loading;
}

/** A client made on the first call and shared by the later ones (it holds the key and HTTP settings). */
export function lazyGenAiClient(options: GoogleGenAIOptions): () => Promise<GoogleGenAI> {
  let client: Promise<GoogleGenAI> | null = null;
  return () => {
    client ??= loadGenAi().then((sdk) => new sdk.GoogleGenAI(options));
    return client;
  };
}
