import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { DataSource, QueryRunner } from 'typeorm';
import { EDITABLE_NEED_STATUSES, statusAfterQuantitySql } from './need-lifecycle';
import { STAGING_COLUMNS } from './need-csv';

import type { ImportRejection } from '../common/csv-staging';
export type { ImportRejection };

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  rejected: ImportRejection[];
}

const STAGING = 'need_import_staging';
const EDITABLE = EDITABLE_NEED_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The set-based half of the needs import: a temporary staging table filled by COPY, then one statement that checks
 * every staged row against programs, packages, regions and existing needs and upserts the good ones.
 */
@Injectable()
export class NeedsImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A dedicated connection: the staging table lives in its session, and COPY needs the raw pg client. */
  async connect(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    return { runner, client: (runner as unknown as { databaseConnection: PoolClient }).databaseConnection };
  }

  /** Creates the staging table for the current transaction (it disappears with it, whatever happens). */
  async createStaging(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TEMP TABLE ${STAGING} (
         line int NOT NULL, program_code text NOT NULL, package_code text NOT NULL, region_code text NOT NULL,
         title text NOT NULL, description text NOT NULL, quantity int NOT NULL, beneficiary_count int NOT NULL,
         source text NOT NULL, source_ref text NOT NULL, lon float8, lat float8,
         contact_name text, contact_role text, contact_phone text, due_date date,
         target_kind text, target_ref text
       ) ON COMMIT DROP`,
    );
  }

  /** A writable taking COPY text lines into the staging table. */
  copyStream(client: PoolClient): Writable {
    return client.query(copyFrom(`COPY ${STAGING} (${STAGING_COLUMNS}) FROM STDIN`));
  }

  /** Staged rows' values as text in NEED_CSV_COLUMNS order, by line (for the rejected rows' file). */
  async stagedValues(runner: QueryRunner, lines: number[]): Promise<Map<number, string[]>> {
    const rows: { line: number; values: (string | null)[] }[] = await runner.query(
      `SELECT line, ARRAY[program_code, package_code, region_code, title, description, quantity::text,
                          beneficiary_count::text, source, source_ref, lon::text, lat::text, contact_name,
                          contact_role, contact_phone, due_date::text, target_kind, target_ref] AS values
         FROM ${STAGING} WHERE line = ANY($1::int[])`,
      [lines],
    );
    return new Map(rows.map((r) => [r.line, r.values.map((v) => v ?? '')]));
  }

  /**
   * Checks and upserts every staged row in one statement. A row is rejected (with its reasons) when its program is
   * unknown or closed, its package is not the program's, its region is unknown, its (program, sourceRef) repeats an
   * earlier line, or it would update a need that is no longer editable, has another package, or has more allocated
   * than the new quantity. New needs are `draft`, or `open` when publishing (only in an open program); updates keep
   * the status except that the quantity decides between open and fully allocated.
   */
  async upsertStaged(
    runner: QueryRunner,
    publish: boolean,
    createdBy: string | null,
  ): Promise<UpsertOutcome> {
    await runner.query(`ANALYZE ${STAGING}`);
    // Give the duplicate check's hash aggregate (one entry per staged row) and the hash joins room to stay in memory.
    await runner.query(`SET LOCAL work_mem = '128MB'`);
    const rows: {
      line: number | null;
      errors: string[] | null;
      inserted: number | null;
      updated: number | null;
    }[] = await runner.query(
      `WITH repeated AS (
         -- (program, sourceRef) pairs on more than one line, with the first of them: a hash aggregate, where a window
         -- over the pairs would sort every staged row
         SELECT program_code, source_ref, min(line) AS first_line
           FROM ${STAGING}
          GROUP BY program_code, source_ref
         HAVING count(*) > 1
       ),
       staged AS (
         SELECT s.*, d.first_line
           FROM ${STAGING} s
           LEFT JOIN repeated d ON d.program_code = s.program_code AND d.source_ref = s.source_ref
       ),
       checked AS (
         SELECT s.*, pk.id AS package_id, ti.id AS target_id,
                coalesce(ti.region_code, nullif(s.region_code, '')) AS effective_region,
                array_remove(ARRAY[
                  CASE WHEN pr.code IS NULL THEN format('program %s does not exist', s.program_code)
                       WHEN pr.status = 'closed' THEN format('program %s is closed', s.program_code)
                       WHEN $1 AND e.id IS NULL AND pr.status <> 'open'
                         THEN format('program %s is %s; needs can be published only in an open program', s.program_code, pr.status)
                  END,
                  CASE WHEN pr.code IS NOT NULL AND pk.id IS NULL
                       THEN format('package %s does not belong to program %s', s.package_code, s.program_code) END,
                  CASE WHEN s.target_ref IS NOT NULL AND ti.id IS NULL
                       THEN format('target %s %s does not exist', s.target_kind, s.target_ref)
                       WHEN r.code IS NULL THEN format('region %s does not exist', s.region_code) END,
                  -- the package's eligibility rule (see eligibilityErrors in needs.service.ts)
                  CASE WHEN pk.target_kind IS NOT NULL AND s.target_ref IS NULL
                       THEN format('package %s requires a target institution of kind %s (targetKind, targetRef)', s.package_code, pk.target_kind)
                       WHEN pk.target_kind IS NOT NULL AND ti.id IS NOT NULL AND NOT (
                              CASE WHEN pk.target_kind = 'jakpreneur_msme' THEN ti.kind = 'msme' AND ti.jakpreneur_member
                                   ELSE ti.kind = pk.target_kind END)
                       THEN format('package %s requires a target of kind %s; %s %s is not one', s.package_code, pk.target_kind, s.target_kind, s.target_ref)
                  END,
                  CASE WHEN pk.source_list IS NOT NULL AND lower(s.source) <> lower(pk.source_list)
                       THEN format('package %s requires needs from the source list %s; this row is from %s', s.package_code, pk.source_list, s.source)
                  END,
                  CASE WHEN s.line > s.first_line
                       THEN format('programCode %s with sourceRef %s repeats line %s', s.program_code, s.source_ref, s.first_line) END,
                  CASE WHEN e.status NOT IN (${EDITABLE})
                       THEN format('the need with sourceRef %s is %s and can no longer be changed', s.source_ref, e.status) END,
                  CASE WHEN e.package_id <> pk.id
                       THEN format('the need with sourceRef %s is for another package; its package cannot change', s.source_ref) END,
                  CASE WHEN e.allocated_quantity > s.quantity
                       THEN format('quantity %s is below the %s already allocated to donors', s.quantity, e.allocated_quantity) END
                ], NULL) AS errors
           FROM staged s
           LEFT JOIN programs pr ON pr.code = s.program_code
           LEFT JOIN packages pk ON pk.program_code = s.program_code AND pk.code = s.package_code
           LEFT JOIN institutions ti ON ti.kind = s.target_kind AND ti.ref = s.target_ref
           LEFT JOIN regions r ON r.code = coalesce(ti.region_code, nullif(s.region_code, ''))
           LEFT JOIN needs e ON e.program_code = s.program_code AND e.source_ref = s.source_ref
       ),
       upserted AS (
         INSERT INTO needs (program_code, package_id, region_code, title, description, quantity, beneficiary_count, status,
                            source, source_ref, location, contact_name, contact_role, contact_phone, due_date,
                            published_at, created_by, target_institution_id)
         SELECT c.program_code, c.package_id, c.effective_region, c.title, c.description, c.quantity, c.beneficiary_count,
                CASE WHEN $1 THEN 'open' ELSE 'draft' END, c.source, c.source_ref,
                CASE WHEN c.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) END,
                c.contact_name, c.contact_role, c.contact_phone, c.due_date,
                CASE WHEN $1 THEN now() END, $2::uuid, c.target_id
           FROM checked c
          WHERE cardinality(c.errors) = 0
         ON CONFLICT (program_code, source_ref) DO UPDATE SET
                region_code = EXCLUDED.region_code, target_institution_id = EXCLUDED.target_institution_id, title = EXCLUDED.title, description = EXCLUDED.description,
                quantity = EXCLUDED.quantity, beneficiary_count = EXCLUDED.beneficiary_count, source = EXCLUDED.source,
                location = EXCLUDED.location, contact_name = EXCLUDED.contact_name, contact_role = EXCLUDED.contact_role,
                contact_phone = EXCLUDED.contact_phone, due_date = EXCLUDED.due_date,
                status = ${statusAfterQuantitySql('needs', 'EXCLUDED.quantity')},
                version = needs.version + 1, updated_at = now()
          -- the same guards again, on the row as it is now: a claim or edit committed since the check still counts
          WHERE needs.allocated_quantity <= EXCLUDED.quantity AND needs.status IN (${EDITABLE})
            AND needs.package_id = EXCLUDED.package_id
         RETURNING (xmax = 0) AS inserted, program_code, source_ref
       )
       SELECT c.line, c.errors, NULL::int AS inserted, NULL::int AS updated FROM checked c WHERE cardinality(c.errors) > 0
       UNION ALL
       SELECT c.line, ARRAY['the need changed while importing (new claims or a status change); import the row again'], NULL, NULL
         FROM checked c
        WHERE cardinality(c.errors) = 0
          -- looked for only when a good row is missing from the upsert (a one-time filter, so no hash of every row)
          AND (SELECT count(*) FROM upserted) < (SELECT count(*) FROM checked WHERE cardinality(errors) = 0)
          AND NOT EXISTS (SELECT 1 FROM upserted u WHERE u.program_code = c.program_code AND u.source_ref = c.source_ref)
       UNION ALL
       SELECT NULL, NULL, (count(*) FILTER (WHERE inserted))::int, (count(*) FILTER (WHERE NOT inserted))::int FROM upserted`,
      [publish, createdBy],
    );
    const outcome: UpsertOutcome = { inserted: 0, updated: 0, rejected: [] };
    for (const row of rows) {
      if (row.line === null) {
        outcome.inserted = row.inserted ?? 0;
        outcome.updated = row.updated ?? 0;
      } else {
        outcome.rejected.push({ line: row.line, errors: row.errors ?? [] });
      }
    }
    return outcome;
  }
}
