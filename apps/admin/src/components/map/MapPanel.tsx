import { lazy, Suspense } from 'react';
import { LoadingState } from '../StatusViews';
import type { LeafletMapProps } from './LeafletMap';

/** Leaflet and its CSS are fetched only when a map is shown: they stay out of the initial bundle. */
const LeafletMap = lazy(() => import('./LeafletMap'));

export function MapPanel(props: LeafletMapProps) {
  return (
    <Suspense fallback={<LoadingState />}>
      <LeafletMap {...props} />
    </Suspense>
  );
}
