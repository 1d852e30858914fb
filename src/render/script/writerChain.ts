// Turns the model table's choices into writers writeScript can walk in order.
import { choiceLabel, type Provider, type WriterChoice } from './models.js';
import type { ScriptWriter } from './types.js';

/**
 * Binds each choice to its provider's writer, fixing model and grounding, and names it after the
 * choice ("gemini:gemini-2.5-flash+search") so logs and errors say which link failed. Choices
 * whose provider has no writer are left out.
 */
export function buildWriterChain(choices: readonly WriterChoice[], writers: Partial<Record<Provider, ScriptWriter>>): ScriptWriter[] {
  return choices.flatMap((choice) => {
    const writer = writers[choice.provider];
    if (!writer) return [];
    return [
      {
        name: choiceLabel(choice),
        write: (request) => writer.write({ ...request, model: choice.model, grounded: choice.grounded }),
      } satisfies ScriptWriter,
    ];
  });
}
