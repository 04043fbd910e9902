import { Link } from 'react-router';
import { api } from '../../api/client';
import { NEED_SORTS, type NeedSort, type NeedStatus } from '../../api/enums';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import { StatusFilter } from '../../components/StatusFilter';
import { NEED_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { listQuery, useListPage } from '../../hooks/useListPage';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { needColumns, type Need } from '../needs/need-parts';

const PAGE_SIZE = 20;

/** The need columns, with the title linking to the officer's own detail page. */
function areaNeedColumns(i18n: I18n): Column<Need>[] {
  const [title, ...rest] = needColumns(i18n);
  return [
    {
      ...title,
      cell: (need) => (
        <>
          <Link to={`/area-needs/${need.id}`} className="row-link">
            <strong>{need.title}</strong>
          </Link>
          <div className="muted small">
            {need.program.name} · {need.package.name}
          </div>
        </>
      ),
    },
    ...rest,
  ];
}

/** `/area-needs`: the needs of the kelurahan officer's area (the API returns only those), open ones first. */
export default function AreaNeedsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const listPage = useListPage<NeedStatus, NeedSort>({
    defaultSort: 'dueDate',
    sorts: NEED_SORTS,
    initialStatus: 'open',
  });
  const { page, setPage, sort, setSort, status, setStatus } = listPage;
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/needs', {
        params: { query: listQuery(listPage, PAGE_SIZE) },
        signal,
      }),
    [page, sort, status],
  );
  const title = t('nav.areaNeeds');
  return (
    <>
      <PageHeader title={title} intro={t('area.needsIntro')} />
      <section className="card">
        <div className="filters">
          <StatusFilter
            id="area-need-status"
            label={t('needs.status')}
            options={NEED_STATUSES.filter((option) => option !== 'draft')}
            labelOf={(option) => t(`needStatus.${option}`)}
            value={status}
            onChange={setStatus}
          />
        </div>
        <PagedTable
          query={list}
          caption={title}
          columns={areaNeedColumns(i18n)}
          rowKey={(row) => row.id}
          emptyTitle={t('area.needsEmpty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
    </>
  );
}
