import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { useI18n } from '../../i18n/I18nProvider';
import { allocationColumns } from './allocation-parts';
import { commitmentColumns } from './commitment-parts';

const PAGE_SIZE = 20;
const ALLOCATION_LIMIT = 100;

/** "Penugasan": the commitments routed to the aggregator and the claims it has to deliver, expiring soonest first. */
export default function AssignmentsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { role, me } = useCurrentUser();
  const [page, setPage] = usePageParam();
  const commitments = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', {
        params: { query: { page, limit: PAGE_SIZE, sort: '-createdAt' } },
        signal,
      }),
    [page],
  );
  const allocations = useApiQuery(
    (signal) =>
      api.GET('/api/v1/allocations', {
        params: { query: { limit: ALLOCATION_LIMIT, sort: 'expiresAt' } },
        signal,
      }),
    [],
  );

  return (
    <>
      <PageHeader
        title={t('nav.assignments')}
        intro={t('assignments.intro', { name: me.aggregator?.name ?? '' })}
      >
        <Link className="button button--primary" to="/deliveries/new">
          {t('handoverForm.title')}
        </Link>
      </PageHeader>
      <div className="stack">
        <section className="card stack" aria-labelledby="assigned-commitments">
          <h2 id="assigned-commitments">{t('assignments.commitments')}</h2>
          <PagedTable
            query={commitments}
            caption={t('assignments.commitments')}
            columns={commitmentColumns(i18n, role)}
            rowKey={(row) => row.id}
            emptyTitle={t('assignments.noCommitments')}
            onPageChange={setPage}
          />
        </section>
        <section className="card stack" aria-labelledby="assigned-claims">
          <h2 id="assigned-claims">{t('assignments.claims')}</h2>
          {allocations.status === 'loading' && <LoadingState />}
          {allocations.status === 'error' && (
            <ErrorState failure={allocations.failure} onRetry={allocations.reload} />
          )}
          {allocations.status === 'success' && allocations.data.data.length === 0 && (
            <EmptyState title={t('assignments.noClaims')} />
          )}
          {allocations.status === 'success' && allocations.data.data.length > 0 && (
            <DataTable
              caption={t('assignments.claims')}
              rows={allocations.data.data}
              columns={allocationColumns(i18n)}
              rowKey={(row) => row.id}
            />
          )}
        </section>
      </div>
    </>
  );
}
