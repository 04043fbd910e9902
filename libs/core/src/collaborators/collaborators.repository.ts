import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { escapeLike } from '../common/sql';
import { Collaborator, CollaboratorStatus, CollaboratorType } from './collaborator.entity';
import { LookAlike } from './look-alike';

export interface CollaboratorFilter {
  type?: CollaboratorType;
  status?: CollaboratorStatus;
  /** matches name, email, registration or tax number */
  q?: string;
  /** restricts the list to one collaborator (a member's own) */
  id?: string;
}

/** A collaborator with the number of user accounts that belong to it. */
export type CollaboratorWithMembers = Collaborator & { memberCount: number };



@Injectable()
export class CollaboratorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Collaborator);
  }

  findById(id: string, manager?: EntityManager): Promise<Collaborator | null> {
    return this.repo(manager).findOneBy({ id });
  }

  /** Locks the row for the rest of the transaction. */
  lockById(manager: EntityManager, id: string): Promise<Collaborator | null> {
    return this.repo(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Reads the status under a share lock, so no suspension can commit until the caller's transaction ends. */
  async statusForShare(manager: EntityManager | undefined, id: string): Promise<CollaboratorStatus | null> {
    const rows: { status: CollaboratorStatus }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT status FROM collaborators WHERE id = $1 FOR SHARE`,
      [id],
    );
    return rows[0]?.status ?? null;
  }

  insert(manager: EntityManager, collaborator: Partial<Collaborator>): Promise<Collaborator> {
    return this.repo(manager).save(this.repo(manager).create(collaborator));
  }

  save(manager: EntityManager, collaborator: Collaborator): Promise<Collaborator> {
    return this.repo(manager).save(collaborator);
  }

  async list(
    filter: CollaboratorFilter,
    page: PageRequest,
    sort: SortSpec,
  ): Promise<Page<CollaboratorWithMembers>> {
    const qb = this.repo().createQueryBuilder('c');
    if (filter.id) qb.andWhere('c.id = :id', { id: filter.id });
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.q) {
      qb.andWhere(
        '(c.name ILIKE :q OR c.email ILIKE :q OR c.registrationNumber ILIKE :q OR c.taxNumber ILIKE :q)',
        { q: `%${escapeLike(filter.q)}%` },
      );
    }
    qb.orderBy(`c.${sort.column}`, sort.direction, sort.direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('c.id', 'ASC')
      .skip(offsetOf(page))
      .take(page.limit);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(await this.withMembers(rows), total, page);
  }

  /**
   * For each collaborator, the other collaborators and aggregators whose name has the same skeleton, and (withUsers)
   * the accounts outside it whose email has the skeleton of one of its members' emails. Indexed lookups; at most 20 a
   * collaborator.
   */
  async lookAlikes(ids: string[], withUsers: boolean): Promise<Map<string, LookAlike[]>> {
    const result = new Map<string, LookAlike[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return result;
    const rows: (LookAlike & { subject: string })[] = await this.dataSource.manager.query(
      `SELECT subject, id, name, kind FROM (
         SELECT s.id AS subject, c.id::text AS id, c.name::text AS name, 'collaborator' AS kind,
                row_number() OVER (PARTITION BY s.id ORDER BY c.created_at, c.id) AS n
           FROM collaborators s JOIN collaborators c ON c.name_skeleton = s.name_skeleton AND c.id <> s.id
          WHERE s.id = ANY($1)
         UNION ALL
         SELECT s.id, a.id::text, a.name::text, 'aggregator', row_number() OVER (PARTITION BY s.id ORDER BY a.name, a.id)
           FROM collaborators s JOIN aggregators a ON a.name_skeleton = s.name_skeleton
          WHERE s.id = ANY($1)
         UNION ALL
         SELECT m.collaborator_id, u.id::text, u.email::text, 'user', row_number() OVER (PARTITION BY m.collaborator_id ORDER BY u.email, u.id)
           FROM users m JOIN users u ON u.email_skeleton = m.email_skeleton AND u.id <> m.id
                                   AND u.collaborator_id IS DISTINCT FROM m.collaborator_id
          WHERE $2 AND m.collaborator_id = ANY($1)
       ) t
       WHERE n <= 20
       ORDER BY subject, kind, name, id`,
      [ids, withUsers],
    );
    for (const { subject, id, name, kind } of rows) result.get(subject)?.push({ id, name, kind });
    return result;
  }

  async withMembers(rows: Collaborator[], manager?: EntityManager): Promise<CollaboratorWithMembers[]> {
    if (rows.length === 0) return [];
    const counts: { id: string; n: number }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT collaborator_id AS id, count(*)::int AS n FROM users WHERE collaborator_id = ANY($1) GROUP BY 1`,
      [rows.map((r) => r.id)],
    );
    const byId = new Map(counts.map((c) => [c.id, c.n]));
    return rows.map((r) => Object.assign(r, { memberCount: byId.get(r.id) ?? 0 }));
  }
}
