import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import type { Principal } from '../common/request-context';
import { commitmentVisibilitySql } from '../commitments/commitment-visibility';
import { inKelurahanSql } from '../needs/need-visibility';
import type { HandoverAttachmentView, HandoverFilter, HandoverItemView, HandoverView } from './handover.view';

const VIEW_COLUMNS = `
  h.id, h.bast_number AS "bastNumber", h.status, h.program_code AS "programCode", p.name AS "programName",
  h.commitment_id AS "commitmentId", c.number AS "commitmentNumber", c.collaborator_id AS "collaboratorId",
  col.name AS "collaboratorName", h.aggregator_id AS "aggregatorId", ag.name AS "aggregatorName",
  h.handed_over_at AS "handedOverAt", h.region_code AS "regionCode", r.name AS "regionName",
  ST_X(h.location) AS lon, ST_Y(h.location) AS lat,
  h.location_accuracy_m AS "locationAccuracyM", h.address, h.giver,
  h.receiver - 'nikHash' AS receiver, h.witnesses, h.notes, h.duplicate_warnings AS "duplicateWarnings",
  h.submitted_by AS "submittedBy", h.submitted_by_kind AS "submittedByKind", h.decided_by AS "decidedBy",
  h.decided_at AS "decidedAt", h.rejection_reason AS "rejectionReason", h.content_hash AS "contentHash",
  h.chain_hash AS "chainHash", h.chain_seq AS "chainSeq", h.version, h.created_at AS "createdAt",
  h.updated_at AS "updatedAt",
  CASE WHEN h.kelurahan_confirmed_at IS NULL THEN NULL
       ELSE json_build_object('userId', h.kelurahan_confirmed_by, 'name', h.kelurahan_confirmed_name,
                              'confirmedAt', h.kelurahan_confirmed_at) END AS "kelurahanConfirmation",
  (SELECT count(*)::int FROM handover_recipients hr WHERE hr.handover_id = h.id) AS "recipientCount"`;

const VIEW_FROM = `
  FROM handovers h
  JOIN commitments c ON c.id = h.commitment_id
  JOIN collaborators col ON col.id = c.collaborator_id
  JOIN programs p ON p.code = h.program_code
  JOIN regions r ON r.code = h.region_code
  LEFT JOIN aggregators ag ON ag.id = h.aggregator_id`;

/**
 * Who sees a handover: the commitment's parties and internal staff (commitment visibility); a kelurahan officer
 * every handover made in their kelurahan, and nothing else.
 */
function handoverVisibilitySql(principal: Principal, params: unknown[]): string {
  if (principal.role === 'kelurahan') return inKelurahanSql(principal, 'h.region_code');
  return commitmentVisibilitySql(principal, 'c', params);
}

type HandoverRow = Omit<HandoverView, 'items' | 'totalQuantity' | 'recipients' | 'attachments'>;
type ItemRow = HandoverItemView & { handoverId: string };
type AttachmentRow = HandoverAttachmentView & { handoverId: string };

export interface StoredAttachment extends HandoverAttachmentView {
  storageKey: string;
}

/** Reads of handovers as the API shows them; what a caller may see is decided here, in SQL. */
@Injectable()
export class HandoverViewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findView(
    id: string,
    principal: Principal,
    opts: { withRecipients: boolean; manager?: EntityManager },
  ): Promise<HandoverView | null> {
    const manager = opts.manager ?? this.dataSource.manager;
    const params: unknown[] = [id];
    const visible = handoverVisibilitySql(principal, params);
    const rows: HandoverRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} WHERE h.id = $1 AND ${visible}`,
      params,
    );
    if (rows.length === 0) return null;
    const [view] = await this.complete(rows, manager);
    if (opts.withRecipients) {
      view.recipients = await manager.query(
        `SELECT nik_masked AS "nikMasked", name FROM handover_recipients WHERE handover_id = $1 ORDER BY nik_masked, id`,
        [id],
      );
    }
    return view;
  }

  async list(
    filter: HandoverFilter,
    principal: Principal,
    page: PageRequest,
    sort: SortSpec,
  ): Promise<Page<HandoverView>> {
    const params: unknown[] = [];
    const where = [handoverVisibilitySql(principal, params)];
    if (filter.status) where.push(`h.status = $${params.push(filter.status)}`);
    if (filter.commitmentId) where.push(`h.commitment_id = $${params.push(filter.commitmentId)}`);
    if (filter.programCode) where.push(`h.program_code = $${params.push(filter.programCode)}`);
    if (filter.aggregatorId) where.push(`c.aggregator_id = $${params.push(filter.aggregatorId)}`);
    if (filter.kelurahanConfirmed !== undefined) {
      where.push(`h.kelurahan_confirmed_at IS ${filter.kelurahanConfirmed ? 'NOT ' : ''}NULL`);
    }
    if (filter.needId) {
      where.push(
        `EXISTS (SELECT 1 FROM handover_items hi JOIN allocations a ON a.id = hi.allocation_id
                  WHERE hi.handover_id = h.id AND a.need_id = $${params.push(filter.needId)})`,
      );
    }
    const clause = `WHERE ${where.join(' AND ')}`;
    const nulls = sort.direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${VIEW_COLUMNS} ${VIEW_FROM} ${clause}
         ORDER BY h.${sort.column} ${sort.direction} ${nulls}, h.id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, offsetOf(page)],
      ) as Promise<HandoverRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM handovers h JOIN commitments c ON c.id = h.commitment_id ${clause}`,
        params,
      ) as Promise<{ total: number }[]>,
    ]);
    return pageOf(await this.complete(rows, this.dataSource.manager), total, page);
  }

  async findAttachment(handoverId: string, attachmentId: string): Promise<StoredAttachment | null> {
    const rows: StoredAttachment[] = await this.dataSource.query(
      `SELECT ${ATTACHMENT_COLUMNS}, storage_key AS "storageKey"
         FROM handover_attachments WHERE id = $1 AND handover_id = $2`,
      [attachmentId, handoverId],
    );
    return rows[0] ?? null;
  }

  private async complete(rows: HandoverRow[], manager: EntityManager): Promise<HandoverView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [items, attachments]: [ItemRow[], AttachmentRow[]] = await Promise.all([
      manager.query(
        `SELECT hi.handover_id AS "handoverId", hi.allocation_id AS "allocationId", a.need_id AS "needId",
                n.title AS "needTitle", pk.code AS "packageCode", pk.name AS "packageName", pk.unit, hi.quantity
           FROM handover_items hi
           JOIN allocations a ON a.id = hi.allocation_id
           JOIN needs n ON n.id = a.need_id
           JOIN packages pk ON pk.id = n.package_id
          WHERE hi.handover_id = ANY($1::uuid[])
          ORDER BY pk.code, n.title, hi.allocation_id`,
        [ids],
      ),
      manager.query(
        `SELECT handover_id AS "handoverId", ${ATTACHMENT_COLUMNS}
           FROM handover_attachments WHERE handover_id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [ids],
      ),
    ]);
    return rows.map((r) => {
      const own = items.filter((i) => i.handoverId === r.id).map(({ handoverId: _, ...item }) => item);
      return {
        ...r,
        items: own,
        totalQuantity: own.reduce((sum, i) => sum + i.quantity, 0),
        recipients: null,
        attachments: attachments
          .filter((a) => a.handoverId === r.id)
          .map(({ handoverId: _, ...attachment }) => attachment),
      };
    });
  }
}

const ATTACHMENT_COLUMNS = `id, content_type AS "contentType", size_bytes AS "sizeBytes", sha256,
  original_name AS "originalName", uploaded_by AS "uploadedBy", created_at AS "createdAt"`;
