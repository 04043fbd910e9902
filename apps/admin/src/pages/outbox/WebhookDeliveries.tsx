import { useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { PagedTable } from '../../components/PagedTable';
import { StatusBadge } from '../../components/StatusBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useI18n } from '../../i18n/I18nProvider';
import { DELIVERY_TONE } from './delivery-status';

type Webhook = Schemas['WebhookResponse'];
type WebhookDelivery = Schemas['WebhookDeliveryResponse'];
const PAGE_SIZE = 10;

/** The delivery log of one webhook: each event sent to it, with its attempts and last error. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const { t, format } = useI18n();
  const [page, setPage] = useState(1);
  const deliveries = useApiQuery(
    (signal) =>
      api.GET('/api/v1/webhooks/{id}/deliveries', {
        params: { path: { id: webhook.id }, query: { page, limit: PAGE_SIZE } },
        signal,
      }),
    [webhook.id, page],
  );
  const title = t('webhooks.deliveriesOf', { url: webhook.url });
  return (
    <section className="stack" aria-label={title}>
      <h3>{title}</h3>
      <PagedTable<WebhookDelivery>
        query={deliveries}
        caption={title}
        emptyTitle={t('webhooks.deliveriesEmpty')}
        onPageChange={setPage}
        rowKey={(delivery) => delivery.id}
        columns={[
          { header: t('audit.at'), cell: (delivery) => format.dateTime(delivery.createdAt) },
          { header: t('outbox.event'), cell: (delivery) => <code>{delivery.eventType}</code> },
          {
            header: t('outbox.status'),
            cell: (delivery) => (
              <StatusBadge
                label={t(`deliveryStatus.${delivery.status}`)}
                tone={DELIVERY_TONE[delivery.status]}
              />
            ),
          },
          { header: t('outbox.attempts'), cell: (delivery) => format.number(delivery.attemptCount) },
          {
            header: t('outbox.lastError'),
            cell: (delivery) => <span className="muted">{delivery.lastError ?? '—'}</span>,
          },
        ]}
      />
    </section>
  );
}
