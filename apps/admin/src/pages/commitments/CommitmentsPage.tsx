import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import type { CommitmentStatus } from '../../api/enums';
import { StatusFilter } from '../../components/StatusFilter';
import { COMMITMENT_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { listQuery, useListPage } from '../../hooks/useListPage';
import { useI18n } from '../../i18n/I18nProvider';
import { commitmentColumns } from './commitment-parts';

const PAGE_SIZE = 20;

/**
 * The commitments the caller may see (the API scopes them): all of them for Pokja (`/commitments`), the own ones for
 * a collaborator (`/my-commitments`, with the button to make a new one).
 */
export default function CommitmentsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useCurrentUser();
  const listPage = useListPage<CommitmentStatus>({ defaultSort: '-createdAt' });
  const { page, setPage, sort, setSort, status, setStatus } = listPage;
  const own = role === 'collaborator';
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', {
        params: { query: listQuery(listPage, PAGE_SIZE) },
        signal,
      }),
    [page, sort, status],
  );

  return (
    <>
      <PageHeader
        title={t(own ? 'nav.myCommitments' : 'commitments.title')}
        intro={t(own ? 'commitments.ownIntro' : 'commitments.intro')}
      >
        {own && (
          <Link className="button button--primary" to="/my-commitments/new">
            {t('commitmentForm.title')}
          </Link>
        )}
      </PageHeader>
      <section className="card">
        <div className="filters">
          <StatusFilter
            id="commitment-status"
            label={t('commitments.status')}
            options={COMMITMENT_STATUSES}
            labelOf={(option) => t(`commitmentStatus.${option}`)}
            value={status}
            onChange={setStatus}
          />
        </div>
        <PagedTable
          query={list}
          caption={t(own ? 'nav.myCommitments' : 'commitments.title')}
          columns={commitmentColumns(i18n, role)}
          rowKey={(row) => row.id}
          emptyTitle={t(own ? 'commitments.ownEmpty' : 'commitments.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
    </>
  );
}
