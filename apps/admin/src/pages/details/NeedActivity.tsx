import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { ALLOCATION_TONE } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { HandoverTable } from './HandoverTable';

type Allocation = Schemas['AllocationResponse'];

/**
 * The claims on one need, newest first. `linkCommitments`: each claim's commitment is a link to its page (the Pokja's);
 * otherwise its number is plain text (a kelurahan officer has no commitment pages).
 */
export function NeedClaims({
  needId,
  unit,
  linkCommitments = false,
}: {
  needId: string;
  unit: string;
  linkCommitments?: boolean;
}) {
  const { t, format } = useI18n();
  const claims = useApiQuery(
    (signal) =>
      api.GET('/api/v1/allocations', {
        params: { query: { needId, limit: 50, page: 1, sort: '-createdAt' } },
        signal,
      }),
    [needId],
  );
  return (
    <section className="card" aria-labelledby="need-claims">
      <h2 id="need-claims" className="card__title">
        {t('details.claims')}
      </h2>
      {claims.status === 'loading' ? (
        <LoadingState />
      ) : claims.status === 'error' ? (
        <ErrorState failure={claims.failure} onRetry={claims.reload} />
      ) : claims.data.data.length === 0 ? (
        <EmptyState title={t('details.noClaims')} />
      ) : (
        <DataTable<Allocation>
          caption={t('details.claims')}
          rows={claims.data.data}
          rowKey={(a) => a.id}
          columns={[
            {
              header: t('details.commitment'),
              cell: (a) =>
                linkCommitments ? (
                  <Link to={`/commitments/${a.commitmentId}`}>{a.commitmentNumber ?? a.commitmentId}</Link>
                ) : (
                  (a.commitmentNumber ?? '—')
                ),
            },
            {
              header: t('needs.quantity'),
              className: 'num',
              cell: (a) => `${format.number(a.quantity)} ${unit}`,
            },
            {
              header: t('needs.status'),
              cell: (a) => (
                <StatusBadge label={t(`allocationStatus.${a.status}`)} tone={ALLOCATION_TONE[a.status]} />
              ),
            },
            { header: t('details.claimedAt'), cell: (a) => format.dateTime(a.createdAt) },
          ]}
        />
      )}
    </section>
  );
}

/** The handovers of one need. */
export function NeedHandovers({ needId }: { needId: string }) {
  const { t, format } = useI18n();
  const handovers = useApiQuery(
    (signal) => api.GET('/api/v1/handovers', { params: { query: { needId, limit: 50, page: 1 } }, signal }),
    [needId],
  );
  return (
    <section className="card" aria-labelledby="need-handovers">
      <h2 id="need-handovers" className="card__title">
        {t('details.handovers')}
      </h2>
      <HandoverTable query={handovers} caption={t('details.handovers')} format={format} />
    </section>
  );
}
