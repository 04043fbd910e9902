import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** One audit row as written: the actor and origin already resolved, secrets already scrubbed. */
export interface NewAuditRow {
  actorId: string | null;
  actorKind: string;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The audit trail: appended inside business transactions, read by auditors. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: NewAuditRow): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_kind, actor_role, action, entity, entity_id, before, after, ip, user_agent, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        row.actorId,
        row.actorKind,
        row.actorRole,
        row.action,
        row.entity,
        row.entityId,
        row.before,
        row.after,
        row.ip,
        row.userAgent,
        row.requestId,
      ],
    );
  }

  /**
   * One page of the trail with its actors and objects named, set-based: the page is cut first, then joined once to
   * users / API keys (and their aggregator) for the actor and to the object's table for its label.
   */
  async list(filter: AuditFilter, page: PageRequest, sort: SortSpec): Promise<Page<AuditEntryRow>> {
    const { where, params } = whereOf(filter);
    const order = (t: string) => `${t}.${sort.column} ${sort.direction}, ${t}.id DESC`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `WITH page AS (
           SELECT * FROM audit_log a ${where} ORDER BY ${order('a')}
            LIMIT $${params.length + 1} OFFSET $${params.length + 2})
         ${NAMED_SELECT} ORDER BY ${order('p')}`,
        [...params, page.limit, offsetOf(page)],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM audit_log a ${where}`, params),
    ]);
    return pageOf(rows.map(toRow), total, page);
  }

  /**
   * Every entry matching the filter, newest first, named as in list(), at most `cap` of them, read in chunks of
   * `chunk` by keyset (at, id) so an export never holds the whole trail in memory.
   */
  async *stream(filter: AuditFilter, cap: number, chunk = 500): AsyncGenerator<AuditEntryRow> {
    const { where, params } = whereOf(filter);
    let cursor: { at: Date; id: string } | null = null;
    let sent = 0;
    while (sent < cap) {
      const keyset: string = cursor
        ? `${where ? `${where} AND` : 'WHERE'} (a.at, a.id) < ($${params.length + 2}, $${params.length + 3})`
        : where;
      const args: unknown[] = cursor
        ? [...params, Math.min(chunk, cap - sent), cursor.at, cursor.id]
        : [...params, Math.min(chunk, cap - sent)];
      const raw: RawRow[] = await this.dataSource.query(
        `WITH page AS (SELECT * FROM audit_log a ${keyset} ORDER BY a.at DESC, a.id DESC LIMIT $${params.length + 1})
         ${NAMED_SELECT} ORDER BY p.at DESC, p.id DESC`,
        args,
      );
      for (const r of raw) yield toRow(r);
      sent += raw.length;
      if (raw.length < chunk) return;
      const last = raw[raw.length - 1];
      cursor = { at: last.at, id: last.id };
    }
  }
}

/** An audit row with its actor's and object's names, as read back. */
export interface AuditEntryRow extends AuditEntry {
  actorName: string | null;
  actorAggregatorId: string | null;
  actorAggregatorName: string | null;
  objectLabel: string | null;
}

interface RawRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_kind: string;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  actor_name: string | null;
  actor_aggregator_id: string | null;
  actor_aggregator_name: string | null;
  object_label: string | null;
}

function toRow(r: RawRow): AuditEntryRow {
  return {
    id: String(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorKind: r.actor_kind,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    actorName: r.actor_name,
    actorAggregatorId: r.actor_aggregator_id,
    actorAggregatorName: r.actor_aggregator_name,
    objectLabel: r.object_label,
  };
}

function whereOf(filter: AuditFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.entity) add('a.entity = ?', filter.entity);
  if (filter.entityId) add('a.entity_id = ?', filter.entityId);
  if (filter.actor) add('a.actor_id = ?', filter.actor);
  if (filter.action) add('a.action = ?', filter.action);
  if (filter.from) add('a.at >= ?', filter.from);
  if (filter.to) add('a.at < ?', filter.to);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const UUID_TEXT = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
/** The page row's entity id as a uuid when it is about `entity` (so the object's primary key is used), else null. */
const objectId = (entity: string) =>
  `CASE WHEN p.entity = '${entity}' AND p.entity_id ~ ${UUID_TEXT} THEN p.entity_id::uuid END`;

/** Names the actor and labels the object of every row of the CTE `page`. */
const NAMED_SELECT = `
  SELECT p.*, coalesce(au.name, ak.name) AS actor_name, ak.aggregator_id AS actor_aggregator_id,
         aka.name AS actor_aggregator_name,
         CASE p.entity
           WHEN 'commitment' THEN oc.number
           WHEN 'handover' THEN oh.bast_number
           WHEN 'need' THEN onn.title
           WHEN 'collaborator' THEN ocl.name
           WHEN 'aggregator' THEN oag.name
           WHEN 'user' THEN ou.email
           WHEN 'api_key' THEN okey.name
           WHEN 'program' THEN opr.name
           WHEN 'package' THEN opk.name
         END AS object_label
    FROM page p
    LEFT JOIN users au ON p.actor_kind = 'user' AND au.id = p.actor_id
    LEFT JOIN api_keys ak ON p.actor_kind = 'api_key' AND ak.id = p.actor_id
    LEFT JOIN aggregators aka ON aka.id = ak.aggregator_id
    LEFT JOIN commitments oc ON oc.id = ${objectId('commitment')}
    LEFT JOIN handovers oh ON oh.id = ${objectId('handover')}
    LEFT JOIN needs onn ON onn.id = ${objectId('need')}
    LEFT JOIN collaborators ocl ON ocl.id = ${objectId('collaborator')}
    LEFT JOIN aggregators oag ON oag.id = ${objectId('aggregator')}
    LEFT JOIN users ou ON ou.id = ${objectId('user')}
    LEFT JOIN api_keys okey ON okey.id = ${objectId('api_key')}
    LEFT JOIN packages opk ON opk.id = ${objectId('package')}
    LEFT JOIN programs opr ON p.entity = 'program' AND opr.code = p.entity_id`;
