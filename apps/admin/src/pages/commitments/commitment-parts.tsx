import { Link } from 'react-router';
import type { Schemas } from '@ksbb/api-client';
import type { Role } from '../../auth/session-store';
import type { Column } from '../../components/DataTable';
import { DataTable } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { COMMITMENT_TONE } from '../../components/status-tones';
import type { I18n } from '../../i18n/I18nProvider';
import { commitmentPath } from '../../navigation';

export type Commitment = Schemas['CommitmentResponse'];
type Item = Schemas['CommitmentItemResponse'];

export function commitmentColumns(i18n: I18n, role: Role | null): Column<Commitment>[] {
  const { t, format } = i18n;
  return [
    {
      header: t('commitments.number'),
      sortKey: 'number',
      className: 'nowrap',
      cell: (row) => (
        <Link to={commitmentPath(role, row.id)}>
          {row.number ?? t('commitments.unnumbered')}
          <span className="visually-hidden"> · {row.collaboratorName}</span>
        </Link>
      ),
    },
    {
      header: t('commitments.collaborator'),
      cell: (row) => (
        <>
          {row.collaboratorName}
          <div className="muted small">{t(`collaboratorType.${row.collaboratorType}`)}</div>
        </>
      ),
    },
    { header: t('commitments.program'), cell: (row) => row.programName },
    {
      header: t('commitments.delivery'),
      priority: 2,
      cell: (row) =>
        row.deliveryMode === 'aggregator'
          ? (row.aggregatorName ?? t('deliveryMode.aggregator'))
          : t('deliveryMode.direct'),
    },
    {
      header: t('commitments.total'),
      className: 'num',
      sortKey: 'totalValue',
      cell: (row) => format.rupiah(row.totalValue),
    },
    {
      header: t('commitments.window'),
      priority: 3,
      sortKey: 'plannedFrom',
      cell: (row) => `${format.date(row.plannedFrom)} – ${format.date(row.plannedTo)}`,
    },
    {
      header: t('commitments.status'),
      sortKey: 'status',
      cell: (row) => (
        <StatusBadge label={t(`commitmentStatus.${row.status}`)} tone={COMMITMENT_TONE[row.status]} />
      ),
    },
  ];
}

/** The commitment's items with their claimed and delivered quantities and the total in rupiah. */
export function CommitmentItems({ commitment, i18n }: { commitment: Commitment; i18n: I18n }) {
  const { t, format } = i18n;
  const columns: Column<Item>[] = [
    {
      header: t('commitments.package'),
      cell: (item) => (
        <>
          {item.packageName}
          <div className="muted mono small">{item.packageCode}</div>
        </>
      ),
    },
    {
      header: t('commitments.quantity'),
      className: 'num',
      cell: (item) => `${format.number(item.quantity)} ${item.unit}`,
    },
    { header: t('commitments.unitValue'), className: 'num', cell: (item) => format.rupiah(item.unitValue) },
    { header: t('commitments.subtotal'), className: 'num', cell: (item) => format.rupiah(item.subtotal) },
    {
      header: t('commitments.claimed'),
      className: 'num',
      cell: (item) => format.number(item.allocatedQuantity),
    },
    {
      header: t('commitments.left'),
      className: 'num',
      cell: (item) => format.number(item.availableQuantity),
    },
    {
      header: t('commitments.delivered'),
      className: 'num',
      cell: (item) => format.number(item.deliveredQuantity),
    },
  ];
  return (
    <>
      <DataTable
        caption={t('commitments.items')}
        rows={commitment.items}
        columns={columns}
        rowKey={(item) => item.id}
      />
      <p className="total-line">
        {t('commitments.total')}:{' '}
        <strong data-testid="commitment-total">{format.rupiah(commitment.totalValue)}</strong>
      </p>
    </>
  );
}
