import type { ScriptMode } from '../../graphql/gen/graphql';
import { Field } from '../../ui/Field';

export const modeHints: Record<ScriptMode, string> = {
  STORY: 'A short story, told scene by scene.',
  EXPLAINER: 'Explains a subject step by step.',
  NEWS: 'Current events, grounded on web sources it links to.',
};

export function ModeSelect({ value, onChange, error }: { value: ScriptMode; onChange: (mode: ScriptMode) => void; error?: string }) {
  return (
    <Field label="Mode" hint={modeHints[value]} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as ScriptMode)}>
          <option value="STORY">Story</option>
          <option value="EXPLAINER">Explainer</option>
          <option value="NEWS">News</option>
        </select>
      )}
    </Field>
  );
}
