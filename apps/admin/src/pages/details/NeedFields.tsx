import type { ReactNode } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { StatusBadge } from '../../components/StatusBadge';
import { NEED_TONE } from '../../components/status-tones';
import { useI18n } from '../../i18n/I18nProvider';

type Need = Schemas['NeedResponse'];

/**
 * A need's fields as a definition list, the same on the Pokja's need page and the officer's area need page. `region`
 * is how the page shows the need's region (the Pokja's its whole path, the officer's its name); the field contact
 * shows only where the API sends it (operators and claim holders).
 */
export function NeedFields({ need, region }: { need: Need; region: ReactNode }) {
  const { t, format } = useI18n();
  return (
    <dl className="details">
      <dt>{t('needs.status')}</dt>
      <dd>
        <StatusBadge label={t(`needStatus.${need.status}`)} tone={NEED_TONE[need.status]} />
      </dd>
      <dt>{t('needs.program')}</dt>
      <dd>{need.program.name}</dd>
      <dt>{t('needs.package')}</dt>
      <dd>{need.package.name}</dd>
      <dt>{t('needs.region')}</dt>
      <dd>{region}</dd>
      <dt>{t('needs.quantity')}</dt>
      <dd>
        {format.number(need.quantity)} {need.package.unit}
      </dd>
      <dt>{t('details.claimedDelivered')}</dt>
      <dd>
        {t('details.claimedDeliveredValue', {
          claimed: format.number(need.allocatedQuantity),
          delivered: format.number(need.deliveredQuantity),
          available: format.number(need.availableQuantity),
        })}
      </dd>
      <dt>{t('needs.dueDate')}</dt>
      <dd>{need.dueDate ? format.date(need.dueDate) : '—'}</dd>
      <dt>{t('needs.description')}</dt>
      <dd>{need.description || '—'}</dd>
      <dt>{t('needs.source')}</dt>
      <dd>{[need.source, need.sourceRef].filter(Boolean).join(' · ') || '—'}</dd>
      {need.contact && (
        <>
          <dt>{t('needs.contactName')}</dt>
          <dd>{[need.contact.name, need.contact.role, need.contact.phone].filter(Boolean).join(' · ') || '—'}</dd>
        </>
      )}
      <dt>{t('details.publishedAt')}</dt>
      <dd>{need.publishedAt ? format.dateTime(need.publishedAt) : '—'}</dd>
    </dl>
  );
}
