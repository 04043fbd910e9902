/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** XYZ tile URL template for the maps; unset/empty: https://tile.openstreetmap.org/{z}/{x}/{y}.png; `none`: no base map */
  readonly VITE_TILE_URL?: string;
  /** attribution shown for those tiles */
  readonly VITE_TILE_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
