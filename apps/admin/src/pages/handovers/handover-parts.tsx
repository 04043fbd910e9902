import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import type { HandoverStatus } from '../../api/enums';
import type { Role } from '../../auth/session-store';
import type { Column } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { HANDOVER_TONE } from '../../components/status-tones';
import type { I18n } from '../../i18n/I18nProvider';
import { handoverPath } from '../../navigation';
import { RegionName } from '../../components/RegionName';

export type Handover = Schemas['HandoverResponse'];

export function HandoverStatusBadge({ status, i18n }: { status: HandoverStatus; i18n: I18n }) {
  return <StatusBadge label={i18n.t(`handoverStatus.${status}`)} tone={HANDOVER_TONE[status]} />;
}

export function handoverColumns(i18n: I18n, role: Role | null): Column<Handover>[] {
  const { t, format } = i18n;
  return [
    {
      header: t('handovers.bastNumber'),
      sortKey: 'bastNumber',
      className: 'nowrap',
      cell: (row) => <Link to={handoverPath(role, row.id)}>{row.bastNumber}</Link>,
    },
    {
      header: t('handovers.collaborator'),
      cell: (row) => (
        <>
          {row.collaboratorName}
          {row.aggregatorName && (
            <div className="muted small">{t('handovers.via', { name: row.aggregatorName })}</div>
          )}
        </>
      ),
    },
    {
      header: t('handovers.location'),
      cell: (row) => (
        <>
          <RegionName code={row.location.regionCode} />
        </>
      ),
    },
    {
      header: t('handovers.handedOverAt'),
      sortKey: 'handedOverAt',
      cell: (row) => format.dateTime(row.handedOverAt),
    },
    { header: t('handovers.quantity'), className: 'num', priority: 3, cell: (row) => format.number(row.totalQuantity) },
    {
      header: t('handovers.status'),
      sortKey: 'status',
      cell: (row) => (
        <>
          <HandoverStatusBadge status={row.status} i18n={i18n} />
          {row.duplicateWarnings.length > 0 && row.status === 'submitted' && (
            <div className="small warning-text">
              {t('handovers.duplicateCount', { count: row.duplicateWarnings.length })}
            </div>
          )}
        </>
      ),
    },
  ];
}
