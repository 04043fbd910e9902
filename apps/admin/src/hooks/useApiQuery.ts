import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { failureFromError, failureFromThrown, isAbort, type ApiFailure } from '../api/failure';

/** What an openapi-fetch call resolves to. */
export interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; failure: ApiFailure }
  | { status: 'success'; data: T };

/**
 * Run an API call when `deps` change (aborting the previous one) and expose loading / error / data.
 * `load` receives the AbortSignal to pass to the client.
 */
export function useApiQuery<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  deps: DependencyList,
): QueryState<T> & { reload(): void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      ({ data, error, response }) => {
        if (controller.signal.aborted) return;
        if (data !== undefined) setState({ status: 'success', data });
        else setState({ status: 'error', failure: failureFromError(error, response) });
      },
      (thrown: unknown) => {
        if (controller.signal.aborted || isAbort(thrown)) return;
        setState({ status: 'error', failure: failureFromThrown(thrown) });
      },
    );
    return () => controller.abort();
    // `load` is a new closure on every render; `deps` say when it really changes
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}
