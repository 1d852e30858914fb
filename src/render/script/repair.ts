// One repair round for answers that are not a valid script: models usually fix their JSON when
// shown what was wrong, and a second failure rarely improves with a third try.
import { ProviderError } from '../providers/errors.js';
import { parseScript, type Script } from './schema.js';

/** Asks the same conversation for corrected JSON, given the bad answer and what was wrong. */
export type RepairCall = (badAnswer: string, error: string) => Promise<string | undefined>;

export async function parseWithRepair(writer: string, answer: string | undefined, repair: RepairCall): Promise<Script> {
  const first = parseScript(answer);
  if (first.ok) return first.script;
  const second = parseScript(await repair(answer ?? '', first.error));
  if (second.ok) return second.script;
  throw new ProviderError(
    `${writer}: the model's answer was not a valid script, even after a repair request (first: ${first.error}; then: ${second.error})`,
    writer,
    'malformed',
  );
}
