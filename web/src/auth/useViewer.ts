import { useQuery } from 'urql';
import { ViewerQuery } from './operations';

/** The signed-in person (by the session cookie), or null; `fetching` until the API has answered. */
export function useViewer() {
  const [result, refetch] = useQuery({ query: ViewerQuery });
  // A cookie whose session ended (revoked from another device, expired) is being signed out, not an outage.
  const ended = result.error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
  return { viewer: result.data?.viewer ?? null, fetching: result.fetching && !result.data, error: ended ? undefined : result.error, refetch };
}
