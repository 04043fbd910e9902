import type { QueryRunner } from 'typeorm';
import { execute } from './seed-query';
import type { RegionCsvRow } from './regions-csv';

/**
 * Inserts the Kemendagri reference regions (province to village) in one statement. Existing codes are left alone:
 * after the first seed, names, points and boundaries belong to operators (`POST /regions/import`).
 * Parents and children arrive in the same statement, which is fine: foreign keys are checked at its end.
 */
export async function seedReferenceRegions(runner: QueryRunner, rows: RegionCsvRow[]): Promise<number> {
  return execute(
    runner,
    `INSERT INTO regions (code, level, parent_code, name, point, point_source)
     SELECT r.code, r.level, r.parent_code, r.name,
            ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326),
            r.point_source
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])
            AS r(code, level, parent_code, name, lon, lat, point_source)
      ORDER BY r.code
     ON CONFLICT (code) DO NOTHING`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.level),
      rows.map((r) => r.parentCode),
      rows.map((r) => r.name),
      rows.map((r) => r.lon),
      rows.map((r) => r.lat),
      rows.map((r) => r.pointSource),
    ],
  );
}
