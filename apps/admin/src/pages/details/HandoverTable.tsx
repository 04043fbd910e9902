import type { Schemas } from '@ksbb/api-client';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { HANDOVER_TONE } from '../../components/status-tones';
import type { QueryState } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { useCurrentUser } from '../../auth/current-user';
import { handoverPath } from '../../navigation';

type Handover = Schemas['HandoverResponse'];

/** Handovers (BASTs) in a small table: number (a link), status, when handed over. */
export function HandoverTable({
  query,
  caption,
  format,
}: {
  query: QueryState<{ data: Handover[] }> & { reload(): void };
  caption: string;
  format: ReturnType<typeof useI18n>['format'];
}) {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  if (query.status === 'loading') return <LoadingState />;
  if (query.status === 'error') return <ErrorState failure={query.failure} onRetry={query.reload} />;
  if (query.data.data.length === 0) return <EmptyState title={t('details.noHandovers')} />;
  return (
    <DataTable<Handover>
      caption={caption}
      rows={query.data.data}
      rowKey={(h) => h.id}
      columns={[
        { header: t('details.bast'), cell: (h) => <Link to={handoverPath(role, h.id)}>{h.bastNumber ?? h.id.slice(0, 8)}</Link> },
        {
          header: t('needs.status'),
          cell: (h) => <StatusBadge label={t(`handoverStatus.${h.status}`)} tone={HANDOVER_TONE[h.status]} />,
        },
        { header: t('details.handedOverAt'), cell: (h) => (h.handedOverAt ? format.dateTime(h.handedOverAt) : '—') },
        { header: t('details.quantity'), className: 'num', cell: (h) => format.number(h.totalQuantity) },
      ]}
    />
  );
}
