import { api } from '../../api/client';
import { useApiQuery, type ApiResult } from '../../hooks/useApiQuery';
import type { MessageKey } from '../../i18n/id';

export interface QueueCard {
  labelKey: MessageKey;
  to: string;
  total: number | null;
}

const ONE = { page: 1, limit: 1 };
const skipped = (): Promise<ApiResult<undefined>> =>
  Promise.resolve({ data: undefined, response: new Response(null, { status: 204 }) });

function totalOf(query: { status: string; data?: { meta: { total: number } } | undefined }): number | null {
  return query.status === 'success' && query.data ? query.data.meta.total : null;
}

/** How many items wait in each Pokja work queue (the lists' totals; one row each is enough to read them). */
export function usePokjaQueues(enabled: boolean): QueueCard[] {
  const pending = useApiQuery(
    (signal) =>
      enabled
        ? api.GET('/api/v1/collaborators', { params: { query: { ...ONE, status: 'pending' } }, signal })
        : skipped(),
    [enabled],
  );
  const submitted = useApiQuery(
    (signal) =>
      enabled
        ? api.GET('/api/v1/commitments', { params: { query: { ...ONE, status: 'submitted' } }, signal })
        : skipped(),
    [enabled],
  );
  const reserved = useApiQuery(
    (signal) =>
      enabled
        ? api.GET('/api/v1/allocations', { params: { query: { ...ONE, status: 'reserved' } }, signal })
        : skipped(),
    [enabled],
  );
  const handovers = useApiQuery(
    (signal) =>
      enabled
        ? api.GET('/api/v1/handovers', { params: { query: { ...ONE, status: 'submitted' } }, signal })
        : skipped(),
    [enabled],
  );
  return [
    {
      labelKey: 'dashboard.pendingCollaborators',
      to: '/collaborators?status=pending',
      total: totalOf(pending),
    },
    {
      labelKey: 'dashboard.submittedCommitments',
      to: '/commitments?status=submitted',
      total: totalOf(submitted),
    },
    { labelKey: 'dashboard.activeClaims', to: '/allocations?status=reserved', total: totalOf(reserved) },
    { labelKey: 'dashboard.pendingHandovers', to: '/handovers?status=submitted', total: totalOf(handovers) },
  ];
}
