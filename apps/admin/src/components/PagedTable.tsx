import type { Schemas } from '@ksbb/api-client';
import type { QueryState } from '../hooks/useApiQuery';
import { DataTable, type Column } from './DataTable';
import { Pagination } from './Pagination';
import { EmptyState, ErrorState, LoadingState } from './StatusViews';

export interface PageOf<Row> {
  data: Row[];
  meta: Schemas['PageMetaDto'];
}

interface PagedTableProps<Row> {
  query: QueryState<PageOf<Row>> & { reload(): void };
  caption: string;
  columns: readonly Column<Row>[];
  rowKey(row: Row): string;
  emptyTitle: string;
  onPageChange(page: number): void;
  sort?: string;
  onSortChange?(sort: string): void;
}

/** A server-paged list: loading, the problem with a retry, the empty state, or the table with its pagination. */
export function PagedTable<Row>({
  query,
  caption,
  emptyTitle,
  onPageChange,
  ...table
}: PagedTableProps<Row>) {
  if (query.status === 'loading') return <LoadingState />;
  if (query.status === 'error') return <ErrorState failure={query.failure} onRetry={query.reload} />;
  if (query.data.data.length === 0) return <EmptyState title={emptyTitle} />;
  const { meta } = query.data;
  return (
    <>
      <DataTable caption={caption} rows={query.data.data} {...table} />
      <Pagination page={meta.page} limit={meta.limit} total={meta.total} onPageChange={onPageChange} />
    </>
  );
}
