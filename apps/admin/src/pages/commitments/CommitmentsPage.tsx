import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import type { CommitmentStatus } from '../../api/enums';
import { COMMITMENT_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { useQueryParams } from '../../hooks/useQueryParams';
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
  const params = useQueryParams();
  const [page, setPage] = usePageParam();
  const status = params.get('status');
  const sort = params.get('sort') || '-createdAt';
  const own = role === 'collaborator';
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', {
        params: {
          query: {
            page,
            limit: PAGE_SIZE,
            sort,
            status: (status || undefined) as CommitmentStatus | undefined,
          },
        },
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
          <div className="field">
            <label htmlFor="commitment-status">{t('commitments.status')}</label>
            <select
              id="commitment-status"
              value={status}
              onChange={(event) => params.set({ status: event.target.value })}
            >
              <option value="">{t('filters.all')}</option>
              {COMMITMENT_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {t(`commitmentStatus.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <PagedTable
          query={list}
          caption={t(own ? 'nav.myCommitments' : 'commitments.title')}
          columns={commitmentColumns(i18n, role)}
          rowKey={(row) => row.id}
          emptyTitle={t(own ? 'commitments.ownEmpty' : 'commitments.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={(next) => params.set({ sort: next })}
        />
      </section>
    </>
  );
}
