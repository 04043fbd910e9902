import type { Schemas } from '@ksbb/api-client';
import { Countdown } from '../../components/Countdown';
import type { Column } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { ALLOCATION_TONE } from '../../components/status-tones';
import type { I18n } from '../../i18n/I18nProvider';
import { RegionName } from '../../components/RegionName';

export type Allocation = Schemas['AllocationResponse'];

/** A claim that still holds quantity on its need. */
export function isActive(allocation: Allocation): boolean {
  return allocation.status === 'reserved' || allocation.status === 'partially_delivered';
}

export function allocationColumns(
  i18n: I18n,
  onRelease?: (allocation: Allocation) => void,
): Column<Allocation>[] {
  const { t, format } = i18n;
  const columns: Column<Allocation>[] = [
    {
      header: t('allocations.need'),
      cell: (row) => (
        <>
          <strong>{row.needTitle}</strong>
          <div className="muted small">
            {row.programCode} · {row.packageCode} · <RegionName code={row.regionCode} />
          </div>
        </>
      ),
    },
    { header: t('allocations.commitment'), priority: 3, cell: (row) => row.commitmentNumber ?? '—' },
    {
      header: t('allocations.quantity'),
      className: 'num',
      sortKey: 'quantity',
      cell: (row) => format.number(row.quantity),
    },
    {
      header: t('allocations.delivered'),
      priority: 2,
      className: 'num',
      cell: (row) => format.number(row.deliveredQuantity),
    },
    {
      header: t('allocations.expiresAt'),
      sortKey: 'expiresAt',
      cell: (row) =>
        isActive(row) ? (
          <>
            <Countdown until={row.expiresAt} />
            <div className="muted small">{format.dateTime(row.expiresAt)}</div>
          </>
        ) : (
          <span className="muted">{row.endedAt ? format.dateTime(row.endedAt) : '—'}</span>
        ),
    },
    {
      header: t('allocations.status'),
      sortKey: 'status',
      cell: (row) => (
        <>
          <StatusBadge label={t(`allocationStatus.${row.status}`)} tone={ALLOCATION_TONE[row.status]} />
          {row.endReason && <div className="muted small">{row.endReason}</div>}
        </>
      ),
    },
  ];
  if (onRelease) {
    columns.push({
      header: t('table.actions'),
      cell: (row) =>
        row.status === 'reserved' ? (
          <button type="button" className="button button--ghost button--small" onClick={() => onRelease(row)}>
            {t('allocations.release')}
            <span className="visually-hidden"> {row.needTitle}</span>
          </button>
        ) : null,
    });
  }
  return columns;
}
