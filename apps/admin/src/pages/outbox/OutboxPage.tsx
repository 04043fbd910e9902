import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DELIVERY_CHANNELS, type DeliveryChannel, type DeliveryStatus } from '../../api/enums';
import { failureText } from '../../api/failure';
import { idempotencyKey, mutate } from '../../api/mutate';
import { useBulkAction } from '../../components/bulk/useBulkAction';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import { StatusBadge } from '../../components/StatusBadge';
import { StatusFilter } from '../../components/StatusFilter';
import { useToast } from '../../components/Toast';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { DELIVERY_STATUSES, DELIVERY_TONE } from './delivery-status';
import { Webhooks } from './Webhooks';

type Delivery = Schemas['DeliveryResponse'];
const PAGE_SIZE = 25;
/** a sent delivery is never sent twice, and one being sent waits for its outcome */
const RETRYABLE = new Set<DeliveryStatus>(['pending', 'failed', 'dead']);

export default function OutboxPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('outbox.title')} intro={t('outbox.intro')} />
      <Outbox />
      <Webhooks />
    </>
  );
}

function Outbox() {
  const { t, format } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [channel, setChannel] = useState<DeliveryChannel | ''>('');
  const [page, setPage] = useState(1);
  const [retrying, setRetrying] = useState<string | null>(null);
  const deliveries = useApiQuery(
    (signal) =>
      api.GET('/api/v1/notifications', {
        params: {
          query: {
            page,
            limit: PAGE_SIZE,
            ...(status ? { status } : {}),
            ...(channel ? { channel } : {}),
          },
        },
        signal,
      }),
    [page, status, channel],
  );

  const bulk = useBulkAction<Delivery>({
    rows: deliveries.status === 'success' ? deliveries.data.data : [],
    selectable: (delivery) => delivery.status === 'failed' || delivery.status === 'dead',
    nameOf: (delivery) => `${delivery.eventType} → ${delivery.recipient}`,
    actions: [
      {
        verb: 'retry',
        run: ({ ids, params }) => api.POST('/api/v1/notifications/bulk-retry', { params, body: { ids } }),
      },
    ],
    onChanged: () => deliveries.reload(),
  });

  async function retry(delivery: Delivery) {
    setRetrying(delivery.id);
    const result = await mutate(() =>
      api.POST('/api/v1/notifications/{id}/retry', {
        params: { path: { id: delivery.id }, header: { 'Idempotency-Key': idempotencyKey() } },
      }),
    );
    setRetrying(null);
    if (!result.ok) {
      toast.show(failureText(result.failure, t), 'error');
      return;
    }
    toast.show(t('outbox.retried'));
    deliveries.reload();
  }

  return (
    <section className="card stack" aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="visually-hidden">
        {t('outbox.title')}
      </h2>
      <div className="filters" role="group" aria-label={t('filters.label')}>
        <StatusFilter
          id="outbox-status"
          label={t('outbox.status')}
          options={DELIVERY_STATUSES}
          labelOf={(option) => t(`deliveryStatus.${option}`)}
          value={status}
          onChange={(next) => {
            setStatus(next);
            setPage(1);
          }}
        />
        <StatusFilter
          id="outbox-channel"
          label={t('outbox.channel')}
          options={DELIVERY_CHANNELS}
          labelOf={(option) => t(`channel.${option}`)}
          value={channel}
          onChange={(next) => {
            setChannel(next);
            setPage(1);
          }}
        />
      </div>
      {bulk.bar}
      <PagedTable<Delivery>
        query={deliveries}
        caption={t('outbox.title')}
        emptyTitle={t('outbox.empty')}
        onPageChange={setPage}
        rowKey={(delivery) => delivery.id}
        columns={[
          bulk.column,
          { header: t('audit.at'), cell: (delivery) => format.dateTime(delivery.createdAt) },
          {
            header: t('outbox.event'),
            cell: (delivery) => (
              <>
                <code>{delivery.eventType}</code>
                {delivery.reportRunId && <span className="muted"> · {t('outbox.reportAttached')}</span>}
              </>
            ),
          },
          {
            header: t('outbox.recipient'),
            cell: (delivery) => (
              <>
                {t(`channel.${delivery.channel}`)} <span className="muted">{delivery.recipient}</span>
              </>
            ),
          },
          {
            header: t('outbox.status'),
            cell: (delivery) => (
              <StatusBadge
                label={t(`deliveryStatus.${delivery.status}`)}
                tone={DELIVERY_TONE[delivery.status]}
              />
            ),
          },
          { header: t('outbox.attempts'), priority: 3, cell: (delivery) => format.number(delivery.attempts) },
          {
            header: t('outbox.lastError'),
            priority: 2,
            truncate: true,
            cell: (delivery) => <span className="muted">{delivery.lastError ?? '—'}</span>,
          },
          {
            header: t('table.actions'),
            cell: (delivery) =>
              RETRYABLE.has(delivery.status) ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={retrying === delivery.id}
                  onClick={() => void retry(delivery)}
                >
                  {t('outbox.retry')}
                  <span className="visually-hidden"> {delivery.eventType}</span>
                </button>
              ) : null,
          },
        ]}
      />
      {bulk.dialog}
    </section>
  );
}
