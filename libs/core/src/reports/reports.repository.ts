import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../database/read-database';
import type { CollaboratorType } from '../collaborators/collaborator.entity';
import {
  CollaboratorScore,
  CoverageRow,
  ReportFilter,
  ReportInterval,
  TimeseriesPoint,
} from './report.types';
import {
  COUNTED_NEED_STATUSES,
  LEVEL_CODE_LENGTH,
  ReportLevel,
  rollupWithPendingFacts,
} from './rollups/rollup-sql';

export interface FlowTotals {
  needs: number;
  quantity: number;
  allocated: number;
  delivered: number;
  available: number;
  beneficiaries: number;
  beneficiariesReached: number;
  handoversSubmitted: number;
  handoversVerified: number;
  handoversRejected: number;
}

const COUNTED = `need_status = ANY('{${COUNTED_NEED_STATUSES.join(',')}}'::varchar[])`;
const counted = (alias: string): string => `${alias}.${COUNTED}`;

/** Need measures over published needs, available over open ones, and handover counts. */
const FLOW_SUMS = (m: string): string => `
  coalesce(sum(${m}.needs) FILTER (WHERE ${counted(m)}), 0)::float8 AS needs,
  coalesce(sum(${m}.quantity) FILTER (WHERE ${counted(m)}), 0)::float8 AS quantity,
  coalesce(sum(${m}.allocated) FILTER (WHERE ${counted(m)}), 0)::float8 AS allocated,
  coalesce(sum(${m}.delivered) FILTER (WHERE ${counted(m)}), 0)::float8 AS delivered,
  coalesce(sum(${m}.quantity - ${m}.allocated) FILTER (WHERE ${m}.need_status = 'open'), 0)::float8 AS available,
  coalesce(sum(${m}.beneficiaries) FILTER (WHERE ${counted(m)}), 0)::float8 AS beneficiaries,
  coalesce(sum(${m}.beneficiaries_reached) FILTER (WHERE ${counted(m)}), 0)::float8 AS "beneficiariesReached",
  coalesce(sum(${m}.handovers_submitted), 0)::float8 AS "handoversSubmitted",
  coalesce(sum(${m}.handovers_verified), 0)::float8 AS "handoversVerified",
  coalesce(sum(${m}.handovers_rejected), 0)::float8 AS "handoversRejected"`;

/** Period and program filter over the daily rollup; $1 program, $2 from, $3 to (each may be null). */
const DAILY_WHERE = `($1::varchar IS NULL OR program_code = $1) AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day <= $3)`;
const SIGNED_WHERE = `signed_on IS NOT NULL AND ($1::varchar IS NULL OR program_code = $1)
  AND ($2::date IS NULL OR signed_on >= $2) AND ($3::date IS NULL OR signed_on <= $3)`;

const percent = (part: string, whole: string): string =>
  `CASE WHEN ${whole} > 0 THEN round((${part})::numeric * 100 / (${whole})::numeric, 1)::float8 ELSE 0 END`;

/** The report queries. Every one reads rollups (plus the facts not folded yet), never the base tables' rows. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: ReadDatabase) {}

  async programExists(code: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM programs WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** The programs leadership reads about (open or closed; drafts are not public yet), by code. */
  programs(code?: string): Promise<{ code: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT code, name FROM programs WHERE status <> 'draft' AND ($1::varchar IS NULL OR code = $1) ORDER BY code`,
      [code ?? null],
    );
  }

  async today(): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT report_today()::text AS today`);
    return row.today;
  }

  async flows(f: ReportFilter): Promise<FlowTotals> {
    const [row] = await this.dataSource.query(
      `SELECT ${FLOW_SUMS('m')} FROM ${rollupWithPendingFacts('report_daily_rollups', DAILY_WHERE)} m`,
      [f.programCode ?? null, f.from ?? null, f.to ?? null],
    );
    return row;
  }

  /** Signed commitments (by the day they were signed) per current status: count and value. */
  async commitmentsByStatus(f: ReportFilter): Promise<{ status: string; count: number; value: number }[]> {
    return this.dataSource.query(
      `SELECT status, count(*)::int AS count, coalesce(sum(total_value), 0)::float8 AS value
         FROM report_commitment_facts WHERE ${SIGNED_WHERE} GROUP BY status ORDER BY status`,
      [f.programCode ?? null, f.from ?? null, f.to ?? null],
    );
  }

  /**
   * Collaborators by type: without a program, the verified ones (verified within the period); with one, those
   * that signed a commitment in it (within the period). The collaborators table is reference data (hundreds of
   * rows), read directly.
   */
  async collaboratorsByType(f: ReportFilter): Promise<{ type: CollaboratorType; count: number }[]> {
    const params = [f.programCode ?? null, f.from ?? null, f.to ?? null];
    if (!f.programCode) {
      return this.dataSource.query(
        `SELECT type, count(*)::int AS count FROM collaborators
          WHERE status = 'verified' AND $1::varchar IS NULL
            AND ($2::date IS NULL OR (verified_at AT TIME ZONE 'Asia/Jakarta')::date >= $2)
            AND ($3::date IS NULL OR (verified_at AT TIME ZONE 'Asia/Jakarta')::date <= $3)
          GROUP BY type`,
        params,
      );
    }
    return this.dataSource.query(
      `SELECT c.type, count(*)::int AS count FROM collaborators c
        WHERE c.id IN (SELECT collaborator_id FROM report_commitment_facts WHERE ${SIGNED_WHERE})
        GROUP BY c.type`,
      params,
    );
  }

  /** Per region at `level`; within `regionCode` (a coarser region's code) when given. */
  async coverage(
    level: ReportLevel,
    programCode: string | undefined,
    regionCode?: string,
  ): Promise<CoverageRow[]> {
    const length = LEVEL_CODE_LENGTH[level];
    const where = `${COUNTED} AND length(region_code) >= $2 AND ($1::varchar IS NULL OR program_code = $1)
      AND ($4::varchar IS NULL OR left(region_code, length($4)) = $4)`;
    return this.dataSource.query(
      `SELECT g.code,
              -- an RW's name ("RW 02") repeats in every kelurahan: it is named with its kelurahan
              CASE WHEN v.name IS NOT NULL THEN r.name || ' · ' || v.name ELSE coalesce(r.name, g.code) END AS name,
              g.needs, g.quantity, g.allocated, g.delivered, g.available,
              ${percent('g.delivered', 'g.quantity')} AS "coveragePercent"
         FROM (SELECT left(m.region_code, $2) AS code,
                      sum(m.needs)::int AS needs, sum(m.quantity)::float8 AS quantity,
                      sum(m.allocated)::float8 AS allocated, sum(m.delivered)::float8 AS delivered,
                      coalesce(sum(m.quantity - m.allocated) FILTER (WHERE m.need_status = 'open'), 0)::float8 AS available
                 FROM ${rollupWithPendingFacts(level === 'rw' ? 'report_region_rollups' : 'report_village_rollups', where)} m
                GROUP BY 1) g
         LEFT JOIN regions r ON r.level = $3 AND r.code = g.code
         LEFT JOIN regions v ON $3::varchar = 'rw' AND r.name IS NOT NULL AND v.level = 'village' AND v.code = left(g.code, 13)
        WHERE g.needs <> 0 OR g.quantity <> 0
        ORDER BY g.code`,
      [programCode ?? null, length, level, regionCode ?? null],
    );
  }

  async collaboratorScores(programCode: string | undefined): Promise<CollaboratorScore[]> {
    const standing = `f.status IN ('approved', 'completed')`;
    const overdue = `f.status = 'approved' AND f.planned_to < report_today() AND f.delivered < f.quantity`;
    return this.dataSource
      .query(
        `SELECT c.id AS "collaboratorId", c.name, c.type, s.*,
              ${percent('s.delivered', 's.committed')} AS "deliveredPercent"
         FROM (SELECT f.collaborator_id,
                      count(*) FILTER (WHERE f.signed_on IS NOT NULL)::int AS commitments,
                      coalesce(sum(f.quantity) FILTER (WHERE ${standing}), 0)::float8 AS committed,
                      coalesce(sum(f.total_value) FILTER (WHERE ${standing}), 0)::float8 AS "committedValue",
                      sum(f.allocated)::float8 AS allocated,
                      sum(f.delivered)::float8 AS delivered,
                      count(*) FILTER (WHERE ${overdue})::int AS "overdueCommitments",
                      coalesce(sum(f.quantity - f.delivered) FILTER (WHERE ${overdue}), 0)::float8 AS "overdueQuantity",
                      sum(f.expired_claims)::int AS "expiredClaims",
                      sum(f.expired_quantity)::float8 AS "expiredQuantity",
                      count(*) FILTER (WHERE f.status = 'cancelled')::int AS "cancelledCommitments",
                      coalesce(sum(f.quantity) FILTER (WHERE f.status = 'cancelled'), 0)::float8 AS "cancelledQuantity"
                 FROM report_commitment_facts f
                WHERE f.status <> 'draft' AND ($1::varchar IS NULL OR f.program_code = $1)
                GROUP BY f.collaborator_id) s
         JOIN collaborators c ON c.id = s.collaborator_id
        ORDER BY c.name, c.id`,
        [programCode ?? null],
      )
      .then((rows: (CollaboratorScore & { collaborator_id?: string })[]) =>
        rows.map(({ collaborator_id: _, ...row }) => row),
      );
  }

  /** The first day anything happened (for a time series without `from`). */
  async firstDay(programCode: string | undefined): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT least(
                (SELECT min(day) FROM report_daily_rollups WHERE $1::varchar IS NULL OR program_code = $1),
                (SELECT min(day) FROM report_facts WHERE $1::varchar IS NULL OR program_code = $1),
                (SELECT min(signed_on) FROM report_commitment_facts WHERE $1::varchar IS NULL OR program_code = $1)
              )::text AS day`,
      [programCode ?? null],
    );
    return row.day;
  }

  async timeseries(
    interval: ReportInterval,
    f: Required<Pick<ReportFilter, 'from' | 'to'>> & ReportFilter,
  ): Promise<TimeseriesPoint[]> {
    const bucket = (col: string): string => `date_trunc($4, ${col})::date`;
    return this.dataSource.query(
      `WITH buckets AS (
         SELECT generate_series(date_trunc($4, $2::date), date_trunc($4, $3::date), ('1 ' || $4)::interval)::date AS period
       ), flows AS (
         SELECT ${bucket('m.day')} AS period, ${FLOW_SUMS('m')}
           FROM ${rollupWithPendingFacts('report_daily_rollups', DAILY_WHERE)} m GROUP BY 1
       ), signed AS (
         SELECT ${bucket('signed_on')} AS period, count(*)::int AS n, coalesce(sum(total_value), 0)::float8 AS value
           FROM report_commitment_facts WHERE ${SIGNED_WHERE} GROUP BY 1
       )
       SELECT b.period::text AS period,
              coalesce(f.needs, 0) AS "needsPublished", coalesce(f.quantity, 0) AS quantity,
              coalesce(f.allocated, 0) AS allocated, coalesce(f.delivered, 0) AS delivered,
              coalesce(f."beneficiariesReached", 0) AS "beneficiariesReached",
              coalesce(f."handoversSubmitted", 0) AS "handoversSubmitted",
              coalesce(f."handoversVerified", 0) AS "handoversVerified",
              coalesce(f."handoversRejected", 0) AS "handoversRejected",
              coalesce(s.n, 0) AS "commitmentsSigned", coalesce(s.value, 0) AS "commitmentsValue",
              sum(coalesce(f.delivered, 0)) OVER (ORDER BY b.period)::float8 AS "cumulativeDelivered"
         FROM buckets b LEFT JOIN flows f ON f.period = b.period LEFT JOIN signed s ON s.period = b.period
        ORDER BY b.period`,
      [f.programCode ?? null, f.from, f.to, interval],
    );
  }
}
