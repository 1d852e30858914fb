import { useQuery } from 'urql';
import { ViewerQuery } from './operations';

/** The signed-in person (by the session cookie), or null; `fetching` until the API has answered. */
export function useViewer() {
  const [result, refetch] = useQuery({ query: ViewerQuery });
  return { viewer: result.data?.viewer ?? null, fetching: result.fetching && !result.data, error: result.error, refetch };
}
