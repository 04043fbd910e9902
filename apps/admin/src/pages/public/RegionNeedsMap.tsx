import { useMemo, useState } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import type { MapPoint } from '../../components/map/map-types';
import { MapPanel } from '../../components/map/MapPanel';
import { EmptyState, ErrorState, LoadingState } from '../../components/StatusViews';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ProgramFilter } from '../../components/ProgramFilter';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import { featureCenter } from './public-stats';

type Level = 'district' | 'village' | 'rw';
type RegionFeature = Schemas['MapFeature'];
const TOP_REGIONS = 20;

function regionPoints(features: readonly RegionFeature[], { t, format }: I18n): MapPoint[] {
  const largest = Math.max(1, ...features.map((feature) => feature.properties.available));
  return features.flatMap((feature) => {
    const center = featureCenter(feature);
    if (!center) return [];
    const { code, name, quantity, available, delivered } = feature.properties;
    const point: MapPoint = {
      id: code,
      ...center,
      label: name,
      detail: t('public.regionDetail', {
        available: format.number(available),
        quantity: format.number(quantity),
        delivered: format.number(delivered),
      }),
      tone: available > 0 ? 'open' : 'done',
      weight: available / largest,
    };
    return [point];
  });
}

/** Per district or village: what is needed, delivered and still open, as a map and a table (public data). */
export function RegionNeedsMap() {
  const i18n = useI18n();
  const { t, format } = i18n;
  const [program, setProgram] = useState('');
  const [level, setLevel] = useState<Level>('district');
  const map = useApiQuery(
    (signal) =>
      api.GET('/api/v1/public/needs/map', {
        params: { query: { program: program || undefined, level } },
        signal,
      }),
    [program, level],
  );
  const mapData = map.status === 'success' ? map.data : null;
  const features = useMemo(() => mapData?.features ?? [], [mapData]);
  const points = useMemo(() => regionPoints(features, i18n), [features, i18n]);
  const top = [...features]
    .filter((feature) => feature.properties.quantity > 0)
    .sort((a, b) => b.properties.available - a.properties.available)
    .slice(0, TOP_REGIONS);

  return (
    <section className="card stack" aria-labelledby="public-map-title">
      <h2 id="public-map-title">{t('public.mapTitle')}</h2>
      <div className="filters">
        <ProgramFilter id="public-program" label={t('needs.program')} value={program} onChange={setProgram} />
        <div className="field">
          <label htmlFor="public-level">{t('public.level')}</label>
          <select id="public-level" value={level} onChange={(event) => setLevel(event.target.value as Level)}>
            <option value="district">{t('public.levelDistrict')}</option>
            <option value="village">{t('public.levelVillage')}</option>
            <option value="rw">{t('public.levelRw')}</option>
          </select>
        </div>
      </div>
      {map.status === 'loading' && <LoadingState />}
      {map.status === 'error' && <ErrorState failure={map.failure} onRetry={map.reload} />}
      {map.status === 'success' && top.length === 0 && <EmptyState title={t('public.noNeeds')} />}
      {map.status === 'success' && top.length > 0 && (
        <>
          <MapPanel points={points} label={t('public.mapTitle')} />
          <DataTable
            caption={t('public.topRegions')}
            rows={top}
            rowKey={(feature) => feature.id}
            columns={[
              { header: t('needs.region'), cell: (feature) => feature.properties.name },
              {
                header: t('needs.quantity'),
                className: 'num',
                cell: (feature) => format.number(feature.properties.quantity),
              },
              {
                header: t('publicStats.delivered'),
                className: 'num',
                cell: (feature) => format.number(feature.properties.delivered),
              },
              {
                header: t('needs.available'),
                className: 'num',
                cell: (feature) => format.number(feature.properties.available),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
