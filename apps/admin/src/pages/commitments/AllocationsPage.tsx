import { useState } from 'react';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import type { AllocationStatus } from '../../api/enums';
import { StatusFilter } from '../../components/StatusFilter';
import { ALLOCATION_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { listQuery, useListPage } from '../../hooks/useListPage';
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
  const [releasing, setReleasing] = useState<Allocation | null>(null);
  const own = role === 'collaborator';
  // a kelurahan officer reads the claims of their area (`/area-claims`): the API scopes them, nothing to release
  const officer = role === 'kelurahan';
  const pokja = role === 'admin' || role === 'operator';
  // a collaborator opens on its live claims
  const listPage = useListPage<AllocationStatus>({
    defaultSort: 'expiresAt',
    initialStatus: own ? 'reserved' : undefined,
  });
  const { page, setPage, sort, setSort, status, setStatus } = listPage;
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/allocations', {
        params: { query: listQuery(listPage, PAGE_SIZE) },
        signal,
      }),
    [page, sort, status],
  );
  const title = t(own ? 'nav.myClaims' : officer ? 'nav.areaClaims' : 'allocations.title');
  const intro = t(own ? 'allocations.ownIntro' : officer ? 'area.claimsIntro' : 'allocations.intro');

  return (
    <>
      <PageHeader title={title} intro={intro} />
      <section className="card">
        <div className="filters">
          <StatusFilter
            id="allocation-status"
            label={t('allocations.status')}
            options={ALLOCATION_STATUSES}
            labelOf={(option) => t(`allocationStatus.${option}`)}
            value={status}
            onChange={setStatus}
          />
        </div>
        <PagedTable
          query={list}
          caption={title}
          columns={allocationColumns(i18n, own || pokja ? setReleasing : undefined)}
          rowKey={(row) => row.id}
          emptyTitle={t(own ? 'allocations.ownEmpty' : officer ? 'area.claimsEmpty' : 'allocations.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
      <ReleaseDialog allocation={releasing} onClose={() => setReleasing(null)} onReleased={list.reload} />
    </>
  );
}
