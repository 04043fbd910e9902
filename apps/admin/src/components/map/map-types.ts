/** A point on a map: a need, or the centre of a region with needs. Shared by the map and the pages (no Leaflet). */
export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  /** the name shown in the popup and the accessible list */
  label: string;
  /** a second line in the popup, e.g. "12 of 40 left" */
  detail?: string;
  tone: 'open' | 'done' | 'idle';
  /** relative size between 0 and 1, e.g. units still needed against the largest */
  weight: number;
}

/** Monas: the centre of Jakarta, where the maps start. */
export const JAKARTA_CENTER: [number, number] = [-6.1754, 106.8272];
