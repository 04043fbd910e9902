import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AllocationStatus } from '../common/allocation-status';
import type { StoredParty } from './handover-content';
import type { HandoverStatus } from './handover.entity';
import type { DuplicateWarning } from './handover.view';

/** An allocation named in a handover request, with whose commitment it is (read before any lock). */
export interface AllocationOwner {
  id: string;
  commitmentId: string;
  collaboratorId: string;
  aggregatorId: string | null;
}

/** What is still open on a locked allocation: allocated − delivered − what pending handovers already name. */
export interface OpenAllocation {
  id: string;
  status: AllocationStatus;
  openQuantity: number;
}

export interface NewHandover {
  bastNumber: string;
  programCode: string;
  commitmentId: string;
  aggregatorId: string | null;
  handedOverAt: Date;
  regionCode: string;
  lon: number | null;
  lat: number | null;
  /** metres, only with lon/lat */
  locationAccuracyM: number | null;
  address: string;
  giver: StoredParty;
  receiver: StoredParty & { nikHash?: string };
  witnesses: StoredParty[];
  notes: string;
  duplicateWarnings: DuplicateWarning[];
  submittedBy: string | null;
  submittedByKind: string;
}

export interface NewRecipient {
  nikHash: string;
  nikMasked: string;
  name: string;
}

export interface LockedHandover {
  id: string;
  status: HandoverStatus;
  bastNumber: string;
  programCode: string;
  commitmentId: string;
  collaboratorId: string;
  aggregatorId: string | null;
  regionCode?: string;
  kelurahanConfirmedAt?: Date | null;
  /** the program's setting: verify only after the kelurahan confirmed */
  requiresKelurahanConfirmation?: boolean;
}

export interface NewAttachment {
  handoverId: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  originalName: string;
  uploadedBy: string | null;
}

/** TypeORM answers an UPDATE with `[rows, affectedCount]`. */
async function affected(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [, count] = (await manager.query(sql, params)) as [unknown[], number];
  return count;
}

/**
 * Writes of the handover concern. Delivered quantities move only through the single conditional UPDATEs of
 * `deliver*`, backed by the CHECK constraints (delivered ≤ allocated) of allocations, needs and commitment items.
 */
@Injectable()
export class HandoversRepository {
  async allocationOwners(manager: EntityManager, ids: string[]): Promise<AllocationOwner[]> {
    return manager.query(
      `SELECT a.id, a.commitment_id AS "commitmentId", c.collaborator_id AS "collaboratorId",
              c.aggregator_id AS "aggregatorId"
         FROM allocations a JOIN commitments c ON c.id = a.commitment_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Row-locks the allocations (in id order, so concurrent callers never deadlock on them). */
  async lockAllocations(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`SELECT id FROM allocations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      ids,
    ]);
  }

  /** Call with the allocations locked: then no other submission or verification can change these sums. */
  async openQuantities(manager: EntityManager, ids: string[]): Promise<OpenAllocation[]> {
    return manager.query(
      `SELECT a.id, a.status,
              a.quantity - a.delivered_quantity - coalesce((
                SELECT sum(hi.quantity) FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
                 WHERE hi.allocation_id = a.id AND h.status = 'submitted'), 0)::int AS "openQuantity"
         FROM allocations a WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async regionLevel(manager: EntityManager, code: string): Promise<string | null> {
    const rows: { level: string }[] = await manager.query(`SELECT level FROM regions WHERE code = $1`, [
      code,
    ]);
    return rows[0]?.level ?? null;
  }

  async insert(manager: EntityManager, h: NewHandover): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO handovers (bast_number, program_code, commitment_id, aggregator_id, handed_over_at, region_code,
                              location, address, giver, receiver, witnesses, notes, duplicate_warnings,
                              submitted_by, submitted_by_kind, location_accuracy_m)
       VALUES ($1, $2, $3, $4, $5, $6,
               CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326) END,
               $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING id`,
      [
        h.bastNumber,
        h.programCode,
        h.commitmentId,
        h.aggregatorId,
        h.handedOverAt,
        h.regionCode,
        h.lon,
        h.lat,
        h.address,
        JSON.stringify(h.giver),
        JSON.stringify(h.receiver),
        JSON.stringify(h.witnesses),
        h.notes,
        JSON.stringify(h.duplicateWarnings),
        h.submittedBy,
        h.submittedByKind,
        h.locationAccuracyM,
      ],
    );
    return rows[0].id;
  }

  async insertItems(
    manager: EntityManager,
    handoverId: string,
    items: { allocationId: string; quantity: number }[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO handover_items (handover_id, allocation_id, quantity)
       SELECT $1, i.allocation_id, i.quantity FROM unnest($2::uuid[], $3::int[]) AS i(allocation_id, quantity)`,
      [handoverId, items.map((i) => i.allocationId), items.map((i) => i.quantity)],
    );
  }

  async insertRecipients(
    manager: EntityManager,
    handoverId: string,
    programCode: string,
    year: number,
    recipients: NewRecipient[],
  ): Promise<void> {
    if (recipients.length === 0) return;
    await manager.query(
      `INSERT INTO handover_recipients (handover_id, program_code, year, nik_hash, nik_masked, name)
       SELECT $1, $2, $3, r.nik_hash, r.nik_masked, r.name
         FROM unnest($4::varchar[], $5::varchar[], $6::varchar[]) AS r(nik_hash, nik_masked, name)`,
      [
        handoverId,
        programCode,
        year,
        recipients.map((r) => r.nikHash),
        recipients.map((r) => r.nikMasked),
        recipients.map((r) => r.name),
      ],
    );
  }

  /** Which of these NIK hashes a verified handover of the program and year already lists (earliest one each). */
  async duplicatesOfHashes(
    manager: EntityManager,
    programCode: string,
    year: number,
    nikHashes: string[],
  ): Promise<DuplicateWarning[]> {
    if (nikHashes.length === 0) return [];
    return manager.query(
      `SELECT "nikMasked", "bastNumber" FROM (
         SELECT DISTINCT ON (r.nik_hash) r.nik_masked AS "nikMasked", h.bast_number AS "bastNumber"
           FROM handover_recipients r JOIN handovers h ON h.id = r.handover_id AND h.status = 'verified'
          WHERE r.program_code = $1 AND r.year = $2 AND r.nik_hash = ANY($3::varchar[])
          ORDER BY r.nik_hash, h.chain_seq) d
        ORDER BY "nikMasked", "bastNumber"`,
      [programCode, year, nikHashes],
    );
  }

  /** The same for the recipients of a stored handover, against the other verified handovers. */
  async duplicatesOf(manager: EntityManager, handoverId: string): Promise<DuplicateWarning[]> {
    return manager.query(
      `SELECT "nikMasked", "bastNumber" FROM (
         SELECT DISTINCT ON (mine.nik_hash) mine.nik_masked AS "nikMasked", h.bast_number AS "bastNumber"
           FROM handover_recipients mine
           JOIN handover_recipients other
             ON other.program_code = mine.program_code AND other.year = mine.year
            AND other.nik_hash = mine.nik_hash AND other.handover_id <> mine.handover_id
           JOIN handovers h ON h.id = other.handover_id AND h.status = 'verified'
          WHERE mine.handover_id = $1
          ORDER BY mine.nik_hash, h.chain_seq) d
        ORDER BY "nikMasked", "bastNumber"`,
      [handoverId],
    );
  }

  async lock(manager: EntityManager, id: string): Promise<LockedHandover | null> {
    const rows: LockedHandover[] = await manager.query(
      `SELECT h.id, h.status, h.bast_number AS "bastNumber", h.program_code AS "programCode",
              h.commitment_id AS "commitmentId", c.collaborator_id AS "collaboratorId",
              h.aggregator_id AS "aggregatorId", h.region_code AS "regionCode",
              h.kelurahan_confirmed_at AS "kelurahanConfirmedAt",
              p.requires_kelurahan_confirmation AS "requiresKelurahanConfirmation"
         FROM handovers h JOIN commitments c ON c.id = h.commitment_id JOIN programs p ON p.code = h.program_code
        WHERE h.id = $1 FOR UPDATE OF h`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Records the kelurahan officer's confirmation (name as the account has it now) on a locked, submitted handover. */
  async markKelurahanConfirmed(manager: EntityManager, id: string, userId: string): Promise<void> {
    await manager.query(
      `UPDATE handovers SET kelurahan_confirmed_by = $2,
              kelurahan_confirmed_name = (SELECT name FROM users WHERE id = $2),
              kelurahan_confirmed_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'submitted' AND kelurahan_confirmed_at IS NULL`,
      [id, userId],
    );
  }

  async lockAllocationsOf(manager: EntityManager, handoverId: string): Promise<void> {
    await manager.query(
      `SELECT a.id FROM allocations a
        WHERE a.id IN (SELECT allocation_id FROM handover_items WHERE handover_id = $1)
        ORDER BY a.id FOR UPDATE`,
      [handoverId],
    );
  }

  /** Adds each item's quantity to its allocation; returns how many allocations could take it. */
  deliverAllocations(manager: EntityManager, handoverId: string): Promise<number> {
    return affected(
      manager,
      `UPDATE allocations a
          SET delivered_quantity = a.delivered_quantity + hi.quantity,
              status = CASE WHEN a.delivered_quantity + hi.quantity = a.quantity THEN 'delivered'
                            ELSE 'partially_delivered' END,
              version = a.version + 1, updated_at = now()
         FROM handover_items hi
        WHERE hi.handover_id = $1 AND a.id = hi.allocation_id
          AND a.status IN ('reserved', 'partially_delivered')
          AND a.delivered_quantity + hi.quantity <= a.quantity`,
      [handoverId],
    );
  }

  /** Adds the delivered quantities to the needs; a need delivered in full becomes `fulfilled`. */
  async deliverNeeds(manager: EntityManager, handoverId: string): Promise<void> {
    await manager.query(
      `UPDATE needs n
          SET delivered_quantity = n.delivered_quantity + d.quantity,
              status = CASE WHEN n.delivered_quantity + d.quantity = n.quantity
                             AND n.status IN ('open', 'fully_allocated', 'closed') THEN 'fulfilled'
                            ELSE n.status END,
              version = n.version + 1, updated_at = now()
         FROM (SELECT a.need_id, sum(hi.quantity)::int AS quantity
                 FROM handover_items hi JOIN allocations a ON a.id = hi.allocation_id
                WHERE hi.handover_id = $1 GROUP BY a.need_id) d
        WHERE n.id = d.need_id`,
      [handoverId],
    );
  }

  async deliverCommitmentItems(manager: EntityManager, handoverId: string): Promise<void> {
    await manager.query(
      `UPDATE commitment_items ci
          SET delivered_quantity = ci.delivered_quantity + d.quantity
         FROM (SELECT a.commitment_item_id, sum(hi.quantity)::int AS quantity
                 FROM handover_items hi JOIN allocations a ON a.id = hi.allocation_id
                WHERE hi.handover_id = $1 GROUP BY a.commitment_item_id) d
        WHERE ci.id = d.commitment_item_id`,
      [handoverId],
    );
  }

  async markVerified(
    manager: EntityManager,
    id: string,
    v: {
      decidedBy: string | null;
      contentHash: string;
      chainHash: string;
      chainSeq: number;
      duplicateWarnings: DuplicateWarning[];
    },
  ): Promise<number> {
    return affected(
      manager,
      `UPDATE handovers
          SET status = 'verified', decided_by = $2, decided_at = now(), content_hash = $3, chain_hash = $4,
              chain_seq = $5, duplicate_warnings = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'submitted'`,
      [id, v.decidedBy, v.contentHash, v.chainHash, v.chainSeq, JSON.stringify(v.duplicateWarnings)],
    );
  }

  async markRejected(
    manager: EntityManager,
    id: string,
    decidedBy: string | null,
    reason: string,
  ): Promise<number> {
    return affected(
      manager,
      `UPDATE handovers
          SET status = 'rejected', decided_by = $2, decided_at = now(), rejection_reason = $3,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'submitted'`,
      [id, decidedBy, reason],
    );
  }

  async countAttachments(manager: EntityManager, handoverId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM handover_attachments WHERE handover_id = $1`,
      [handoverId],
    );
    return n;
  }

  async insertAttachment(manager: EntityManager, a: NewAttachment): Promise<{ id: string; createdAt: Date }> {
    const rows: { id: string; createdAt: Date }[] = await manager.query(
      `INSERT INTO handover_attachments (handover_id, content_type, size_bytes, sha256, storage_key, original_name, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at AS "createdAt"`,
      [a.handoverId, a.contentType, a.sizeBytes, a.sha256, a.storageKey, a.originalName, a.uploadedBy],
    );
    return rows[0];
  }
}
