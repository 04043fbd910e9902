import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Schemas } from '@ksbb/api-client';
import type { Column } from '../../components/DataTable';
import { MapPanel } from '../../components/map/MapPanel';
import type { MapPoint } from '../../components/map/map-types';
import { PagedTable } from '../../components/PagedTable';
import { StatusBadge } from '../../components/StatusBadge';
import { StatusFilter } from '../../components/StatusFilter';
import { ErrorState, LoadingState } from '../../components/StatusViews';
import { NEED_STATUSES, NEED_TONE } from '../../components/status-tones';
import { ProgramFilter } from '../../components/ProgramFilter';
import type { I18n } from '../../i18n/I18nProvider';
import type { NeedsList } from './useNeedsList';
import { RegionName } from '../../components/RegionName';
import { RegionInput } from './RegionInput';

export type Need = Schemas['NeedResponse'];

/** Table or map, chosen in the URL (`?view=map`). */
function ViewSwitch({ list, i18n }: { list: NeedsList; i18n: I18n }) {
  const { t } = i18n;
  const { params, view } = list;
  return (
    <div className="segmented" role="group" aria-label={t('needs.viewLabel')}>
      {(['table', 'map'] as const).map((option) => (
        <button
          key={option}
          type="button"
          className="segmented__option"
          aria-pressed={view === option}
          onClick={() => params.set({ view: option === 'map' ? 'map' : '', page: '' })}
        >
          {t(option === 'map' ? 'needs.viewMap' : 'needs.viewTable')}
        </button>
      ))}
    </div>
  );
}

/** Program, status, region and free-text filters of a needs list, kept in the URL. */
function NeedFilters({ list, i18n, withStatus }: { list: NeedsList; i18n: I18n; withStatus: boolean }) {
  const { params } = list;
  const { t } = i18n;
  const [q, setQ] = useState(params.get('q'));
  const [region, setRegion] = useState(params.get('region'));
  const currentQ = params.get('q');
  const currentRegion = params.get('region');
  useEffect(() => setQ(currentQ), [currentQ]);
  useEffect(() => setRegion(currentRegion), [currentRegion]);

  function apply(event: FormEvent) {
    event.preventDefault();
    params.set({ q: q.trim(), region: region.trim() });
  }

  return (
    <form className="filters" onSubmit={apply} role="search" aria-label={t('filters.label')}>
      <ProgramFilter
        id="filter-program"
        label={t('needs.program')}
        value={params.get('program')}
        onChange={(program) => params.set({ program })}
      />
      {withStatus && (
        <StatusFilter
          id="filter-status"
          label={t('needs.status')}
          options={NEED_STATUSES}
          labelOf={(status) => t(`needStatus.${status}`)}
          value={list.status}
          onChange={list.setStatus}
        />
      )}
      <div className="field">
        <label htmlFor="filter-region">{t('needs.region')}</label>
        <RegionInput id="filter-region" value={region} onChange={(code) => setRegion(code)} />
      </div>
      <div className="field filters__grow">
        <label htmlFor="filter-q">{t('filters.search')}</label>
        <input id="filter-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      <button type="submit" className="button button--secondary filters__submit">
        {t('filters.apply')}
      </button>
    </form>
  );
}

/** The columns every needs table shows. */
export function needColumns({ t, format }: I18n): Column<Need>[] {
  return [
    {
      header: t('needs.title'),
      sortKey: 'title',
      cell: (need) => (
        <>
          <strong>{need.title}</strong>
          <div className="muted small">
            {need.program.name} · {need.package.name}
          </div>
        </>
      ),
    },
    {
      header: t('needs.region'),
      cell: (need) => (
        <>
          <RegionName code={need.region.code} />
        </>
      ),
    },
    {
      header: t('needs.quantity'),
      className: 'num',
      sortKey: 'quantity',
      cell: (need) => `${format.number(need.quantity)} ${need.package.unit}`,
    },
    {
      header: t('needs.available'),
      className: 'num',
      sortKey: 'availableQuantity',
      cell: (need) => format.number(need.availableQuantity),
    },
    {
      header: t('needs.dueDate'),
      priority: 3,
      sortKey: 'dueDate',
      cell: (need) => (need.dueDate ? format.date(need.dueDate) : '—'),
    },
    {
      header: t('needs.status'),
      cell: (need) => <StatusBadge label={t(`needStatus.${need.status}`)} tone={NEED_TONE[need.status]} />,
    },
  ];
}

/** Needs with a location as map points, sized by what is still needed. */
export function needPoints(needs: readonly Need[], { t, format }: I18n): MapPoint[] {
  const located = needs.filter((need) => need.location);
  const largest = Math.max(1, ...located.map((need) => need.availableQuantity));
  return located.map((need) => ({
    id: need.id,
    lat: need.location?.lat ?? 0,
    lon: need.location?.lon ?? 0,
    label: need.title,
    detail: t('needs.mapDetail', {
      available: format.number(need.availableQuantity),
      quantity: format.number(need.quantity),
      unit: need.package.unit,
      region: need.region.name,
    }),
    tone: need.availableQuantity > 0 ? 'open' : need.status === 'draft' ? 'idle' : 'done',
    weight: need.availableQuantity / largest,
  }));
}

/**
 * The card of a needs list: its filters and the table/map switch, then the table (paged) or the map (the first needs
 * of the filter, `onSelect` called with the one chosen on it).
 */
export function NeedsListSection({
  list,
  i18n,
  withStatus,
  caption,
  columns,
  emptyTitle,
  onSelect,
  countLocated = false,
  aboveTable,
}: {
  list: NeedsList;
  i18n: I18n;
  withStatus: boolean;
  caption: string;
  columns: readonly Column<Need>[];
  emptyTitle: string;
  onSelect?(need: Need | null): void;
  /** say under the map how many of the filter's needs have a location */
  countLocated?: boolean;
  /** shown above the table (e.g. the bulk actions of the ticked rows) */
  aboveTable?: ReactNode;
}) {
  const { t } = i18n;
  const { needs } = list;
  return (
    <section className="card">
      <div className="toolbar">
        <NeedFilters list={list} i18n={i18n} withStatus={withStatus} />
        <ViewSwitch list={list} i18n={i18n} />
      </div>
      {list.view === 'table' ? (
        <>
          {aboveTable}
          <PagedTable
          query={needs}
          caption={caption}
          columns={columns}
          rowKey={(need) => need.id}
          emptyTitle={emptyTitle}
          onPageChange={list.setPage}
          sort={list.sort}
          onSortChange={list.setSort}
        />
        </>
      ) : needs.status === 'loading' ? (
        <LoadingState />
      ) : needs.status === 'error' ? (
        <ErrorState failure={needs.failure} onRetry={needs.reload} />
      ) : (
        <>
          <MapPanel
            points={needPoints(needs.data.data, i18n)}
            label={t('needs.mapLabel')}
            onSelect={onSelect && ((id) => onSelect(needs.data.data.find((need) => need.id === id) ?? null))}
          />
          {countLocated && (
            <p className="muted small">
              {t('needs.mapShown', {
                shown: needs.data.data.filter((need) => need.location).length,
                total: needs.data.meta.total,
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
