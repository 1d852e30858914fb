import { useState } from 'react';
import { useMutation } from 'urql';
import { type FormErrors, formErrors, noErrors } from '../../ui/typedErrors';
import { UpdateProjectMutation } from './operations';

/** updateProject for a new title; true when it was saved, else the errors to show. */
export function useRenameProject(id: string) {
  const [state, update] = useMutation(UpdateProjectMutation);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const run = async (title: string) => {
    const result = await update({ input: { id, title } });
    const value = result.data?.updateProject;
    if (value?.__typename === 'UpdateProjectSuccess') {
      setErrors(noErrors);
      return true;
    }
    setErrors(formErrors(value, result.error));
    return false;
  };
  return { run, errors, fetching: state.fetching };
}
