import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest } from '../common/pagination';
import { escapeLike } from '../common/sql';
import { RegionLevel } from './region.entity';

export interface RegionView {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  name: string;
  lon: number | null;
  lat: number | null;
}

export interface RegionFilter {
  level?: RegionLevel;
  parentCode?: string;
  /** part of the name, or the start of the code */
  q?: string;
  /** exactly these codes (a batch lookup of names) */
  codes?: string[];
}

export interface RegionImportRow {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  name: string;
  lon: number | null;
  lat: number | null;
  /** GeoJSON geometry text of a boundary, if any */
  boundary: string | null;
}

const SELECT = `code, level, parent_code AS "parentCode", name, ST_X(point) AS lon, ST_Y(point) AS lat`;

@Injectable()
export class RegionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: RegionFilter, page: PageRequest, sortColumn: string, dir: 'ASC' | 'DESC'): Promise<Page<RegionView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.level) where.push(`level = $${params.push(filter.level)}`);
    if (filter.parentCode) where.push(`parent_code = $${params.push(filter.parentCode)}`);
    if (filter.q) {
      const name = params.push(`%${escapeLike(filter.q)}%`);
      const code = params.push(`${escapeLike(filter.q)}%`);
      where.push(`(name ILIKE $${name} OR code LIKE $${code})`);
    }
    if (filter.codes?.length) where.push(`code = ANY($${params.push(filter.codes)}::text[])`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${SELECT} FROM regions ${clause} ORDER BY ${sortColumn} ${dir}, code LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, offsetOf(page)],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM regions ${clause}`, params),
    ]);
    return pageOf(rows, total, page);
  }

  async find(code: string): Promise<RegionView | null> {
    const rows = await this.dataSource.query(`SELECT ${SELECT} FROM regions WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  /** The chain of enclosing regions, province first. Codes are hierarchical, so the ancestors are its prefixes. */
  async ancestors(code: string): Promise<RegionView[]> {
    const parts = code.split('.');
    const prefixes = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
    if (prefixes.length === 0) return [];
    return this.dataSource.query(`SELECT ${SELECT} FROM regions WHERE code = ANY($1) ORDER BY length(code)`, [prefixes]);
  }

  /** Upserts many regions in one statement; geometry parsed by PostGIS. */
  async upsertMany(manager: EntityManager, rows: RegionImportRow[]): Promise<{ inserted: number; updated: number }> {
    if (rows.length === 0) return { inserted: 0, updated: 0 };
    const result: { inserted: boolean }[] = await manager.query(
      `INSERT INTO regions (code, level, parent_code, name, point, boundary)
       SELECT r.code, r.level, r.parent_code, r.name,
              CASE WHEN r.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) END,
              CASE WHEN r.boundary IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(r.boundary), 4326) END
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])
              AS r(code, level, parent_code, name, lon, lat, boundary)
       ON CONFLICT (code) DO UPDATE SET
              level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, name = EXCLUDED.name,
              point = coalesce(EXCLUDED.point, regions.point), boundary = coalesce(EXCLUDED.boundary, regions.boundary)
       RETURNING (xmax = 0) AS inserted`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.level),
        rows.map((r) => r.parentCode),
        rows.map((r) => r.name),
        rows.map((r) => r.lon),
        rows.map((r) => r.lat),
        rows.map((r) => r.boundary),
      ],
    );
    const inserted = result.filter((r) => r.inserted).length;
    return { inserted, updated: result.length - inserted };
  }

  async existing(codes: string[]): Promise<Set<string>> {
    const rows: { code: string }[] = await this.dataSource.query(`SELECT code FROM regions WHERE code = ANY($1)`, [codes]);
    return new Set(rows.map((r) => r.code));
  }
}
