import '../../components/bulk/bulk.css';
import type { Schemas } from '@ksbb/api-client';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { AuditEntity } from '../../api/enums';
import { DataTable } from '../../components/DataTable';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';

type AuditEntry = Schemas['AuditEntryResponse'];
const SHOWN = 10;

/** The link to the audit log filtered to one object. */
export function historyPath(entity: AuditEntity, entityId: string): string {
  return `/audit?entity=${entity}&entityId=${encodeURIComponent(entityId)}`;
}

/** Who did what to one object, newest first: the last entries of the audit log, and a link to all of them. */
export function ObjectHistory({ entity, entityId, name }: { entity: AuditEntity; entityId: string; name: string }) {
  const { t, format } = useI18n();
  const entries = useApiQuery(
    (signal) =>
      api.GET('/api/v1/audit', {
        params: { query: { entity, entityId, limit: SHOWN, page: 1 } },
        signal,
      }),
    [entity, entityId],
  );
  return (
    <section className="card" aria-labelledby={`history-${entityId}`}>
      <div className="detail-card-header">
        <h2 id={`history-${entityId}`} className="card__title">
          {t('details.history')}
        </h2>
        <Link
          className="button button--ghost button--small"
          to={historyPath(entity, entityId)}
        >
          {t('details.fullHistory')}
          <span className="visually-hidden"> {name}</span>
        </Link>
      </div>
      {entries.status === 'loading' ? (
        <LoadingState />
      ) : entries.status === 'error' ? (
        <ErrorState failure={entries.failure} onRetry={entries.reload} />
      ) : entries.data.data.length === 0 ? (
        <EmptyState title={t('audit.empty')} />
      ) : (
        <DataTable<AuditEntry>
          caption={t('details.history')}
          rows={entries.data.data}
          rowKey={(entry) => entry.id}
          columns={[
            { header: t('audit.at'), cell: (entry) => format.dateTime(entry.at) },
            {
              header: t('audit.actor'),
              cell: (entry) => entry.actor.name ?? t(`actorKind.${entry.actor.kind}`),
            },
            { header: t('audit.action'), cell: (entry) => t(`auditAction.${entry.action}`) },
          ]}
        />
      )}
    </section>
  );
}
