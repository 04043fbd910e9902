import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useI18n } from '../../i18n/I18nProvider';
import { JAKARTA_CENTER, type MapPoint } from './map-types';

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
/** VITE_TILE_URL: unset or empty means OpenStreetMap's standard tiles; `none` draws no base map at all. */
const TILE_SETTING = (import.meta.env.VITE_TILE_URL ?? '').trim();
const TILE_URL = TILE_SETTING === 'none' ? '' : TILE_SETTING || OSM_TILES;
const TILE_ATTRIBUTION =
  import.meta.env.VITE_TILE_ATTRIBUTION ??
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
/** tiles that fail before the base map is declared unavailable */
const FAILED_TILES = 3;
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
 * Leaflet map of points on a base map (OpenStreetMap's tiles unless VITE_TILE_URL names others), with its attribution.
 * When the tiles cannot load (offline, blocked) the points stay on a quiet plain background and a short note says
 * so; with VITE_TILE_URL=none there is no base map and no note.
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
    map.attributionControl.setPrefix(false);
    if (TILE_URL) {
      const tiles = L.tileLayer(TILE_URL, { attribution: TILE_ATTRIBUTION, maxZoom: 19 });
      let failures = 0;
      tiles.on('tileerror', () => {
        failures += 1;
        if (failures === FAILED_TILES) setTilesFailed(true);
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
        {tilesFailed && <span data-testid="map-tiles-failed"> · {t('map.tilesOffline')}</span>}
      </figcaption>
    </figure>
  );
}
