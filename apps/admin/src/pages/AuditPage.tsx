import type { Schemas } from '@ksbb/api-client';
import { api } from '../api/client';
import { isRole } from '../auth/session-store';
import { DataTable, type Column } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { Pagination } from '../components/Pagination';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useApiQuery } from '../hooks/useApiQuery';
import { usePageParam } from '../hooks/usePageParam';
import { useI18n, type I18n } from '../i18n/I18nProvider';

type AuditEntry = Schemas['AuditEntryResponse'];
const PAGE_SIZE = 25;

function actorLabel(entry: AuditEntry, { t }: I18n): string {
  const kind = t(`actorKind.${entry.actorKind}`);
  return entry.actorRole && isRole(entry.actorRole) ? `${kind} · ${t(`role.${entry.actorRole}`)}` : kind;
}

function auditColumns(i18n: I18n): Column<AuditEntry>[] {
  const { t, format } = i18n;
  return [
    { header: t('audit.at'), cell: (entry) => <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> },
    { header: t('audit.actor'), cell: (entry) => actorLabel(entry, i18n) },
    { header: t('audit.action'), cell: (entry) => <code>{entry.action}</code> },
    {
      header: t('audit.entity'),
      cell: (entry) => (
        <>
          {entry.entity}
          {entry.entityId && <span className="muted mono"> {entry.entityId}</span>}
        </>
      ),
    },
    { header: t('audit.ip'), cell: (entry) => <span className="mono">{entry.ip ?? '—'}</span> },
  ];
}

export default function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [page, setPage] = usePageParam();
  const entries = useApiQuery(
    (signal) => api.GET('/api/v1/audit', { params: { query: { page, limit: PAGE_SIZE } }, signal }),
    [page],
  );

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <section className="card">
        {entries.status === 'loading' && <LoadingState />}
        {entries.status === 'error' && <ErrorState failure={entries.failure} onRetry={entries.reload} />}
        {entries.status === 'success' && entries.data.data.length === 0 && (
          <EmptyState title={t('audit.empty')} />
        )}
        {entries.status === 'success' && entries.data.data.length > 0 && (
          <>
            <DataTable
              caption={t('audit.title')}
              rows={entries.data.data}
              columns={auditColumns(i18n)}
              rowKey={(entry) => entry.id}
            />
            <Pagination
              page={entries.data.meta.page}
              limit={entries.data.meta.limit}
              total={entries.data.meta.total}
              onPageChange={setPage}
            />
          </>
        )}
      </section>
    </>
  );
}
