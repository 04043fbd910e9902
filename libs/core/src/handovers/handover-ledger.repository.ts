import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredHandoverContent } from './handover-content';
import type { PublicBastRow } from './handover.view';

/** Any fixed 64-bit key: the transaction-scoped advisory lock that orders appends to the ledger. */
const LEDGER_LOCK_KEY = 0x6b736262_4c454447n; // "ksbbLEDG"

export interface LedgerRow extends StoredHandoverContent {
  id: string;
  contentHash: string | null;
  chainHash: string | null;
  chainSeq: number;
}

/** Rebuilds the signed content of handovers from their stored columns, in one query. */
const CONTENT_SELECT = `
  SELECT h.id, h.bast_number AS "bastNumber", h.program_code AS "programCode", c.number AS "commitmentNumber",
         h.handed_over_at AS "handedOverAt", h.region_code AS "regionCode", h.address,
         ST_X(h.location) AS lon, ST_Y(h.location) AS lat, h.giver, h.receiver, h.witnesses, h.notes,
         coalesce((SELECT json_agg(json_build_object('allocationId', hi.allocation_id, 'quantity', hi.quantity))
                     FROM handover_items hi WHERE hi.handover_id = h.id), '[]'::json) AS items,
         coalesce((SELECT array_agg(hr.nik_hash) FROM handover_recipients hr WHERE hr.handover_id = h.id),
                  '{}'::varchar[]) AS "recipientNikHashes",
         h.kelurahan_confirmed_by AS "kelurahanConfirmedBy", h.kelurahan_confirmed_name AS "kelurahanConfirmedName",
         h.kelurahan_confirmed_at AS "kelurahanConfirmedAt",
         h.content_hash AS "contentHash", h.chain_hash AS "chainHash", h.chain_seq AS "chainSeq"
    FROM handovers h JOIN commitments c ON c.id = h.commitment_id`;

/** The tamper-evident ledger of verified handovers, ordered by `chain_seq`. */
@Injectable()
export class HandoverLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises appends until the transaction ends: the next verifier reads the head only after this one has
   * committed, so positions are strictly ordered and every chain hash builds on the committed one before it.
   */
  async lockLedger(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [LEDGER_LOCK_KEY.toString()]);
  }

  async head(manager: EntityManager): Promise<{ chainSeq: number; chainHash: string } | null> {
    const rows: { chainSeq: number; chainHash: string }[] = await manager.query(
      `SELECT chain_seq AS "chainSeq", chain_hash AS "chainHash"
         FROM handovers WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async content(handoverId: string, manager?: EntityManager): Promise<StoredHandoverContent> {
    const rows: LedgerRow[] = await (manager ?? this.dataSource.manager).query(
      `${CONTENT_SELECT} WHERE h.id = $1`,
      [handoverId],
    );
    return rows[0];
  }

  /** The stored content of several handovers at once (bulk loads such as the demo world), in no given order. */
  contents(handoverIds: string[], manager: EntityManager): Promise<LedgerRow[]> {
    return manager.query(`${CONTENT_SELECT} WHERE h.id = ANY($1::uuid[])`, [handoverIds]);
  }

  /** The verified handovers after position `afterSeq`, in ledger order. */
  batch(afterSeq: number, limit: number): Promise<LedgerRow[]> {
    return this.dataSource.query(`${CONTENT_SELECT} WHERE h.chain_seq > $1 ORDER BY h.chain_seq LIMIT $2`, [
      afterSeq,
      limit,
    ]);
  }

  async summary(): Promise<{ length: number; head: string | null }> {
    const [row]: { length: number; head: string | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS length,
              (SELECT chain_hash FROM handovers WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1) AS head
         FROM handovers WHERE chain_seq IS NOT NULL`,
    );
    return row;
  }

  /** A verified BAST as the public sees it (the village is the delivery place's kelurahan). */
  async publicBast(bastNumber: string): Promise<PublicBastRow | null> {
    const rows: Omit<PublicBastRow, 'items' | 'totalQuantity'>[] = await this.dataSource.query(
      `SELECT h.bast_number AS "bastNumber", h.status,
              json_build_object('code', p.code, 'name', p.name) AS program,
              CASE WHEN v.code IS NULL THEN NULL ELSE json_build_object('code', v.code, 'name', v.name) END AS village,
              to_char(h.handed_over_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS "handedOverAt",
              h.content_hash AS "contentHash", h.chain_hash AS "chainHash", h.chain_seq AS "chainSeq",
              CASE WHEN c.type <> 'individual' OR c.public_opt_in
                   THEN json_build_object('name', c.name, 'type', c.type) END AS collaborator,
              CASE WHEN ag.id IS NOT NULL THEN json_build_object('name', ag.name) END AS aggregator
         FROM handovers h
         JOIN programs p ON p.code = h.program_code
         JOIN commitments cm ON cm.id = h.commitment_id
         JOIN collaborators c ON c.id = cm.collaborator_id
         LEFT JOIN aggregators ag ON ag.id = h.aggregator_id
         LEFT JOIN regions v ON v.level = 'village'
               AND v.code = substring(h.region_code FROM '^[^.]+\\.[^.]+\\.[^.]+\\.[^.]+')
        WHERE h.bast_number = $1 AND h.status = 'verified'`,
      [bastNumber],
    );
    if (rows.length === 0) return null;
    const items: PublicBastRow['items'] = await this.dataSource.query(
      `SELECT pk.code AS "packageCode", pk.name AS package, pk.unit, sum(hi.quantity)::int AS quantity
         FROM handovers h
         JOIN handover_items hi ON hi.handover_id = h.id
         JOIN allocations a ON a.id = hi.allocation_id
         JOIN needs n ON n.id = a.need_id
         JOIN packages pk ON pk.id = n.package_id
        WHERE h.bast_number = $1
        GROUP BY pk.code, pk.name, pk.unit ORDER BY pk.code`,
      [bastNumber],
    );
    return { ...rows[0], items, totalQuantity: items.reduce((sum, i) => sum + i.quantity, 0) };
  }
}
