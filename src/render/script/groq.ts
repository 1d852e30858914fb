// Groq writer (groq-sdk chat completions in JSON mode). Fast and cheap; cannot search the web.
import Groq from 'groq-sdk';
import { toWriterError } from './errors.js';
import { GROQ_MAVERICK } from './models.js';
import { applySharedStyle, buildPrompt, repairMessage } from './prompt.js';
import { parseWithRepair } from './repair.js';
import type { ScriptWriter, WriteRequest, WrittenScript } from './types.js';

export interface GroqWriterOptions {
  apiKey: string;
  /** Root of the API; the SDK adds /openai/v1/chat/completions. */
  baseUrl?: string;
  /** Per request; a timeout is a retryable failure. */
  timeoutMs?: number;
  defaultModel?: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

/**
 * In JSON mode Groq itself validates the model's output and answers 400 `json_validate_failed`
 * (with the output in `failed_generation`) when it is not JSON. That is a bad answer, not a bad
 * request: hand it to the repair round like any other malformed answer.
 */
function failedGeneration(error: unknown): string | undefined {
  const body = (error as { status?: number; error?: { error?: { code?: string; failed_generation?: string } } }) ?? {};
  if (body.status !== 400 || body.error?.error?.code !== 'json_validate_failed') return undefined;
  return body.error.error.failed_generation ?? '';
}

export function createGroqWriter(options: GroqWriterOptions): ScriptWriter {
  const name = 'groq';
  // One client per writer, reused. SDK retries off: writeScript owns retrying and falling back.
  const client = new Groq({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: 0,
  });

  async function complete(model: string, messages: Message[]): Promise<string | undefined> {
    try {
      const completion = await client.chat.completions.create({
        model,
        messages,
        response_format: { type: 'json_object' },
        temperature: 0.8,
      });
      return completion.choices[0]?.message?.content ?? undefined;
    } catch (e) {
      const bad = failedGeneration(e);
      if (bad !== undefined) return bad;
      throw toWriterError(e, `${name}:${model}`, options.apiKey);
    }
  }

  return {
    name,
    async write(request: WriteRequest): Promise<WrittenScript> {
      const model = request.model || options.defaultModel || GROQ_MAVERICK;
      const prompt = buildPrompt(request);
      const messages: Message[] = [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ];
      const answer = await complete(model, messages);
      const script = await parseWithRepair(`${name}:${model}`, answer, (bad, error) =>
        complete(model, [...messages, { role: 'assistant', content: bad }, { role: 'user', content: repairMessage(error) }]),
      );
      return { script: applySharedStyle(script, prompt.style), model, sources: [] };
    },
  };
}
