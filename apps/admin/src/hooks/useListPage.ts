import { statusFromParam, statusParamOf } from './status-param';
import { usePageParam } from './usePageParam';
import { useQueryParams, type QueryParams } from './useQueryParams';

export interface ListPage<Status extends string, Sort extends string> {
  /** the other filters, kept in the URL too */
  params: QueryParams;
  page: number;
  setPage(page: number): void;
  sort: Sort;
  setSort(sort: string): void;
  /** the `?status=` filter, '' for all (the value a StatusFilter takes) */
  status: Status | '';
  setStatus(status: Status | ''): void;
}

interface ListPageOptions<Status extends string, Sort extends string> {
  defaultSort: Sort;
  /** the sorts the list knows; any other `?sort=` falls back to the default (without it, any is passed on) */
  sorts?: readonly Sort[];
  /** the status the list opens on, when it does not open on all of them */
  initialStatus?: Status;
}

/**
 * The URL state of a server-paged list page: filters, page, sort and status, so a filtered list can be linked,
 * reloaded and navigated back to. A list that opens on one status keeps "all" in the URL as `status=all`.
 */
export function useListPage<Status extends string = string, Sort extends string = string>({
  defaultSort,
  sorts,
  initialStatus,
}: ListPageOptions<Status, Sort>): ListPage<Status, Sort> {
  const params = useQueryParams();
  const [page, setPage] = usePageParam();
  const rawSort = params.get('sort');
  const known = sorts ? sorts.includes(rawSort as Sort) : rawSort !== '';
  const sort = known ? (rawSort as Sort) : defaultSort;
  const status = statusFromParam<Status>(params.get('status'), initialStatus);
  return {
    params,
    page,
    setPage,
    sort,
    setSort: (next) => params.set({ sort: next }),
    status,
    setStatus: (next) => params.set({ status: statusParamOf(next, initialStatus) }),
  };
}

/** A list page's page, sort and status as the API's list query, `limit` rows a page (no status filter for "all"). */
export function listQuery<Status extends string, Sort extends string>(
  { page, sort, status }: ListPage<Status, Sort>,
  limit: number,
): { page: number; limit: number; sort: Sort; status: Status | undefined } {
  return { page, limit, sort, status: status || undefined };
}
