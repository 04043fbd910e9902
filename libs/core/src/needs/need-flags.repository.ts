import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest } from '../common/pagination';
import type { NeedFlagStatus } from './need-flag.entity';

export interface NeedFlagView {
  id: string;
  needId: string;
  needTitle: string;
  regionCode: string;
  kelurahanCode: string;
  reason: string;
  status: NeedFlagStatus;
  flaggedBy: string;
  flaggedByName: string;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
  createdAt: Date;
}

const COLUMNS = `f.id, f.need_id AS "needId", n.title AS "needTitle", n.region_code AS "regionCode",
  f.kelurahan_code AS "kelurahanCode", f.reason, f.status, f.flagged_by AS "flaggedBy", u.name AS "flaggedByName",
  f.resolved_by AS "resolvedBy", f.resolved_at AS "resolvedAt", f.resolution, f.created_at AS "createdAt"`;
const FROM = `FROM need_flags f JOIN needs n ON n.id = f.need_id JOIN users u ON u.id = f.flagged_by`;

@Injectable()
export class NeedFlagsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts an open flag; null when this officer already has an open flag on the need (the partial unique index). */
  async insert(manager: EntityManager, needId: string, reason: string, flaggedBy: string, kelurahanCode: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO need_flags (need_id, reason, flagged_by, kelurahan_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (need_id, flagged_by) WHERE status = 'open' DO NOTHING RETURNING id`,
      [needId, reason, flaggedBy, kelurahanCode],
    );
    return rows[0]?.id ?? null;
  }

  /** Resolves an open flag in one conditional statement; false when it is not open (or not there). */
  async resolve(manager: EntityManager, id: string, resolvedBy: string | null, resolution: string): Promise<boolean> {
    const rows: unknown = await manager.query(
      `UPDATE need_flags SET status = 'resolved', resolved_by = $2, resolved_at = now(), resolution = $3
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, resolvedBy, resolution],
    );
    const changed = Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : (rows as unknown[]);
    return changed.length > 0;
  }

  async find(id: string, visibleSql: string, manager?: EntityManager): Promise<NeedFlagView | null> {
    const rows: NeedFlagView[] = await (manager ?? this.dataSource).query(`SELECT ${COLUMNS} ${FROM} WHERE f.id = $1 AND ${visibleSql}`, [id]);
    return rows[0] ?? null;
  }

  async list(visibleSql: string, filter: { status?: NeedFlagStatus; needId?: string }, page: PageRequest): Promise<Page<NeedFlagView>> {
    const params: unknown[] = [];
    const where = [visibleSql];
    if (filter.status) where.push(`f.status = $${params.push(filter.status)}`);
    if (filter.needId) where.push(`f.need_id = $${params.push(filter.needId)}`);
    const clause = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} ${FROM} ${clause} ORDER BY f.created_at DESC, f.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, offsetOf(page)],
      ) as Promise<NeedFlagView[]>,
      this.dataSource.query(`SELECT count(*)::int AS total ${FROM} ${clause}`, params) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows, total, page);
  }
}
