import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { PagedTable } from '../../components/PagedTable';
import type { HandoverStatus } from '../../api/enums';
import { StatusFilter } from '../../components/StatusFilter';
import { HANDOVER_STATUSES } from '../../components/status-tones';
import { useApiQuery } from '../../hooks/useApiQuery';
import { listQuery, useListPage } from '../../hooks/useListPage';
import { useI18n } from '../../i18n/I18nProvider';
import { HandoverQueuePanel } from '../../offline/HandoverQueuePanel';
import { handoverColumns, type Handover } from './handover-parts';
import type { Column } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import type { I18n } from '../../i18n/I18nProvider';

const PAGE_SIZE = 20;

/**
 * Handovers (BAST): for Pokja the review queue (`/handovers`, waiting ones first), for a collaborator or an aggregator
 * its own deliveries (`/deliveries`, with the button to submit a new one), for a kelurahan officer those of their area
 * (`/area-handovers`, with whether they confirmed each, and a filter for the ones awaiting their confirmation).
 */
export default function HandoversPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useCurrentUser();
  const pokja = role === 'admin' || role === 'operator';
  const officer = role === 'kelurahan';
  // Pokja opens on the review queue: the handovers waiting for a decision, oldest first
  const listPage = useListPage<HandoverStatus>({
    defaultSort: pokja ? 'createdAt' : '-createdAt',
    initialStatus: pokja ? 'submitted' : undefined,
  });
  const { params, page, setPage, sort, setSort, status, setStatus } = listPage;
  // the officer's "awaiting my confirmation" filter (`?awaiting=1`, linked from their home)
  const awaiting = officer && params.get('awaiting') === '1';
  const list = useApiQuery(
    (signal) =>
      api.GET('/api/v1/handovers', {
        params: {
          query: { ...listQuery(listPage, PAGE_SIZE), ...(awaiting ? { kelurahanConfirmed: false } : {}) },
        },
        signal,
      }),
    [page, sort, status, awaiting],
  );
  const title = t(pokja ? 'handovers.title' : officer ? 'nav.areaHandovers' : 'nav.deliveries');
  const intro = t(pokja ? 'handovers.intro' : officer ? 'area.handoversIntro' : 'handovers.ownIntro');
  const columns = handoverColumns(i18n, role);

  return (
    <>
      <PageHeader title={title} intro={intro}>
        {!pokja && !officer && (
          <Link className="button button--primary" to="/deliveries/new">
            {t('handoverForm.title')}
          </Link>
        )}
      </PageHeader>
      {!pokja && !officer && <HandoverQueuePanel />}
      <section className="card">
        <div className="filters">
          <StatusFilter
            id="handover-status"
            label={t('handovers.status')}
            options={HANDOVER_STATUSES}
            labelOf={(option) => t(`handoverStatus.${option}`)}
            value={status}
            onChange={setStatus}
          />
          {officer && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={awaiting}
                onChange={(event) => params.set({ awaiting: event.target.checked ? '1' : '' })}
              />
              {t('area.onlyAwaiting')}
            </label>
          )}
        </div>
        <PagedTable
          query={list}
          caption={title}
          columns={officer ? [...columns, confirmationColumn(i18n)] : columns}
          rowKey={(row) => row.id}
          emptyTitle={t(pokja ? 'handovers.empty' : officer ? 'area.handoversEmpty' : 'handovers.ownEmpty')}
          onPageChange={setPage}
          sort={sort}
          onSortChange={setSort}
        />
      </section>
    </>
  );
}

/** Whether the kelurahan officer confirmed the handover as the witness. */
function confirmationColumn({ t, format }: I18n): Column<Handover> {
  return {
    header: t('area.confirmation'),
    cell: (row) =>
      row.kelurahanConfirmation ? (
        <>
          <StatusBadge label={t('kelConfirm.confirmed')} tone="good" />
          <div className="muted small">{format.dateTime(row.kelurahanConfirmation.confirmedAt)}</div>
        </>
      ) : row.status === 'submitted' ? (
        <StatusBadge label={t('kelConfirm.awaiting')} tone="warn" />
      ) : (
        '—'
      ),
  };
}
