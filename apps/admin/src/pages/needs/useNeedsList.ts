import { api } from '../../api/client';
import { NEED_SORTS, type NeedSort, type NeedStatus } from '../../api/enums';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListPage, type ListPage } from '../../hooks/useListPage';

const PAGE_SIZE = 20;
/** the map shows up to this many needs of the filter at once */
const MAP_LIMIT = 100;

export type NeedsView = 'table' | 'map';

/**
 * A needs list page's state, all in the URL (`?program=&status=&region=&q=&sort=&page=&view=`), and the page of needs
 * it asks for: a table page, or on the map the first MAP_LIMIT needs of the filter.
 */
export function useNeedsList({
  defaultSort,
  status: fixedStatus,
}: {
  defaultSort: NeedSort;
  status?: NeedStatus;
}) {
  const list: ListPage<NeedStatus, NeedSort> = useListPage({ defaultSort, sorts: NEED_SORTS });
  const { params, page, sort } = list;
  const view: NeedsView = params.get('view') === 'map' ? 'map' : 'table';
  const program = params.get('program');
  const status = fixedStatus ?? list.status;
  const region = params.get('region');
  const q = params.get('q');
  const needs = useApiQuery(
    (signal) =>
      api.GET('/api/v1/needs', {
        params: {
          query: {
            page: view === 'map' ? 1 : page,
            limit: view === 'map' ? MAP_LIMIT : PAGE_SIZE,
            sort,
            program: program || undefined,
            status: status || undefined,
            region: region || undefined,
            q: q || undefined,
          },
        },
        signal,
      }),
    [page, view, sort, program, status, region, q],
  );
  return { ...list, view, needs };
}

export type NeedsList = ReturnType<typeof useNeedsList>;
