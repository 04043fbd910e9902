import type { Schemas } from '@ksbb/api-client';
import type { MessageKey } from '../../i18n/id';

type PublicStats = Schemas['PublicStatsResponse'];
type MapFeature = Schemas['MapFeature'];

export interface StatFigure {
  labelKey: MessageKey;
  value: number;
  testId: string;
}

/** The headline numbers of `GET /public/stats`, in the order they are shown. */
export function statFigures(stats: PublicStats): StatFigure[] {
  return [
    { labelKey: 'publicStats.needs', value: stats.needs.count, testId: 'needs' },
    { labelKey: 'publicStats.quantity', value: stats.needs.quantity, testId: 'quantity' },
    { labelKey: 'publicStats.allocated', value: stats.needs.allocated, testId: 'allocated' },
    { labelKey: 'publicStats.delivered', value: stats.needs.delivered, testId: 'delivered' },
    { labelKey: 'publicStats.available', value: stats.needs.available, testId: 'available' },
    { labelKey: 'publicStats.beneficiaries', value: stats.beneficiaries.reached, testId: 'beneficiaries' },
    { labelKey: 'publicStats.collaborators', value: stats.collaborators.total, testId: 'collaborators' },
    { labelKey: 'publicStats.handovers', value: stats.handovers.verified, testId: 'handovers' },
  ];
}

/** A representative point of a feature: the point itself, or the middle of a boundary's bounding box. */
export function featureCenter(feature: MapFeature): { lat: number; lon: number } | null {
  const geometry = feature.geometry as { coordinates?: unknown } | null;
  if (!geometry) return null;
  const positions: [number, number][] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      positions.push([value[0], value[1]]);
    } else if (Array.isArray(value)) value.forEach(collect);
  };
  collect(geometry.coordinates);
  if (positions.length === 0) return null;
  const lons = positions.map(([lon]) => lon);
  const lats = positions.map(([, lat]) => lat);
  return {
    lon: (Math.min(...lons) + Math.max(...lons)) / 2,
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
  };
}
