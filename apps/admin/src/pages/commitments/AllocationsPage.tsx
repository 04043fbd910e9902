import { useState } from 'react';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import type { AllocationStatus } from '../../api/enums';
import { ALLOCATION_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { useQueryParams } from '../../hooks/useQueryParams';
import { useI18n } from '../../i18n/I18nProvider';
import { allocationColumns, type Allocation } from './allocation-parts';
import { ReleaseDialog } from './ReleaseDialog';

const PAGE_SIZE = 20;

/**
 * Claims, expiring soonest first: for Pokja all of them (`/allocations`), for a collaborator its own ("Klaim saya",
 * `/my-claims`) with the countdown to each claim's expiry and the release button.
 */
export default function AllocationsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useCurrentUser();
  const params = useQueryParams();
  const [page, setPage] = usePageParam();
  const [releasing, setReleasing] = useState<Allocation | null>(null);
  const own = role === 'collaborator';
  const status = params.get('status') || (own ? 'reserved' : '');
  const sort = params.get('sort') || 'expiresAt';
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/allocations', {
        params: {
          query: {
            page,
            limit: PAGE_SIZE,
            sort,
            status: (status === 'all' ? undefined : status || undefined) as AllocationStatus | undefined,
          },
        },
        signal,
      }),
    [page, sort, status],
  );
  const title = t(own ? 'nav.myClaims' : 'allocations.title');

  return (
    <>
      <PageHeader title={title} intro={t(own ? 'allocations.ownIntro' : 'allocations.intro')} />
      <section className="card">
        <div className="filters">
          <div className="field">
            <label htmlFor="allocation-status">{t('allocations.status')}</label>
            <select
              id="allocation-status"
              value={status || 'all'}
              onChange={(event) => params.set({ status: event.target.value })}
            >
              <option value="all">{t('filters.all')}</option>
              {ALLOCATION_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {t(`allocationStatus.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <PagedTable
          query={list}
          caption={title}
          columns={allocationColumns(i18n, setReleasing)}
          rowKey={(row) => row.id}
          emptyTitle={t(own ? 'allocations.ownEmpty' : 'allocations.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={(next) => params.set({ sort: next })}
        />
      </section>
      <ReleaseDialog allocation={releasing} onClose={() => setReleasing(null)} onReleased={list.reload} />
    </>
  );
}
