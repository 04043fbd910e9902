import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { InvalidInputError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { UnitOfWork } from '../database/unit-of-work';
import { REGION_LEVELS, RegionLevel } from './region.entity';
import { RegionFilter, RegionImportRow, RegionsRepository, RegionView } from './regions.repository';

export interface RegionDetail extends RegionView {
  parents: RegionView[];
}

export interface RegionImportResult {
  inserted: number;
  updated: number;
  rejected: { line: number; errors: string[] }[];
}

const SORTABLE = { code: 'code', name: 'name', level: 'level' };
const CODE = /^31(\.\d{2}(\.\d{2}(\.\d{4}(\.RW\d{2}(\.RT\d{3})?)?)?)?)?$/;
const LEVEL_BY_DEPTH: RegionLevel[] = ['province', 'city', 'district', 'village', 'rw', 'rt'];

@Injectable()
export class RegionsService {
  constructor(
    private readonly regions: RegionsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  list(filter: RegionFilter, page: PageRequest): Promise<Page<RegionView>> {
    const sort = resolveSort(page.sort, SORTABLE, { column: 'code', direction: 'ASC' });
    return this.regions.list(filter, page, sort.column, sort.direction);
  }

  async get(code: string): Promise<RegionDetail> {
    const region = await this.regions.find(code);
    if (!region) throw new NotFoundError('region', code);
    return { ...region, parents: await this.regions.ancestors(code) };
  }

  /** Imports regions from CSV (code,level,parent_code,name,lon,lat) or a GeoJSON FeatureCollection. */
  async import(content: string, kind: 'csv' | 'geojson'): Promise<RegionImportResult> {
    const candidates = kind === 'csv' ? fromCsv(content) : fromGeoJson(content);
    const rejected: RegionImportResult['rejected'] = [];
    const good: RegionImportRow[] = [];
    const known = await this.regions.existing(candidates.map((c) => c.row.parentCode).filter((c): c is string => !!c));
    const incoming = new Set<string>();
    for (const { line, row, errors } of candidates) {
      if (row.parentCode && !known.has(row.parentCode) && !incoming.has(row.parentCode)) {
        errors.push(`parent ${row.parentCode} does not exist`);
      }
      if (errors.length) rejected.push({ line, errors });
      else {
        good.push(row);
        incoming.add(row.code);
      }
    }
    // Parents before children, so a file may carry both.
    good.sort((a, b) => a.code.split('.').length - b.code.split('.').length);
    const counts = await this.uow.run(async (tx) => {
      const c = await this.regions.upsertMany(tx.manager, good);
      await tx.audit({ action: 'region.imported', entity: 'region', after: { ...c, rejected: rejected.length, kind } });
      return c;
    });
    return { ...counts, rejected };
  }
}

interface Candidate {
  line: number;
  row: RegionImportRow;
  errors: string[];
}

function validate(line: number, raw: Record<string, unknown>, boundary: string | null): Candidate {
  const errors: string[] = [];
  const code = String(raw.code ?? '').trim();
  const level = String(raw.level ?? '').trim() as RegionLevel;
  const name = String(raw.name ?? '').trim();
  const parentRaw = String(raw.parent_code ?? raw.parentCode ?? '').trim();
  const lon = raw.lon === undefined || raw.lon === '' || raw.lon === null ? null : Number(raw.lon);
  const lat = raw.lat === undefined || raw.lat === '' || raw.lat === null ? null : Number(raw.lat);
  if (!CODE.test(code)) errors.push(`code "${code}" is not a Jakarta region code`);
  if (!REGION_LEVELS.includes(level)) errors.push(`level must be one of ${REGION_LEVELS.join(', ')}`);
  else if (CODE.test(code) && LEVEL_BY_DEPTH[code.split('.').length - 1] !== level) errors.push(`level ${level} does not match code ${code}`);
  if (!name || name.length > 200) errors.push('name is required (at most 200 characters)');
  const expectedParent = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
  if ((parentRaw || null) !== expectedParent) errors.push(`parent_code must be ${expectedParent ?? 'empty'}`);
  if ((lon === null) !== (lat === null)) errors.push('lon and lat go together');
  if (lon !== null && (!Number.isFinite(lon) || lon < -180 || lon > 180)) errors.push('lon must be within -180..180');
  if (lat !== null && (!Number.isFinite(lat) || lat < -90 || lat > 90)) errors.push('lat must be within -90..90');
  return { line, errors, row: { code, level, parentCode: expectedParent, name, lon, lat, boundary } };
}

function fromCsv(content: string): Candidate[] {
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new InvalidInputError(`the CSV could not be read: ${(e as Error).message}`);
  }
  return records.map((r, i) => validate(i + 2, r, null));
}

function fromGeoJson(content: string): Candidate[] {
  let doc: { type?: string; features?: { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } }[] };
  try {
    doc = JSON.parse(content);
  } catch {
    throw new InvalidInputError('the GeoJSON is not valid JSON');
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new InvalidInputError('expected a GeoJSON FeatureCollection');
  }
  return doc.features.map((f, i) => {
    const props = f.properties ?? {};
    const g = f.geometry;
    const isPoint = g?.type === 'Point' && Array.isArray(g.coordinates);
    const isArea = g?.type === 'Polygon' || g?.type === 'MultiPolygon';
    const coords = isPoint ? (g.coordinates as number[]) : [];
    const c = validate(i + 1, { ...props, lon: props.lon ?? coords[0], lat: props.lat ?? coords[1] }, isArea ? JSON.stringify(g) : null);
    if (g && !isPoint && !isArea) c.errors.push(`geometry ${g.type} is not supported (Point, Polygon, MultiPolygon)`);
    return c;
  });
}
