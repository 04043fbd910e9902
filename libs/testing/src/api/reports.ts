import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * The reports' numbers recomputed straight from the base tables (needs, handovers, commitments, items,
 * allocations, collaborators), independently of the rollups: what the tests compare every report with.
 */

const COUNTED = `status IN ('open', 'fully_allocated', 'fulfilled', 'closed')`;
const LENGTH = { city: 5, district: 8, village: 13, rw: 18 } as const;

export async function expectedCoverage(
  ds: DataSource,
  level: keyof typeof LENGTH,
  program: string | null,
): Promise<
  { code: string; needs: number; quantity: number; allocated: number; delivered: number; available: number }[]
> {
  return ds.query(
    `SELECT left(region_code, $1) AS code, count(*)::int AS needs, sum(quantity)::int AS quantity,
            sum(allocated_quantity)::int AS allocated, sum(delivered_quantity)::int AS delivered,
            coalesce(sum(quantity - allocated_quantity) FILTER (WHERE status = 'open'), 0)::int AS available
       FROM needs WHERE ${COUNTED} AND length(region_code) >= $1 AND ($2::varchar IS NULL OR program_code = $2)
      GROUP BY 1 ORDER BY 1`,
    [LENGTH[level], program],
  );
}

export interface ExpectedSummary {
  needs: { count: number; quantity: number; allocated: number; delivered: number; available: number };
  handovers: { submitted: number; verified: number; rejected: number; pending: number };
  beneficiaries: { planned: number; reached: number };
  commitments: { count: number; totalValue: number; byStatus: Record<string, number> };
  collaboratorsTotal: number;
}

export async function expectedSummary(ds: DataSource, program: string | null): Promise<ExpectedSummary> {
  const [needs] = await ds.query(
    `SELECT count(*)::int AS count, coalesce(sum(quantity), 0)::int AS quantity,
            coalesce(sum(allocated_quantity), 0)::int AS allocated, coalesce(sum(delivered_quantity), 0)::int AS delivered,
            coalesce(sum(quantity - allocated_quantity) FILTER (WHERE status = 'open'), 0)::int AS available,
            coalesce(sum(beneficiary_count), 0)::int AS planned,
            coalesce(sum(beneficiary_count * delivered_quantity / quantity), 0)::int AS reached
       FROM needs WHERE ${COUNTED} AND ($1::varchar IS NULL OR program_code = $1)`,
    [program],
  );
  const [handovers] = await ds.query(
    `SELECT count(*)::int AS submitted, count(*) FILTER (WHERE status = 'verified')::int AS verified,
            count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE status = 'submitted')::int AS pending
       FROM handovers WHERE $1::varchar IS NULL OR program_code = $1`,
    [program],
  );
  const commitments: { status: string; count: number; value: number }[] = await ds.query(
    `SELECT status, count(*)::int AS count, sum(total_value)::float8 AS value FROM commitments
      WHERE signed_at IS NOT NULL AND ($1::varchar IS NULL OR program_code = $1) GROUP BY status`,
    [program],
  );
  const [collaborators] = program
    ? await ds.query(
        `SELECT count(DISTINCT collaborator_id)::int AS n FROM commitments WHERE signed_at IS NOT NULL AND program_code = $1`,
        [program],
      )
    : await ds.query(`SELECT count(*)::int AS n FROM collaborators WHERE status = 'verified'`);
  return {
    needs: {
      count: needs.count,
      quantity: needs.quantity,
      allocated: needs.allocated,
      delivered: needs.delivered,
      available: needs.available,
    },
    handovers,
    beneficiaries: { planned: needs.planned, reached: needs.reached },
    commitments: {
      count: commitments.reduce((s, c) => s + c.count, 0),
      totalValue: commitments.reduce((s, c) => s + c.value, 0),
      byStatus: Object.fromEntries(commitments.map((c) => [c.status, c.count])),
    },
    collaboratorsTotal: collaborators.n,
  };
}

export interface ExpectedScore {
  collaboratorId: string;
  commitments: number;
  committed: number;
  allocated: number;
  delivered: number;
  overdueCommitments: number;
  overdueQuantity: number;
  expiredClaims: number;
  expiredQuantity: number;
  cancelledCommitments: number;
  cancelledQuantity: number;
}

export async function expectedScores(ds: DataSource, program: string | null): Promise<ExpectedScore[]> {
  return ds.query(
    `WITH c AS (
       SELECT c.*, coalesce(i.q, 0) AS q, coalesce(i.a, 0) AS a, coalesce(i.d, 0) AS d
         FROM commitments c
         LEFT JOIN (SELECT commitment_id, sum(quantity) q, sum(allocated_quantity) a, sum(delivered_quantity) d
                      FROM commitment_items GROUP BY 1) i ON i.commitment_id = c.id
        WHERE c.status <> 'draft' AND ($1::varchar IS NULL OR c.program_code = $1)
     ), expired AS (
       SELECT a.commitment_id, count(*) n, sum(a.quantity) q FROM allocations a WHERE a.status = 'expired' GROUP BY 1
     ), overdue AS (
       SELECT id FROM c WHERE status = 'approved' AND planned_to < (now() AT TIME ZONE 'Asia/Jakarta')::date AND d < q
     )
     SELECT c.collaborator_id AS "collaboratorId",
            count(*) FILTER (WHERE c.signed_at IS NOT NULL)::int AS commitments,
            coalesce(sum(c.q) FILTER (WHERE c.status IN ('approved', 'completed')), 0)::int AS committed,
            sum(c.a)::int AS allocated, sum(c.d)::int AS delivered,
            count(*) FILTER (WHERE c.id IN (SELECT id FROM overdue))::int AS "overdueCommitments",
            coalesce(sum(c.q - c.d) FILTER (WHERE c.id IN (SELECT id FROM overdue)), 0)::int AS "overdueQuantity",
            coalesce(sum(e.n), 0)::int AS "expiredClaims", coalesce(sum(e.q), 0)::int AS "expiredQuantity",
            count(*) FILTER (WHERE c.status = 'cancelled')::int AS "cancelledCommitments",
            coalesce(sum(c.q) FILTER (WHERE c.status = 'cancelled'), 0)::int AS "cancelledQuantity"
       FROM c LEFT JOIN expired e ON e.commitment_id = c.id
      GROUP BY 1 ORDER BY 1`,
    [program],
  );
}

/** A supertest parser that collects a binary body (supertest buffers only text and JSON by itself). */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

export async function readWorkbook(body: unknown): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as ExcelJS.Buffer);
  return wb;
}
