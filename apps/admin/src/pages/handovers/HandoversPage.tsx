import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import type { HandoverStatus } from '../../api/enums';
import { StatusFilter } from '../../components/StatusFilter';
import { HANDOVER_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListPage } from '../../hooks/useListPage';
import { useI18n } from '../../i18n/I18nProvider';
import { HandoverQueuePanel } from '../../offline/HandoverQueuePanel';
import { handoverColumns } from './handover-parts';

const PAGE_SIZE = 20;

/**
 * Handovers (BAST): for Pokja the review queue (`/handovers`, waiting ones first), for a collaborator or an aggregator
 * its own deliveries (`/deliveries`, with the button to submit a new one).
 */
export default function HandoversPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useCurrentUser();
  const pokja = role === 'admin' || role === 'operator';
  // Pokja opens on the review queue: the handovers waiting for a decision, oldest first
  const { page, setPage, sort, setSort, status, setStatus } = useListPage<HandoverStatus>({
    defaultSort: pokja ? 'createdAt' : '-createdAt',
    initialStatus: pokja ? 'submitted' : undefined,
  });
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/handovers', {
        params: {
          query: {
            page,
            limit: PAGE_SIZE,
            sort,
            status: status || undefined,
          },
        },
        signal,
      }),
    [page, sort, status],
  );
  const title = t(pokja ? 'handovers.title' : 'nav.deliveries');

  return (
    <>
      <PageHeader title={title} intro={t(pokja ? 'handovers.intro' : 'handovers.ownIntro')}>
        {!pokja && (
          <Link className="button button--primary" to="/deliveries/new">
            {t('handoverForm.title')}
          </Link>
        )}
      </PageHeader>
      {!pokja && <HandoverQueuePanel />}
      <section className="card">
        <div className="filters">
          <StatusFilter
            id="handover-status"
            label={t('handovers.status')}
            options={HANDOVER_STATUSES}
            labelOf={(option) => t(`handoverStatus.${option}`)}
            value={status}
            onChange={setStatus}
          />
        </div>
        <PagedTable
          query={list}
          caption={title}
          columns={handoverColumns(i18n, role)}
          rowKey={(row) => row.id}
          emptyTitle={t(pokja ? 'handovers.empty' : 'handovers.ownEmpty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
    </>
  );
}
