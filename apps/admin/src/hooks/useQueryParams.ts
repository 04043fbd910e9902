import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export interface QueryParams {
  /** the value of `?name=`, or '' */
  get(name: string): string;
  /** set (or with '' remove) several parameters at once; any change but the page goes back to page 1 */
  set(patch: Record<string, string>): void;
}

/** Filters and sort kept in the URL, so a filtered list can be linked, reloaded and navigated back to. */
export function useQueryParams(): QueryParams {
  const [params, setParams] = useSearchParams();
  const get = useCallback((name: string) => params.get(name) ?? '', [params]);
  const set = useCallback(
    (patch: Record<string, string>) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          for (const [name, value] of Object.entries(patch)) {
            if (value) updated.set(name, value);
            else updated.delete(name);
          }
          if (!('page' in patch)) updated.delete('page');
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { get, set };
}
