import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useI18n } from '../../i18n/I18nProvider';
import { JAKARTA_CENTER, type MapPoint } from './map-types';

const TILE_URL = (import.meta.env.VITE_TILE_URL ?? '').trim();
const TILE_ATTRIBUTION = import.meta.env.VITE_TILE_ATTRIBUTION ?? '© OpenStreetMap contributors';
const TONE_COLOR: Record<MapPoint['tone'], string> = { open: '#0b4a8b', done: '#17663a', idle: '#b84a0b' };
const MIN_RADIUS = 6;
const MAX_RADIUS = 22;

export interface LeafletMapProps {
  points: readonly MapPoint[];
  /** accessible name of the map */
  label: string;
  onSelect?(id: string): void;
}

function popupContent(point: MapPoint): HTMLElement {
  // built as DOM nodes, not HTML strings: labels come from user data
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = point.label;
  box.append(title);
  if (point.detail) {
    const detail = document.createElement('div');
    detail.textContent = point.detail;
    box.append(detail);
  }
  return box;
}

/**
 * Leaflet map of points. With VITE_TILE_URL it draws that base map; without it (or when the tiles cannot load, e.g.
 * offline) the points are drawn on a plain background, so the map works with no network at all.
 */
export default function LeafletMap({ points, label, onSelect }: LeafletMapProps) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const selectRef = useRef(onSelect);
  const pointsRef = useRef(points);
  const [tilesFailed, setTilesFailed] = useState(false);
  selectRef.current = onSelect;
  pointsRef.current = points;
  // redraw (and refit) only when what is drawn changes, not on every render of the page
  const signature = points
    .map((point) =>
      [point.id, point.lat, point.lon, point.weight, point.tone, point.label, point.detail].join(':'),
    )
    .join('|');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { center: JAKARTA_CENTER, zoom: 11, scrollWheelZoom: false });
    if (TILE_URL) {
      const tiles = L.tileLayer(TILE_URL, { attribution: TILE_ATTRIBUTION, maxZoom: 19 });
      let failures = 0;
      tiles.on('tileerror', () => {
        failures += 1;
        if (failures === 3) setTilesFailed(true);
      });
      tiles.addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    layerRef.current = L.layerGroup().addTo(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      layerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    const markers = pointsRef.current.map((point) => {
      const marker = L.circleMarker([point.lat, point.lon], {
        radius: MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(Math.max(0, Math.min(1, point.weight))),
        color: TONE_COLOR[point.tone],
        weight: 2,
        fillOpacity: 0.35,
      });
      marker.bindTooltip(point.label);
      marker.bindPopup(popupContent(point));
      marker.on('click', () => selectRef.current?.(point.id));
      return marker.addTo(layer);
    });
    if (markers.length > 0) {
      const bounds = L.latLngBounds(markers.map((marker) => marker.getLatLng()));
      map.fitBounds(bounds.pad(0.2), { maxZoom: 15, animate: false });
    }
  }, [signature]);

  const plain = !TILE_URL || tilesFailed;
  return (
    <figure className="map">
      <div
        ref={containerRef}
        className={plain ? 'map__canvas map__canvas--plain' : 'map__canvas'}
        role="region"
        aria-label={label}
        data-testid="leaflet-map"
        data-points={points.length}
      />
      <figcaption className="map__caption">
        {t('map.pointCount', { count: points.length })}
        {plain && <span> · {t(TILE_URL ? 'map.tilesOffline' : 'map.noTiles')}</span>}
      </figcaption>
    </figure>
  );
}
