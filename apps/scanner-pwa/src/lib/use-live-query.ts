import { liveQuery } from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

export type LiveResult<T> = { data: T | undefined; loading: boolean };

/**
 * A Dexie query that re-runs whenever the tables it read change (in this tab or another), so the
 * screens read the local database only and never wait on the network.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): LiveResult<T> {
  const [state, setState] = useState<LiveResult<T>>({ data: undefined, loading: true });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (data) => setState({ data, loading: false }),
      error: (error: unknown) => {
        console.error('Local database query failed', error);
        setState({ data: undefined, loading: false });
      },
    });
    return () => subscription.unsubscribe();
    // The caller names the dependencies, as with useEffect.
  }, deps);
  return state;
}
