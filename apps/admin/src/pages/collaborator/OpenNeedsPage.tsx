import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Column } from '../../components/DataTable';
import { MapPanel } from '../../components/map/MapPanel';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { useQueryParams } from '../../hooks/useQueryParams';
import { useI18n } from '../../i18n/I18nProvider';
import {
  NeedFilters,
  needColumns,
  needPoints,
  needSortFrom,
  ViewSwitch,
  type Need,
} from '../needs/need-parts';
import { ClaimDialog, commitmentsFor } from './ClaimDialog';

const PAGE_SIZE = 20;
const MAP_LIMIT = 100;

/** Open needs to choose from (list or map) and claim against an approved commitment. */
export default function OpenNeedsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const params = useQueryParams();
  const [page, setPage] = usePageParam();
  const [claiming, setClaiming] = useState<Need | null>(null);
  const view = params.get('view') === 'map' ? 'map' : 'table';
  const sort = needSortFrom(params.get('sort'), '-availableQuantity');
  const program = params.get('program');
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
            status: 'open',
            program: program || undefined,
            region: region || undefined,
            q: q || undefined,
          },
        },
        signal,
      }),
    [page, view, sort, program, region, q],
  );
  const approved = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', { params: { query: { status: 'approved', limit: 100 } }, signal }),
    [],
  );
  const approvedPage = approved.status === 'success' ? approved.data : null;
  const approvedList = useMemo(() => approvedPage?.data ?? [], [approvedPage]);

  const claimColumn: Column<Need> = {
    header: t('table.actions'),
    cell: (need) => {
      const claimable = commitmentsFor(need, approvedList).length > 0;
      return (
        <button
          type="button"
          className={
            claimable ? 'button button--primary button--small' : 'button button--ghost button--small'
          }
          onClick={() => setClaiming(need)}
        >
          {t('claim.button')}
          <span className="visually-hidden"> {need.title}</span>
        </button>
      );
    },
  };

  return (
    <>
      <PageHeader title={t('nav.openNeeds')} intro={t('openNeeds.intro')}>
        <Link className="button button--secondary" to="/my-claims">
          {t('nav.myClaims')}
        </Link>
      </PageHeader>
      {approved.status === 'success' && approvedList.length === 0 && (
        <p className="notice notice--info">
          {t('openNeeds.noApproved')} <Link to="/my-commitments/new">{t('commitmentForm.title')}</Link>
        </p>
      )}
      <section className="card">
        <div className="toolbar">
          <NeedFilters params={params} i18n={i18n} withStatus={false} />
          <ViewSwitch params={params} i18n={i18n} />
        </div>
        {view === 'table' ? (
          <PagedTable
            query={needs}
            caption={t('nav.openNeeds')}
            columns={[...needColumns(i18n), claimColumn]}
            rowKey={(need) => need.id}
            emptyTitle={t('openNeeds.empty')}
            onPageChange={setPage}
            sort={sort}
            onSortChange={(next) => params.set({ sort: next })}
          />
        ) : needs.status === 'loading' ? (
          <LoadingState />
        ) : needs.status === 'error' ? (
          <ErrorState failure={needs.failure} onRetry={needs.reload} />
        ) : (
          <MapPanel
            points={needPoints(needs.data.data, i18n)}
            label={t('needs.mapLabel')}
            onSelect={(id) => setClaiming(needs.data.data.find((need) => need.id === id) ?? null)}
          />
        )}
      </section>
      <ClaimDialog
        need={claiming}
        approved={approvedList}
        onClose={() => setClaiming(null)}
        onClaimed={(allocation) => {
          setClaiming(null);
          toast.show(t('claim.done', { title: allocation.needTitle }));
          needs.reload();
          approved.reload();
        }}
      />
    </>
  );
}
