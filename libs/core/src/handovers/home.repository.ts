import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HomeClaimView, HomeCommitmentView, HomeRejectedItemView } from './home.view';

/** Whose home: the commitments of one collaborator, or those routed through one aggregator. */
export interface HomeScope {
  kind: 'collaborator' | 'aggregator';
  id: string;
}

/** How many rows each list of a home holds at most (the full lists are their own pages). */
export const HOME_LIMITS = { claims: 100, rejectedItems: 50, commitments: 50 } as const;

const scopeSql = (scope: HomeScope): string =>
  scope.kind === 'collaborator' ? 'c.collaborator_id = $1' : 'c.aggregator_id = $1';

/** The home pages' read model: one set-based statement per list, scoped in SQL to the caller's organisation. */
@Injectable()
export class HomeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async organisationName(scope: HomeScope): Promise<string | null> {
    const table = scope.kind === 'collaborator' ? 'collaborators' : 'aggregators';
    const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM ${table} WHERE id = $1`, [
      scope.id,
    ]);
    return rows[0]?.name ?? null;
  }

  /** Open claims, soonest due first, each saying whether a handover naming it awaits verification. */
  openClaims(scope: HomeScope): Promise<HomeClaimView[]> {
    return this.dataSource.query(
      `SELECT a.id, a.status, a.quantity, a.delivered_quantity AS "deliveredQuantity",
              a.quantity - a.delivered_quantity AS remaining, a.expires_at AS "expiresAt",
              EXISTS (SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
                       WHERE hi.allocation_id = a.id AND h.status = 'submitted') AS "handoverPending",
              a.need_id AS "needId", n.title AS "needTitle", n.region_code AS "regionCode", r.name AS "regionName",
              n.program_code AS "programCode", pk.code AS "packageCode", a.commitment_id AS "commitmentId",
              c.number AS "commitmentNumber", col.name AS "collaboratorName"
         FROM allocations a
         JOIN commitments c ON c.id = a.commitment_id
         JOIN collaborators col ON col.id = c.collaborator_id
         JOIN needs n ON n.id = a.need_id
         JOIN regions r ON r.code = n.region_code
         JOIN packages pk ON pk.id = n.package_id
        WHERE ${scopeSql(scope)} AND a.status IN ('reserved', 'partially_delivered')
        ORDER BY a.expires_at, a.id
        LIMIT $2`,
      [scope.id, HOME_LIMITS.claims],
    );
  }

  /**
   * Items of rejected handovers whose claim is still open and has not been named in a newer handover (submitted
   * or verified) since the rejection: what the deliverer still has to fix. Newest rejection first.
   */
  rejectedItems(scope: HomeScope): Promise<HomeRejectedItemView[]> {
    return this.dataSource.query(
      `SELECT h.id AS "handoverId", h.bast_number AS "bastNumber", h.rejection_reason AS "rejectionReason",
              h.decided_at AS "decidedAt", a.id AS "allocationId", hi.quantity, a.need_id AS "needId",
              n.title AS "needTitle", c.id AS "commitmentId", c.number AS "commitmentNumber"
         FROM handovers h
         JOIN commitments c ON c.id = h.commitment_id
         JOIN handover_items hi ON hi.handover_id = h.id
         JOIN allocations a ON a.id = hi.allocation_id
         JOIN needs n ON n.id = a.need_id
        WHERE ${scopeSql(scope)} AND h.status = 'rejected'
          AND a.status IN ('reserved', 'partially_delivered')
          AND NOT EXISTS (SELECT 1 FROM handover_items hi2 JOIN handovers h2 ON h2.id = hi2.handover_id
                           WHERE hi2.allocation_id = a.id AND h2.status <> 'rejected'
                             AND h2.created_at > h.created_at)
        ORDER BY h.decided_at DESC NULLS LAST, h.id, a.id
        LIMIT $2`,
      [scope.id, HOME_LIMITS.rejectedItems],
    );
  }

  /** Commitments not abandoned (draft, submitted, approved, completed) with their item totals, newest first. */
  commitments(scope: HomeScope): Promise<HomeCommitmentView[]> {
    return this.dataSource.query(
      `SELECT c.id, c.number, c.program_code AS "programCode", c.status,
              coalesce(sum(ci.quantity), 0)::int AS pledged,
              coalesce(sum(ci.allocated_quantity), 0)::int AS claimed,
              coalesce(sum(ci.delivered_quantity), 0)::int AS delivered
         FROM commitments c
         LEFT JOIN commitment_items ci ON ci.commitment_id = c.id
        WHERE ${scopeSql(scope)} AND c.status IN ('draft', 'submitted', 'approved', 'completed')
        GROUP BY c.id
        ORDER BY c.created_at DESC, c.id
        LIMIT $2`,
      [scope.id, HOME_LIMITS.commitments],
    );
  }
}
