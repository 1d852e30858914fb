// Gemini writer (@google/genai). NEWS and other grounded requests search Google and return the
// pages they cite; the rest use JSON mode.
import type { Content, GenerateContentConfig, GenerateContentResponse } from '@google/genai';
import { lazyGenAiClient } from '../genai.js';
import { toWriterError } from './errors.js';
import { GEMINI_FLASH } from './models.js';
import { applySharedStyle, buildPrompt, repairMessage } from './prompt.js';
import { parseWithRepair } from './repair.js';
import type { ScriptWriter, Source, WriteRequest, WrittenScript } from './types.js';

export interface GeminiWriterOptions {
  apiKey: string;
  /** Root of the API, e.g. a local fake server; the SDK adds /v1beta/models/<model>:generateContent. */
  baseUrl?: string;
  /** Per request; a timeout is a retryable failure. */
  timeoutMs?: number;
  defaultModel?: string;
}

export const DEFAULT_TIMEOUT_MS = 90_000;

/** Distinct cited pages, in the order the answer cites them. */
export function groundingSources(response: GenerateContentResponse): Source[] {
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const chunk of response.candidates?.[0]?.groundingMetadata?.groundingChunks ?? []) {
    const url = chunk.web?.uri;
    if (!url || seen.has(url)) continue;
    seen.add(url);
    sources.push({ title: chunk.web?.title || url, url });
  }
  return sources;
}

function answerText(response: GenerateContentResponse): string | undefined {
  // Joined text parts without thoughts; nothing when blocked (finishReason SAFETY and the like).
  return response.candidates?.[0]?.content?.parts
    ?.filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('');
}

export function createGeminiWriter(options: GeminiWriterOptions): ScriptWriter {
  const name = 'gemini';
  // One client per writer: it holds the key and HTTP settings and is safe to share between calls.
  // SDK retries stay off (no retryOptions): writeScript owns retrying and falling back.
  const client = lazyGenAiClient({
    apiKey: options.apiKey,
    httpOptions: {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    },
  });

  async function generate(model: string, contents: Content[], config: GenerateContentConfig) {
    try {
      return await (await client()).models.generateContent({ model, contents, config });
    } catch (e) {
      throw toWriterError(e, `${name}:${model}`, options.apiKey);
    }
  }

  return {
    name,
    async write(request: WriteRequest): Promise<WrittenScript> {
      const model = request.model || options.defaultModel || GEMINI_FLASH;
      const grounded = request.grounded ?? request.mode === 'NEWS';
      const prompt = buildPrompt(request);
      // Gemini 2.5 rejects Google Search grounding together with responseMimeType
      // application/json, so grounded answers are plain text and parsed from it.
      const config: GenerateContentConfig = grounded
        ? { systemInstruction: prompt.system, tools: [{ googleSearch: {} }] }
        : { systemInstruction: prompt.system, responseMimeType: 'application/json' };
      const contents: Content[] = [{ role: 'user', parts: [{ text: prompt.user }] }];
      const response = await generate(model, contents, config);
      const sources = groundingSources(response);
      const script = await parseWithRepair(`${name}:${model}`, answerText(response), async (bad, error) => {
        // The repair only reformats what was already found: no second search, and JSON mode on.
        const repaired = await generate(
          model,
          [...contents, { role: 'model', parts: [{ text: bad }] }, { role: 'user', parts: [{ text: repairMessage(error) }] }],
          { systemInstruction: prompt.system, responseMimeType: 'application/json' },
        );
        return answerText(repaired);
      });
      return { script: applySharedStyle(script, prompt.style), model, sources };
    },
  };
}
