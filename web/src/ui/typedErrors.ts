// A mutation's answer is a union: its success type or one of the API's typed errors. These turn
// the error side into what a form shows: one message, and a message per input field.

export interface TypedError {
  __typename: string;
  message?: string;
  fields?: { path: string[]; message: string }[];
}

export interface FormErrors {
  /** The whole answer's message, when it is an error (or the request failed). */
  message: string | null;
  /** Per input field, by the last element of the field's path (e.g. "narration"). */
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { message: null, fields: {} };

/** The form errors of a mutation result `value` (its union field), or of a failed request. */
export function formErrors(value: TypedError | null | undefined, requestError?: { message: string } | null): FormErrors {
  if (requestError) return { message: requestError.message.replace(/^\[(GraphQL|Network)\] /, ''), fields: {} };
  if (!value || !('message' in value) || typeof value.message !== 'string') return noErrors;
  const fields: Record<string, string> = {};
  for (const issue of value.fields ?? []) {
    const key = issue.path[issue.path.length - 1];
    if (key && !fields[key]) fields[key] = issue.message;
  }
  return { message: value.message, fields };
}
