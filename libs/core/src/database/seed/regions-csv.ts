import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REGION_LEVELS, RegionLevel } from '../../regions/region.entity';

/** Where the reference CSV lives, relative to the repository root. */
export const REGIONS_CSV_PATH = 'libs/core/data/jakarta-regions.csv';

const EXPECTED_HEADER = 'code,level,parent_code,name,lon,lat,point_source';

/** One row of the Kemendagri reference list (province down to village). */
export interface RegionCsvRow {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  name: string;
  lon: number | null;
  lat: number | null;
  pointSource: string | null;
}

/**
 * The CSV next to the sources (`libs/core/src/database/seed` → `libs/core/data`), or, when the code runs from a
 * bundle whose `__dirname` is somewhere under `dist/`, the copy in the working directory's checkout.
 */
export function regionsCsvCandidates(): string[] {
  return [resolve(__dirname, '../../../data/jakarta-regions.csv'), join(process.cwd(), REGIONS_CSV_PATH)];
}

export function resolveRegionsCsvPath(): string {
  const candidates = regionsCsvCandidates();
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`Region reference CSV not found; looked in: ${candidates.join(', ')}`);
  return found;
}

export function readRegionsCsv(path: string = resolveRegionsCsvPath()): RegionCsvRow[] {
  return parseRegionsCsv(readFileSync(path, 'utf8'));
}

/** The file has no quoted fields (names contain no commas), so a plain split is exact; anything else is rejected. */
export function parseRegionsCsv(text: string): RegionCsvRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== EXPECTED_HEADER) {
    throw new Error(`Unexpected region CSV header: ${lines[0] ?? '(empty file)'}`);
  }
  return lines.slice(1).map((line, index) => parseLine(line, index + 2));
}

function parseLine(line: string, lineNumber: number): RegionCsvRow {
  const problem = (what: string) => new Error(`Region CSV line ${lineNumber}: ${what}`);
  if (line.includes('"')) throw problem('quoted fields are not supported');
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length !== 7) throw problem(`expected 7 fields, got ${fields.length}`);
  const [code, level, parentCode, name, lon, lat, pointSource] = fields;
  if (!code || !name) throw problem('code and name are required');
  if (!isRegionLevel(level)) throw problem(`unknown level "${level}"`);
  const longitude = parseCoordinate(lon, -180, 180);
  const latitude = parseCoordinate(lat, -90, 90);
  if (longitude === undefined || latitude === undefined) throw problem(`bad coordinates "${lon}", "${lat}"`);
  if ((longitude === null) !== (latitude === null))
    throw problem('lon and lat must be both set or both empty');
  return {
    code,
    level,
    parentCode: parentCode || null,
    name,
    lon: longitude,
    lat: latitude,
    pointSource: pointSource || null,
  };
}

/** null when empty, undefined when not a number in range. */
function parseCoordinate(value: string, min: number, max: number): number | null | undefined {
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

function isRegionLevel(value: string): value is RegionLevel {
  return (REGION_LEVELS as readonly string[]).includes(value);
}
