import type { Schemas } from '@ksbb/api-client';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { COMMITMENT_TONE } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { HandoverTable } from './HandoverTable';

type Commitment = Schemas['CommitmentResponse'];

/** An aggregator's work: the commitments routed to it (its assignments) and the handovers it made for them. */
export function AggregatorWork({ aggregatorId }: { aggregatorId: string }) {
  const { t, format } = useI18n();
  const assignments = useApiQuery(
    (signal) =>
      api.GET('/api/v1/commitments', { params: { query: { aggregatorId, limit: 50, page: 1 } }, signal }),
    [aggregatorId],
  );
  const handovers = useApiQuery(
    (signal) => api.GET('/api/v1/handovers', { params: { query: { aggregatorId, limit: 50, page: 1 } }, signal }),
    [aggregatorId],
  );
  return (
    <>
      <section className="card" aria-labelledby="aggregator-assignments">
        <h2 id="aggregator-assignments" className="card__title">
          {t('details.assignments')}
        </h2>
        {assignments.status === 'loading' ? (
          <LoadingState />
        ) : assignments.status === 'error' ? (
          <ErrorState failure={assignments.failure} onRetry={assignments.reload} />
        ) : assignments.data.data.length === 0 ? (
          <EmptyState title={t('details.noCommitments')} />
        ) : (
          <DataTable<Commitment>
            caption={t('details.assignments')}
            rows={assignments.data.data}
            rowKey={(c) => c.id}
            columns={[
              {
                header: t('commitments.number'),
                cell: (c) => <Link to={`/commitments/${c.id}`}>{c.number ?? c.id.slice(0, 8)}</Link>,
              },
              { header: t('details.collaborator'), cell: (c) => c.collaboratorName },
              { header: t('commitments.program'), cell: (c) => c.programName },
              {
                header: t('commitments.status'),
                cell: (c) => (
                  <StatusBadge label={t(`commitmentStatus.${c.status}`)} tone={COMMITMENT_TONE[c.status]} />
                ),
              },
            ]}
          />
        )}
      </section>
      <section className="card" aria-labelledby="aggregator-handovers">
        <h2 id="aggregator-handovers" className="card__title">
          {t('details.handovers')}
        </h2>
        <HandoverTable query={handovers} caption={t('details.handovers')} format={format} />
      </section>
    </>
  );
}
