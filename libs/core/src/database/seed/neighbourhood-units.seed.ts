import type { QueryRunner } from 'typeorm';
import { execute } from './seed-query';
import type { RegionCsvRow } from './regions-csv';

/*
 * Jakarta has ~2,700 RW and ~30,000 RT under its 267 villages, but no open list of them. The seed synthesises
 * plausible units so needs can be published down to RT level: counts and map points are derived from an md5 of
 * the unit's code, so every run (and every database) produces exactly the same rows.
 */

/** Inclusive bounds; with the 267 reference villages they yield 2,679 RW and 29,775 RT. */
export const RW_PER_VILLAGE = { min: 4, max: 16 } as const;
export const RT_PER_RW = { min: 6, max: 16 } as const;

/** Maximum lon/lat offset in degrees: ≈ 450 m from the village for an RW, ≈ 170 m from the RW for an RT. */
const RW_MAX_OFFSET_DEGREES = 0.004;
const RT_MAX_OFFSET_DEGREES = 0.0015;

export const SYNTHETIC_POINT_SOURCE = 'synthetic_offset';

/*
 * Each unit hashes its own code once (md5 = 32 hex digits) and reads independent values from separate 7-digit
 * slices of it: slice 0 → longitude offset, 1 → latitude offset, 2 → number of children. Hashing once per row
 * matters: md5 dominates the cost of generating 30,000 RTs.
 */
function hashSlice(hashSql: string, slice: number): string {
  return `('x' || substr(${hashSql}, ${slice * 7 + 1}, 7))::bit(28)::int`;
}

/** An integer in [min, max] taken from one slice of the hash. */
function hashBetween(hashSql: string, slice: number, min: number, max: number): string {
  return `(${min} + ${hashSlice(hashSql, slice)} % ${max - min + 1})`;
}

/** A coordinate moved by a hash-derived offset in [-maxOffset, maxOffset], rounded to 6 decimals (≈ 0.1 m). */
function offsetCoordinate(coordinateSql: string, hashSql: string, slice: number, maxOffset: number): string {
  const step = `(${hashBetween(hashSql, slice, -1000, 1000)} * ${maxOffset / 1000})`;
  return `round((${coordinateSql} + ${step})::numeric, 6)::float8`;
}

/**
 * RW units ($1 village codes, $2 lon, $3 lat) with their point and RT count; shared by both inserts.
 * MATERIALIZED keeps Postgres from inlining the CTEs and recomputing each md5 once per reference.
 */
const RW_UNITS_CTE = `
  village AS (
    SELECT v.code, v.lon, v.lat FROM unnest($1::text[], $2::float8[], $3::float8[]) AS v(code, lon, lat)
  ),
  rw_unit AS MATERIALIZED (
    SELECT u.*, md5(u.code) AS hash
      FROM (SELECT v.code || '.RW' || lpad(n::text, 2, '0') AS code, v.code AS parent_code, n, v.lon, v.lat
              FROM village v
             CROSS JOIN LATERAL generate_series(
                     1, ${hashBetween('md5(v.code)', 0, RW_PER_VILLAGE.min, RW_PER_VILLAGE.max)}) AS n) u
  ),
  rw AS MATERIALIZED (
    SELECT code, parent_code, 'RW ' || lpad(n::text, 2, '0') AS name,
           ${offsetCoordinate('lon', 'hash', 0, RW_MAX_OFFSET_DEGREES)} AS lon,
           ${offsetCoordinate('lat', 'hash', 1, RW_MAX_OFFSET_DEGREES)} AS lat,
           ${hashBetween('hash', 2, RT_PER_RW.min, RT_PER_RW.max)} AS rt_count
      FROM rw_unit
  )`;

const INSERT_RW_SQL = `
  WITH ${RW_UNITS_CTE}
  INSERT INTO regions (code, level, parent_code, name, point, point_source)
  SELECT code, 'rw', parent_code, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326), '${SYNTHETIC_POINT_SOURCE}'
    FROM rw
   ORDER BY code
  ON CONFLICT (code) DO NOTHING`;

const INSERT_RT_SQL = `
  WITH ${RW_UNITS_CTE},
  rt_unit AS MATERIALIZED (
    SELECT u.*, md5(u.code) AS hash
      FROM (SELECT rw.code || '.RT' || lpad(m::text, 3, '0') AS code, rw.code AS parent_code, m, rw.lon, rw.lat
              FROM rw
             CROSS JOIN LATERAL generate_series(1, rw.rt_count) AS m) u
  )
  INSERT INTO regions (code, level, parent_code, name, point, point_source)
  SELECT code, 'rt', parent_code, 'RT ' || lpad(m::text, 3, '0'),
         ST_SetSRID(ST_MakePoint(${offsetCoordinate('lon', 'hash', 0, RT_MAX_OFFSET_DEGREES)},
                                 ${offsetCoordinate('lat', 'hash', 1, RT_MAX_OFFSET_DEGREES)}), 4326),
         '${SYNTHETIC_POINT_SOURCE}'
    FROM rt_unit
   ORDER BY code
  ON CONFLICT (code) DO NOTHING`;

/** Inserts the synthetic RW and RT units under the given villages; returns how many of each were new. */
export async function seedNeighbourhoodUnits(
  runner: QueryRunner,
  villages: RegionCsvRow[],
): Promise<{ rw: number; rt: number }> {
  const parameters = [villages.map((v) => v.code), villages.map((v) => v.lon), villages.map((v) => v.lat)];
  const rw = await execute(runner, INSERT_RW_SQL, parameters);
  const rt = await execute(runner, INSERT_RT_SQL, parameters);
  return { rw, rt };
}
