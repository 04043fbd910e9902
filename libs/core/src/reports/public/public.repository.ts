import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/read-database';
import type { CollaboratorType } from '../../collaborators/collaborator.entity';
import { offsetOf } from '../../common/pagination';
import { escapeLike } from '../../common/sql';
import { COUNTED_NEED_STATUSES, rollupWithPendingFacts } from '../rollups/rollup-sql';
import type { PublicNeed, PublicNeedsQuery } from './public.types';

const COUNTED = `need_status = ANY('{${COUNTED_NEED_STATUSES.join(',')}}'::varchar[])`;

export interface ProgramFlowRow {
  code: string;
  name: string;
  count: number;
  quantity: number;
  allocated: number;
  delivered: number;
  available: number;
  beneficiaries: number;
  beneficiariesReached: number;
  handoversVerified: number;
}

export interface PublicScoreRow {
  id: string;
  name: string;
  type: CollaboratorType;
  publicOptIn: boolean;
  commitments: number;
  committed: number;
  claimed: number;
  delivered: number;
}

/** Public queries: aggregates from the rollups, and open needs without any personal field. */
@Injectable()
export class PublicRepository {
  constructor(private readonly dataSource: ReadDatabase) {}

  /** Current totals per open or closed program (draft programs are not public). */
  programFlows(): Promise<ProgramFlowRow[]> {
    const c = (m: string): string => `coalesce(sum(m.${m}) FILTER (WHERE m.${COUNTED}), 0)::float8`;
    return this.dataSource.query(
      `SELECT p.code, p.name, ${c('needs')} AS count, ${c('quantity')} AS quantity, ${c('allocated')} AS allocated,
              ${c('delivered')} AS delivered,
              coalesce(sum(m.quantity - m.allocated) FILTER (WHERE m.need_status = 'open'), 0)::float8 AS available,
              ${c('beneficiaries')} AS beneficiaries, ${c('beneficiaries_reached')} AS "beneficiariesReached",
              coalesce(sum(m.handovers_verified), 0)::float8 AS "handoversVerified"
         FROM programs p
         LEFT JOIN ${rollupWithPendingFacts('report_village_rollups', 'true')} m ON m.program_code = p.code
        WHERE p.status <> 'draft'
        GROUP BY p.code, p.name ORDER BY p.code`,
    );
  }

  verifiedCollaboratorsByType(): Promise<{ type: CollaboratorType; count: number }[]> {
    return this.dataSource.query(
      `SELECT type, count(*)::int AS count FROM collaborators WHERE status = 'verified' GROUP BY type`,
    );
  }

  async openNeeds(q: PublicNeedsQuery): Promise<{ rows: PublicNeed[]; total: number }> {
    const params: unknown[] = [];
    const where = [`n.status = 'open'`];
    if (q.programCode) where.push(`n.program_code = $${params.push(q.programCode)}`);
    // C collation: the prefix match walks the region index.
    if (q.regionCode) where.push(`n.region_code LIKE $${params.push(likePrefix(q.regionCode))}`);
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM needs n WHERE ${whereSql}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT n.id,
              json_build_object('code', p.code, 'name', p.name) AS program,
              json_build_object('code', k.code, 'name', k.name, 'unit', k.unit) AS package,
              json_build_object('code', r.code, 'name', r.name, 'level', r.level) AS region,
              n.title, n.quantity, n.allocated_quantity AS "allocatedQuantity",
              n.delivered_quantity AS "deliveredQuantity", n.quantity - n.allocated_quantity AS "availableQuantity",
              n.beneficiary_count AS "beneficiaryCount", n.due_date::text AS "dueDate",
              to_char(n.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt"
         FROM needs n
         JOIN programs p ON p.code = n.program_code
         JOIN packages k ON k.id = n.package_id
         JOIN regions r ON r.code = n.region_code
        WHERE ${whereSql}
        ORDER BY n.due_date NULLS LAST, n.published_at DESC NULLS LAST, n.id
        LIMIT $${params.push(q.limit)} OFFSET $${params.push(offsetOf(q))}`,
      params,
    );
    return { rows, total };
  }

  /** GeoJSON geometry text per region code: the imported boundary when there is one, else the point. */
  async geometries(codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; geometry: string | null }[] = await this.dataSource.query(
      `SELECT code, ST_AsGeoJSON(coalesce(boundary, point), 6) AS geometry FROM regions WHERE code = ANY($1::varchar[])`,
      [codes],
    );
    return new Map(rows.filter((r) => r.geometry).map((r) => [r.code, r.geometry as string]));
  }

  scores(programCode: string | undefined): Promise<PublicScoreRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.name, c.type, c.public_opt_in AS "publicOptIn", s.commitments, s.committed, s.claimed, s.delivered
         FROM (SELECT collaborator_id,
                      count(*)::int AS commitments,
                      sum(quantity)::float8 AS committed,
                      sum(allocated)::float8 AS claimed,
                      sum(delivered)::float8 AS delivered
                 FROM report_commitment_facts
                WHERE status IN ('approved', 'completed') AND ($1::varchar IS NULL OR program_code = $1)
                GROUP BY collaborator_id) s
         JOIN collaborators c ON c.id = s.collaborator_id
        ORDER BY s.delivered DESC, s.committed DESC, c.id`,
      [programCode ?? null],
    );
  }
}

const likePrefix = (code: string): string => `${escapeLike(code)}%`;
