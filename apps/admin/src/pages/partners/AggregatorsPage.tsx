import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import type { Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import { StatusBadge } from '../../components/StatusBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { usePageParam } from '../../hooks/usePageParam';
import { useQueryParams } from '../../hooks/useQueryParams';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { RegionNames } from '../../components/RegionName';

type Aggregator = Schemas['AggregatorResponse'];
const PAGE_SIZE = 20;

function columns({ t }: I18n): Column<Aggregator>[] {
  return [
    {
      header: t('aggregators.name'),
      sortKey: 'name',
      cell: (row) => <Link to={`/aggregators/${row.id}`}>{row.name}</Link>,
    },
    { header: t('aggregators.programs'), cell: (row) => row.programCodes.join(', ') || '—' },
    {
      header: t('aggregators.regions'),
      cell: (row) => <RegionNames codes={row.regionCodes} />,
    },
    {
      header: t('aggregators.contact'),
      cell: (row) => [row.email, row.phone].filter(Boolean).join(' · ') || '—',
    },
    {
      header: t('aggregators.status'),
      sortKey: 'status',
      cell: (row) => (
        <StatusBadge
          label={t(`aggregatorStatus.${row.status}`)}
          tone={row.status === 'active' ? 'good' : 'neutral'}
        />
      ),
    },
  ];
}

export default function AggregatorsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const params = useQueryParams();
  const [page, setPage] = usePageParam();
  const sort = params.get('sort') || 'name';
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/aggregators', { params: { query: { page, limit: PAGE_SIZE, sort } }, signal }),
    [page, sort],
  );
  return (
    <>
      <PageHeader title={t('aggregators.title')} intro={t('aggregators.intro')} />
      <section className="card">
        <PagedTable
          query={list}
          caption={t('aggregators.title')}
          columns={columns(i18n)}
          rowKey={(row) => row.id}
          emptyTitle={t('aggregators.empty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={(next) => params.set({ sort: next })}
        />
      </section>
    </>
  );
}
