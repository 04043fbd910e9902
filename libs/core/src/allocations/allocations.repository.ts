import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuditOrigin } from '../audit/audit.service';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import type { Principal } from '../common/request-context';
import { CommitmentAccess, commitmentVisibilitySql } from '../commitments/commitment-visibility';
import { preparedQuery } from '../database/prepared';
import { inKelurahanSql } from '../needs/need-visibility';
import type { AllocationFilter, AllocationView, EndedAllocation } from './allocation.view';

/** A claim named in a handover awaiting verification is being delivered: it neither expires nor is released. */
const NOT_IN_PENDING_HANDOVER = `NOT EXISTS (SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id WHERE hi.allocation_id = a.id AND h.status = 'submitted')`;

/**
 * How a one-statement claim or release ended. `args` carry what the refusal's message names (a status, a
 * program, a package code, what is left).
 */
export type AllocationOutcome =
  | { outcome: 'reserved' | 'released'; allocation: AllocationView; eventId: string }
  | {
      outcome:
        | 'commitment_not_found'
        | 'allocation_not_found'
        | 'forbidden'
        | 'commitment_status'
        | 'collaborator_status'
        | 'need_not_found'
        | 'need_program'
        | 'need_status'
        | 'no_item'
        | 'need_short'
        | 'item_short'
        | 'not_releasable';
      args: (string | null)[];
    };

export interface ClaimRequest {
  commitmentId: string;
  needId: string;
  quantity: number;
  access: CommitmentAccess;
  seesDrafts: boolean;
  createdBy: string | null;
  origin: AuditOrigin;
}

export interface ReleaseRequest {
  id: string;
  reason: string | null;
  access: CommitmentAccess;
  origin: AuditOrigin;
}

/** What ksbb_claim/ksbb_release raise when a conditional update refuses (the statement is rolled back). */
const REFUSED = 'KS409';

const DATE_FIELDS = ['expiresAt', 'warnedAt', 'endedAt', 'createdAt', 'updatedAt'] as const;

/** The allocation as ksbb_allocation_doc writes it (JSON, ISO timestamps) back to an AllocationView. */
function viewOfDoc(doc: Record<string, unknown>): AllocationView {
  const view = { ...doc } as Record<string, unknown>;
  for (const f of DATE_FIELDS) view[f] = doc[f] == null ? null : new Date(doc[f] as string);
  return view as unknown as AllocationView;
}

interface OutcomeRow {
  outcome: string;
  args: (string | null)[] | null;
  event_id: string | null;
  allocation: Record<string, unknown> | null;
}

/** One statement answering an outcome row; a KS409 refusal (everything rolled back) becomes an outcome too. */
async function outcomeOf(run: () => Promise<OutcomeRow[]>): Promise<AllocationOutcome> {
  let row: OutcomeRow;
  try {
    [row] = await run();
  } catch (e) {
    const driver =
      e instanceof QueryFailedError ? (e.driverError as { code?: string; message?: string; detail?: string }) : null;
    if (driver?.code !== REFUSED) throw e;
    return { outcome: driver.message as never, args: JSON.parse(driver.detail ?? '[]') };
  }
  if (row.outcome === 'reserved' || row.outcome === 'released') {
    return { outcome: row.outcome, allocation: viewOfDoc(row.allocation ?? {}), eventId: String(row.event_id) };
  }
  return { outcome: row.outcome as never, args: row.args ?? [] };
}

export interface ExpiringAllocation {
  id: string;
  needId: string;
  commitmentId: string;
  quantity: number;
  expiresAt: Date;
  collaboratorId: string;
  aggregatorId: string | null;
}

const VIEW_COLUMNS = `
  a.id, a.status, a.quantity, a.delivered_quantity AS "deliveredQuantity", a.expires_at AS "expiresAt",
  a.warned_at AS "warnedAt", a.ended_at AS "endedAt", a.end_reason AS "endReason", a.need_id AS "needId",
  n.title AS "needTitle", n.region_code AS "regionCode", n.program_code AS "programCode",
  pk.code AS "packageCode", a.commitment_id AS "commitmentId", c.number AS "commitmentNumber",
  a.commitment_item_id AS "commitmentItemId", c.collaborator_id AS "collaboratorId",
  c.aggregator_id AS "aggregatorId", a.created_by AS "createdBy", a.version, a.created_at AS "createdAt",
  a.updated_at AS "updatedAt"`;

const VIEW_FROM = `
  FROM allocations a
  JOIN commitments c ON c.id = a.commitment_id
  JOIN needs n ON n.id = a.need_id
  JOIN packages pk ON pk.id = n.package_id`;

const ENDED_COLUMNS = `a.id, a.need_id AS "needId", a.commitment_id AS "commitmentId",
  a.commitment_item_id AS "commitmentItemId", a.quantity, c.collaborator_id AS "collaboratorId",
  c.aggregator_id AS "aggregatorId"`;

/** TypeORM answers an UPDATE (even one inside a CTE) with `[rows, affectedCount]`; this returns the rows. */
async function updateReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await manager.query(sql, params)) as [T[], number];
  return rows;
}

/**
 * The claim ledger. Quantities on needs and commitment items move only through the single conditional
 * statements below, so the CHECK constraints and row locks keep every invariant under any concurrency.
 */
/**
 * Who sees a claim: the commitment's parties and internal staff; a kelurahan officer the claims on needs of their
 * kelurahan (drafts are never claimed), and nothing else.
 */
function allocationVisibilitySql(principal: Principal, params: unknown[]): string {
  if (principal.role === 'kelurahan')
    return `a.need_id IN (SELECT kn.id FROM needs kn WHERE ${inKelurahanSql(principal, 'kn.region_code')})`;
  return commitmentVisibilitySql(principal, 'c', params);
}

@Injectable()
export class AllocationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findView(id: string, principal: Principal, manager?: EntityManager): Promise<AllocationView | null> {
    const params: unknown[] = [id];
    const visible = allocationVisibilitySql(principal, params);
    const rows: AllocationView[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE a.id = $1 AND ${visible}`,
      params,
    );
    return rows[0] ?? null;
  }

  async list(
    filter: AllocationFilter,
    principal: Principal,
    page: PageRequest,
    sort: SortSpec,
  ): Promise<Page<AllocationView>> {
    const params: unknown[] = [];
    const where = [allocationVisibilitySql(principal, params)];
    if (filter.needId) where.push(`a.need_id = $${params.push(filter.needId)}`);
    if (filter.commitmentId) where.push(`a.commitment_id = $${params.push(filter.commitmentId)}`);
    if (filter.status) where.push(`a.status = $${params.push(filter.status)}`);
    if (filter.expiringBefore) where.push(`a.expires_at < $${params.push(filter.expiringBefore)}`);
    const clause = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} ${clause}
         ORDER BY a.${sort.column} ${sort.direction}, a.id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, offsetOf(page)],
      ) as Promise<AllocationView[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM allocations a JOIN commitments c ON c.id = a.commitment_id ${clause}`,
        params,
      ) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows, total, page);
  }

  /**
   * A whole claim in one statement (ksbb_claim): the commitment (locked FOR SHARE), who may see and act for it,
   * its status, the collaborator's, the need (drafts only for those who see them), program and package, then the
   * allocation held for the program's `claim_hold_days`, its audit row and `allocation.reserved` event, and last
   * the two conditional quantity updates (need, then item). A refusal leaves nothing written.
   */
  claim(c: ClaimRequest): Promise<AllocationOutcome> {
    const a = c.access;
    // a named statement: planned once per pooled connection
    return outcomeOf(() =>
      preparedQuery<OutcomeRow>(
        this.dataSource,
        `SELECT outcome, args, event_id, allocation
           FROM ksbb_claim($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          c.commitmentId,
          c.needId,
          c.quantity,
          a.seesAll,
          a.seesCollaboratorId,
          a.seesAggregatorId,
          a.actsForAll,
          a.actsForCollaboratorId,
          c.seesDrafts,
          c.createdBy,
          c.origin,
        ],
      ),
    );
  }

  /**
   * A whole release in one statement (ksbb_release): the allocation (locked FOR UPDATE), who may see and act for
   * it, the conditional end (reserved and not named in a handover awaiting verification), its quantity back to
   * the need (a fully allocated need opens again) and the item, its audit row and `allocation.released` event.
   */
  release(r: ReleaseRequest): Promise<AllocationOutcome> {
    const a = r.access;
    return outcomeOf(() =>
      preparedQuery<OutcomeRow>(
        this.dataSource,
        `SELECT outcome, args, event_id, allocation FROM ksbb_release($1, $2, $3, $4, $5, $6, $7, $8)`,
        [r.id, r.reason, a.seesAll, a.seesCollaboratorId, a.seesAggregatorId, a.actsForAll, a.actsForCollaboratorId, r.origin],
      ),
    );
  }

  /** Ends every reservation of a commitment as released (the commitment is being cancelled). */
  releaseAllOfCommitment(
    manager: EntityManager,
    commitmentId: string,
    reason: string,
  ): Promise<EndedAllocation[]> {
    return updateReturning(
      manager,
      `UPDATE allocations a
          SET status = 'released', ended_at = now(), end_reason = $2, version = a.version + 1, updated_at = now()
         FROM commitments c
        WHERE a.commitment_id = $1 AND a.status = 'reserved' AND c.id = a.commitment_id
        RETURNING ${ENDED_COLUMNS}`,
      [commitmentId, reason],
    );
  }

  /**
   * Ends up to `limit` reservations whose hold has run out. SKIP LOCKED lets concurrent runs share the work
   * without waiting on, or expiring twice, the same rows.
   */
  expireDue(manager: EntityManager, now: Date | null, limit: number): Promise<EndedAllocation[]> {
    return updateReturning(
      manager,
      `WITH due AS (
         SELECT a.id FROM allocations a
          WHERE a.status = 'reserved' AND a.expires_at <= coalesce($1::timestamptz, now()) AND ${NOT_IN_PENDING_HANDOVER}
          ORDER BY a.expires_at LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE allocations a
          SET status = 'expired', ended_at = now(), end_reason = 'not delivered before the hold expired',
              version = a.version + 1, updated_at = now()
         FROM due, commitments c
        WHERE a.id = due.id AND a.status = 'reserved' AND c.id = a.commitment_id
        RETURNING ${ENDED_COLUMNS}`,
      [now, limit],
    );
  }

  /** Marks up to `limit` reservations expiring within `days` as warned, once each. */
  markExpiringWarned(
    manager: EntityManager,
    now: Date | null,
    days: number,
    limit: number,
  ): Promise<ExpiringAllocation[]> {
    return updateReturning(
      manager,
      `WITH due AS (
         SELECT id FROM allocations
          WHERE status = 'reserved' AND warned_at IS NULL
            AND expires_at > coalesce($1::timestamptz, now())
            AND expires_at <= coalesce($1::timestamptz, now()) + make_interval(days => $2)
          ORDER BY expires_at LIMIT $3
          FOR UPDATE SKIP LOCKED)
       UPDATE allocations a SET warned_at = now()
         FROM due, commitments c
        WHERE a.id = due.id AND a.status = 'reserved' AND a.warned_at IS NULL AND c.id = a.commitment_id
        RETURNING a.id, a.need_id AS "needId", a.commitment_id AS "commitmentId", a.quantity,
                  a.expires_at AS "expiresAt", c.collaborator_id AS "collaboratorId",
                  c.aggregator_id AS "aggregatorId"`,
      [now, days, limit],
    );
  }

  /**
   * Gives the quantities of ended allocations back to their needs (a fully allocated need opens again) and
   * commitment items, one set-based statement each. Rows are locked in id order first so that concurrent
   * give-backs over overlapping needs queue instead of deadlocking.
   */
  async giveBack(manager: EntityManager, ended: EndedAllocation[]): Promise<void> {
    if (ended.length === 0) return;
    const needIds = ended.map((e) => e.needId);
    const itemIds = ended.map((e) => e.commitmentItemId);
    const quantities = ended.map((e) => e.quantity);
    await manager.query(`SELECT 1 FROM needs WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [needIds]);
    await manager.query(
      `UPDATE needs n
          SET allocated_quantity = n.allocated_quantity - r.quantity,
              status = CASE WHEN n.status = 'fully_allocated' THEN 'open' ELSE n.status END,
              version = n.version + 1, updated_at = now()
         FROM (SELECT need_id, sum(quantity)::int AS quantity
                 FROM unnest($1::uuid[], $2::int[]) AS t(need_id, quantity) GROUP BY need_id) r
        WHERE n.id = r.need_id`,
      [needIds, quantities],
    );
    await manager.query(`SELECT 1 FROM commitment_items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      itemIds,
    ]);
    await manager.query(
      `UPDATE commitment_items i
          SET allocated_quantity = i.allocated_quantity - r.quantity
         FROM (SELECT item_id, sum(quantity)::int AS quantity
                 FROM unnest($1::uuid[], $2::int[]) AS t(item_id, quantity) GROUP BY item_id) r
        WHERE i.id = r.item_id`,
      [itemIds, quantities],
    );
  }
}
