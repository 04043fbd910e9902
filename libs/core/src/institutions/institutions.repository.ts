import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { ImportRejection } from '../common/csv-staging';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { escapeLike } from '../common/sql';
import type { InstitutionKind, SchoolLevel } from './institution.entity';
import { INSTITUTION_STAGING_COLUMNS } from './institution-csv';
import { InstitutionRow, InstitutionView, toInstitutionView } from './institution.view';

export interface InstitutionFilter {
  q?: string;
  kind?: InstitutionKind;
  regionCode?: string;
  jakpreneurMember?: boolean;
}

export interface InstitutionFields {
  kind: InstitutionKind;
  ref: string;
  name: string;
  schoolLevel: SchoolLevel | null;
  jakpreneurMember: boolean;
  address: string;
  regionCode: string;
  location: { lon: number; lat: number } | null;
}

export const INSTITUTION_SORT_COLUMNS = { name: 'i.name', kind: 'i.kind', createdAt: 'i.created_at', regionCode: 'i.region_code' };

const COLUMNS = `i.id, i.kind, i.ref, i.name, i.school_level AS "schoolLevel", i.jakpreneur_member AS "jakpreneurMember",
  i.address, i.region_code AS "regionCode", r.name AS "regionName", ST_X(i.location) AS lon, ST_Y(i.location) AS lat,
  i.version, i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

const STAGING = 'institution_import_staging';

export interface TargetReportRow {
  kind: InstitutionKind;
  registered: number;
  targeted: number;
  reached: number;
  needs: number;
  quantity: number;
  allocated: number;
  delivered: number;
}

/** Counts of institutions reached, by kind: targeted by a published need, and delivered to. */
export interface InstitutionsReached {
  kind: InstitutionKind;
  targeted: number;
  delivered: number;
}

@Injectable()
export class InstitutionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: InstitutionFilter, page: PageRequest, sort: SortSpec): Promise<Page<InstitutionView>> {
    const params: unknown[] = [];
    const bind = (v: unknown): string => `$${params.push(v)}`;
    const where: string[] = ['TRUE'];
    if (filter.kind) where.push(`i.kind = ${bind(filter.kind)}`);
    if (filter.jakpreneurMember !== undefined) where.push(`i.jakpreneur_member = ${bind(filter.jakpreneurMember)}`);
    if (filter.regionCode)
      where.push(`(i.region_code = ${bind(filter.regionCode)} OR i.region_code LIKE ${bind(`${escapeLike(filter.regionCode)}.%`)})`);
    if (filter.q) {
      // An id (NPSN/NIB/site code) matches exactly on the unique index; a name by trigram similarity (ILIKE).
      where.push(`(i.ref = ${bind(filter.q)} OR i.name ILIKE ${bind(`%${escapeLike(filter.q)}%`)})`);
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    const order = `${sort.column} ${sort.direction}, i.id ${sort.direction}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM institutions i LEFT JOIN regions r ON r.code = i.region_code ${clause}
          ORDER BY ${order} LIMIT ${bind(page.limit)} OFFSET ${bind(offsetOf(page))}`,
        params,
      ) as Promise<InstitutionRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM institutions i ${clause}`, countParams) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows.map(toInstitutionView), total, page);
  }

  async find(id: string, manager?: EntityManager): Promise<InstitutionView | null> {
    const rows: InstitutionRow[] = await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM institutions i LEFT JOIN regions r ON r.code = i.region_code WHERE i.id = $1`,
      [id],
    );
    return rows[0] ? toInstitutionView(rows[0]) : null;
  }

  /** The level of a region that an institution may be located in (a kelurahan or RW of Jakarta), or null. */
  async regionLevel(code: string): Promise<string | null> {
    const rows: { level: string }[] = await this.dataSource.query(
      `SELECT level FROM regions WHERE code = $1 AND level IN ('village', 'rw')`,
      [code],
    );
    return rows[0]?.level ?? null;
  }

  /** Inserts; null when an institution of this kind with this id exists already. */
  async insert(manager: EntityManager, f: InstitutionFields, createdBy: string | null): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO institutions (kind, ref, name, school_level, jakpreneur_member, address, region_code, location, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $9), 4326) END, $10)
       ON CONFLICT (kind, ref) DO NOTHING RETURNING id`,
      [f.kind, f.ref, f.name, f.schoolLevel, f.jakpreneurMember, f.address, f.regionCode, f.location?.lon ?? null, f.location?.lat ?? null, createdBy],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Updates in one guarded statement (the version when given); needs targeting the institution follow its region.
   * Returns whether a row changed.
   */
  async update(manager: EntityManager, id: string, f: InstitutionFields, expectedVersion?: number): Promise<boolean> {
    const rows: unknown = await manager.query(
      `UPDATE institutions SET ref = $2, name = $3, school_level = $4, jakpreneur_member = $5, address = $6, region_code = $7,
              location = CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $9), 4326) END,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND ($10::int IS NULL OR version = $10) RETURNING id`,
      [id, f.ref, f.name, f.schoolLevel, f.jakpreneurMember, f.address, f.regionCode, f.location?.lon ?? null, f.location?.lat ?? null, expectedVersion ?? null],
    );
    const changed = Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0].length : (rows as unknown[]).length;
    if (changed > 0) {
      await manager.query(
        `UPDATE needs SET region_code = $2, version = version + 1, updated_at = now()
          WHERE target_institution_id = $1 AND region_code <> $2 AND status IN ('draft', 'open', 'fully_allocated')`,
        [id, f.regionCode],
      );
    }
    return changed > 0;
  }

  async refTaken(manager: EntityManager, kind: InstitutionKind, ref: string, exceptId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM institutions WHERE kind = $1 AND ref = $2 AND id <> $3`, [kind, ref, exceptId]);
    return rows.length > 0;
  }

  /** Per kind: institutions targeted by a published (non-draft, non-cancelled) need, and those delivered to. */
  async reached(): Promise<InstitutionsReached[]> {
    return this.dataSource.query(
      `SELECT i.kind, count(DISTINCT i.id)::int AS targeted,
              count(DISTINCT i.id) FILTER (WHERE n.delivered_quantity > 0)::int AS delivered
         FROM needs n JOIN institutions i ON i.id = n.target_institution_id
        WHERE n.status NOT IN ('draft', 'cancelled')
        GROUP BY i.kind ORDER BY i.kind`,
    );
  }

  /**
   * Coverage and delivery by institution kind: registered institutions, those targeted by a live need (published,
   * not cancelled) and those delivered to, and the needs' quantities — optionally for one program.
   */
  async byTarget(programCode: string | null): Promise<TargetReportRow[]> {
    const rows: TargetReportRow[] = await this.dataSource.query(
      `WITH kinds(kind, ord) AS (VALUES ('school', 1), ('msme', 2), ('vendor_site', 3)),
            targeted AS (
              SELECT i.kind, n.target_institution_id, n.id, n.quantity, n.allocated_quantity, n.delivered_quantity
                FROM needs n JOIN institutions i ON i.id = n.target_institution_id
               WHERE n.status NOT IN ('draft', 'cancelled') AND ($1::text IS NULL OR n.program_code = $1)
            )
       SELECT k.kind,
              (SELECT count(*) FROM institutions i WHERE i.kind = k.kind)::int AS registered,
              count(DISTINCT t.target_institution_id)::int AS targeted,
              count(DISTINCT t.target_institution_id) FILTER (WHERE t.delivered_quantity > 0)::int AS reached,
              count(t.id)::int AS needs,
              coalesce(sum(t.quantity), 0)::bigint AS quantity,
              coalesce(sum(t.allocated_quantity), 0)::bigint AS allocated,
              coalesce(sum(t.delivered_quantity), 0)::bigint AS delivered
         FROM kinds k LEFT JOIN targeted t ON t.kind = k.kind
        GROUP BY k.kind, k.ord ORDER BY k.ord`,
      [programCode],
    );
    return rows.map((r) => ({ ...r, quantity: Number(r.quantity), allocated: Number(r.allocated), delivered: Number(r.delivered) }));
  }

  // --- import ---

  async connect(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    return { runner, client: (runner as unknown as { databaseConnection: PoolClient }).databaseConnection };
  }

  async createStaging(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TEMP TABLE ${STAGING} (
         line int NOT NULL, kind text NOT NULL, ref text NOT NULL, name text NOT NULL, school_level text,
         jakpreneur_member boolean NOT NULL, address text NOT NULL, region_code text NOT NULL, lon float8, lat float8
       ) ON COMMIT DROP`,
    );
  }

  copyStream(client: PoolClient): Writable {
    return client.query(copyFrom(`COPY ${STAGING} (${INSTITUTION_STAGING_COLUMNS}) FROM STDIN`));
  }

  /**
   * Checks every staged row (its region must be a Jakarta kelurahan or RW; (kind, ref) must not repeat an earlier
   * line) and upserts the good ones by (kind, ref), in one statement.
   */
  async upsertStaged(runner: QueryRunner, createdBy: string | null): Promise<{ inserted: number; updated: number; rejected: ImportRejection[] }> {
    await runner.query(`ANALYZE ${STAGING}`);
    const rows: { line: number | null; errors: string[] | null; inserted: number | null; updated: number | null }[] = await runner.query(
      `WITH staged AS (
         SELECT s.*, row_number() OVER w AS occurrence, min(s.line) OVER w AS first_line
           FROM ${STAGING} s WINDOW w AS (PARTITION BY s.kind, s.ref ORDER BY s.line)
       ),
       checked AS (
         SELECT s.*, array_remove(ARRAY[
                  CASE WHEN r.code IS NULL THEN format('region %s is not a kelurahan or RW of Jakarta', s.region_code) END,
                  CASE WHEN s.occurrence > 1 THEN format('%s %s repeats line %s', s.kind, s.ref, s.first_line) END
                ], NULL) AS errors
           FROM staged s LEFT JOIN regions r ON r.code = s.region_code AND r.level IN ('village', 'rw')
       ),
       upserted AS (
         INSERT INTO institutions (kind, ref, name, school_level, jakpreneur_member, address, region_code, location, created_by)
         SELECT c.kind, c.ref, c.name, c.school_level, c.jakpreneur_member, c.address, c.region_code,
                CASE WHEN c.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) END, $1::uuid
           FROM checked c WHERE cardinality(c.errors) = 0
         ON CONFLICT (kind, ref) DO UPDATE SET
                name = EXCLUDED.name, school_level = EXCLUDED.school_level, jakpreneur_member = EXCLUDED.jakpreneur_member,
                address = EXCLUDED.address, region_code = EXCLUDED.region_code, location = EXCLUDED.location,
                version = institutions.version + 1, updated_at = now()
         RETURNING (xmax = 0) AS inserted
       )
       SELECT c.line, c.errors, NULL::int AS inserted, NULL::int AS updated FROM checked c WHERE cardinality(c.errors) > 0
       UNION ALL
       SELECT NULL, NULL, (count(*) FILTER (WHERE inserted))::int, (count(*) FILTER (WHERE NOT inserted))::int FROM upserted`,
      [createdBy],
    );
    const outcome = { inserted: 0, updated: 0, rejected: [] as ImportRejection[] };
    for (const row of rows) {
      if (row.line === null) {
        outcome.inserted = row.inserted ?? 0;
        outcome.updated = row.updated ?? 0;
      } else outcome.rejected.push({ line: row.line, errors: row.errors ?? [] });
    }
    return outcome;
  }
}
