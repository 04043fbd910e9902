import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import type { Principal } from '../common/request-context';
import type { CommitmentStatus, DeliveryMode } from './commitment.entity';
import { commitmentVisibilitySql } from './commitment-visibility';
import type { CommitmentItemView, CommitmentView, LockedCommitment } from './commitment.view';

export interface CommitmentFilter {
  status?: CommitmentStatus;
  programCode?: string;
  collaboratorId?: string;
  aggregatorId?: string;
}

export interface NewCommitment {
  collaboratorId: string;
  programCode: string;
  deliveryMode: DeliveryMode;
  aggregatorId: string | null;
  plannedFrom: string;
  plannedTo: string;
  notes: string;
  totalValue: number;
  createdBy: string | null;
}

export interface NewCommitmentItem {
  packageId: string;
  quantity: number;
  unitValue: number;
}

/** A package of a program with its unit value range in rupiah (max 0: no range on record). */
export interface PackageRange {
  id: string;
  code: string;
  min: number;
  max: number;
}

export interface SignatureRecord {
  number: string;
  signatoryName: string;
  signatoryTitle: string;
  signedAt: Date;
  signedIp: string | null;
  signedUserAgent: string | null;
  signedHash: string;
  signedBy: string | null;
}

const VIEW_COLUMNS = `
  c.id, c.number, c.collaborator_id AS "collaboratorId", col.name AS "collaboratorName",
  col.type AS "collaboratorType", c.program_code AS "programCode", p.name AS "programName",
  c.delivery_mode AS "deliveryMode", c.aggregator_id AS "aggregatorId", ag.name AS "aggregatorName",
  c.planned_from::text AS "plannedFrom", c.planned_to::text AS "plannedTo", c.notes, c.status,
  c.total_value::float8 AS "totalValue", c.signatory_name AS "signatoryName",
  c.signatory_title AS "signatoryTitle", c.signed_at AS "signedAt", c.signed_ip AS "signedIp",
  c.signed_user_agent AS "signedUserAgent", c.signed_hash AS "signedHash", c.signed_by AS "signedBy",
  c.decided_by AS "decidedBy", c.decided_at AS "decidedAt", c.status_reason AS "statusReason",
  c.created_by AS "createdBy", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const VIEW_FROM = `
  FROM commitments c
  JOIN collaborators col ON col.id = c.collaborator_id
  JOIN programs p ON p.code = c.program_code
  LEFT JOIN aggregators ag ON ag.id = c.aggregator_id`;

type CommitmentRow = Omit<CommitmentView, 'items'>;
type ItemRow = CommitmentItemView & { commitmentId: string };

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The commitment if it exists and the principal may see it. */
  async findView(id: string, principal: Principal, manager?: EntityManager): Promise<CommitmentView | null> {
    const params: unknown[] = [id];
    const visible = commitmentVisibilitySql(principal, 'c', params);
    const rows: CommitmentRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE c.id = $1 AND ${visible}`,
      params,
    );
    if (rows.length === 0) return null;
    const [withItems] = await this.attachItems(rows, manager);
    return withItems;
  }

  async list(
    filter: CommitmentFilter,
    principal: Principal,
    page: PageRequest,
    sort: SortSpec,
  ): Promise<Page<CommitmentView>> {
    const params: unknown[] = [];
    const where = [commitmentVisibilitySql(principal, 'c', params)];
    if (filter.status) where.push(`c.status = $${params.push(filter.status)}`);
    if (filter.programCode) where.push(`c.program_code = $${params.push(filter.programCode)}`);
    if (filter.collaboratorId) where.push(`c.collaborator_id = $${params.push(filter.collaboratorId)}`);
    if (filter.aggregatorId) where.push(`c.aggregator_id = $${params.push(filter.aggregatorId)}`);
    const clause = `WHERE ${where.join(' AND ')}`;
    const nulls = sort.direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} ${clause}
         ORDER BY c.${sort.column} ${sort.direction} ${nulls}, c.id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, offsetOf(page)],
      ) as Promise<CommitmentRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM commitments c ${clause}`, params) as Promise<
        { total: number }[]
      >,
    ]);
    return pageOf(await this.attachItems(rows), total, page);
  }

  /**
   * Locks the commitment row for the rest of the transaction: `share` lets concurrent claims proceed together
   * while keeping a cancel out; `update` is for lifecycle changes.
   */
  /** The program's status; null when there is no such program. */
  async programStatus(manager: EntityManager, programCode: string): Promise<string | null> {
    const rows: { status: string }[] = await manager.query(`SELECT status FROM programs WHERE code = $1`, [
      programCode,
    ]);
    return rows[0]?.status ?? null;
  }

  /** Whether the user proved their email address (self sign-up); staff-made and older accounts are verified. */
  async userEmailVerified(manager: EntityManager, userId: string): Promise<boolean> {
    const rows: { verified: boolean }[] = await manager.query(
      `SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.verified ?? false;
  }

  async collaboratorExists(manager: EntityManager, collaboratorId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM collaborators WHERE id = $1`, [collaboratorId]);
    return rows.length > 0;
  }

  /** The packages of the program among `codes`; codes that name none are simply absent. */
  packageRanges(manager: EntityManager, programCode: string, codes: string[]): Promise<PackageRange[]> {
    return manager.query(
      `SELECT id, code, unit_value_min::float8 AS min, unit_value_max::float8 AS max
       FROM packages WHERE program_code = $1 AND code = ANY($2::text[])`,
      [programCode, codes],
    );
  }

  async lock(manager: EntityManager, id: string, mode: 'share' | 'update'): Promise<LockedCommitment | null> {
    const rows: LockedCommitment[] = await manager.query(
      `SELECT id, status, collaborator_id AS "collaboratorId", aggregator_id AS "aggregatorId",
              program_code AS "programCode", created_by AS "createdBy"
         FROM commitments WHERE id = $1 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    commitment: NewCommitment,
    items: NewCommitmentItem[],
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO commitments (collaborator_id, program_code, delivery_mode, aggregator_id, planned_from,
                                planned_to, notes, total_value, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        commitment.collaboratorId,
        commitment.programCode,
        commitment.deliveryMode,
        commitment.aggregatorId,
        commitment.plannedFrom,
        commitment.plannedTo,
        commitment.notes,
        commitment.totalValue,
        commitment.createdBy,
      ],
    );
    await manager.query(
      `INSERT INTO commitment_items (commitment_id, package_id, quantity, unit_value)
       SELECT $1, i.package_id, i.quantity, i.unit_value
         FROM unnest($2::uuid[], $3::int[], $4::bigint[]) AS i(package_id, quantity, unit_value)`,
      [id, items.map((i) => i.packageId), items.map((i) => i.quantity), items.map((i) => i.unitValue)],
    );
    return id;
  }

  async markSubmitted(manager: EntityManager, id: string, s: SignatureRecord): Promise<void> {
    await manager.query(
      `UPDATE commitments
          SET status = 'submitted', number = $2, signatory_name = $3, signatory_title = $4, signed_at = $5,
              signed_ip = $6, signed_user_agent = $7, signed_hash = $8, signed_by = $9,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [
        id,
        s.number,
        s.signatoryName,
        s.signatoryTitle,
        s.signedAt,
        s.signedIp,
        s.signedUserAgent,
        s.signedHash,
        s.signedBy,
      ],
    );
  }

  /** Records a decision (approve, reject, cancel): the new status, who, when and why. */
  async decide(
    manager: EntityManager,
    id: string,
    status: CommitmentStatus,
    decidedBy: string | null,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE commitments
          SET status = $2, decided_by = $3, decided_at = now(), status_reason = $4,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, status, decidedBy, reason],
    );
  }

  /** Marks an approved commitment completed once every item is fully delivered; false when it is not (yet). */
  async completeIfDelivered(manager: EntityManager, id: string): Promise<boolean> {
    const [, affected] = (await manager.query(
      `UPDATE commitments c SET status = 'completed', version = c.version + 1, updated_at = now()
        WHERE c.id = $1 AND c.status = 'approved'
          AND NOT EXISTS (SELECT 1 FROM commitment_items i WHERE i.commitment_id = c.id AND i.delivered_quantity < i.quantity)`,
      [id],
    )) as [unknown[], number];
    return affected > 0;
  }

  private async attachItems(rows: CommitmentRow[], manager?: EntityManager): Promise<CommitmentView[]> {
    if (rows.length === 0) return [];
    const items: ItemRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT i.id, i.commitment_id AS "commitmentId", i.package_id AS "packageId", pk.code AS "packageCode",
              pk.name AS "packageName", pk.unit, i.quantity, i.unit_value::float8 AS "unitValue",
              (i.quantity * i.unit_value)::float8 AS subtotal, i.allocated_quantity AS "allocatedQuantity",
              i.delivered_quantity AS "deliveredQuantity"
         FROM commitment_items i JOIN packages pk ON pk.id = i.package_id
        WHERE i.commitment_id = ANY($1::uuid[])
        ORDER BY pk.code`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      ...r,
      items: items.filter((i) => i.commitmentId === r.id).map(({ commitmentId: _, ...item }) => item),
    }));
  }
}
