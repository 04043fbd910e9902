import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { Role, User } from './user.entity';

export interface UserFilter {
  role?: Role;
  active?: boolean;
  q?: string;
  /** the members of one collaborator */
  collaboratorId?: string;
}

/** An organisation a principal belongs to, as `GET /auth/me` shows it (`type` for collaborators only). */
export interface Membership {
  id: string;
  name: string;
  status: string;
  type?: string;
  statusReason?: string | null;
}

/** What the guard checks an access token against: the account as it is now. */
export interface SessionState {
  sessionVersion: number;
  active: boolean;
  role: Role;
  collaboratorId: string | null;
  aggregatorId: string | null;
  kelurahanCode?: string | null;
}

export interface Memberships {
  collaborator: Membership | null;
  aggregator: Membership | null;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(User);
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ email: email.toLowerCase() });
  }

  /** Locks the row for the rest of the transaction. */
  lockById(manager: EntityManager, id: string): Promise<User | null> {
    return this.repo(manager).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  insert(manager: EntityManager, user: Partial<User>): Promise<User> {
    return this.repo(manager).save(this.repo(manager).create(user));
  }

  save(manager: EntityManager, user: User): Promise<User> {
    return this.repo(manager).save(user);
  }

  /** Ends every refresh-token session of the user (deactivation, password change by an admin). */
  async revokeSessions(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  /** Moves the account's session version on, atomically; the new version. */
  async bumpSessionVersion(manager: EntityManager | undefined, userId: string): Promise<number | null> {
    const rows: { session_version: number }[] = await (manager ?? this.dataSource.manager).query(
      `UPDATE users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version`,
      [userId],
    );
    return rows[0]?.session_version ?? null;
  }

  /** The account's session version, state, role and organisations, or null when there is no such account. */
  async sessionState(userId: string): Promise<SessionState | null> {
    const rows: { sv: number; active: boolean; role: Role; cid: string | null; aid: string | null; kel: string | null }[] = await this.dataSource.query(
      `SELECT session_version AS sv, active, role, collaborator_id AS cid, aggregator_id AS aid, kelurahan_code AS kel FROM users WHERE id = $1`,
      [userId],
    );
    const r = rows[0];
    return r ? { sessionVersion: r.sv, active: r.active, role: r.role, collaboratorId: r.cid, aggregatorId: r.aid, kelurahanCode: r.kel } : null;
  }

  async collaboratorExists(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM collaborators WHERE id = $1`, [id])).length > 0;
  }

  async kelurahanExists(manager: EntityManager, code: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM regions WHERE code = $1 AND level = 'village'`, [code])).length > 0;
  }

  async aggregatorExists(manager: EntityManager, id: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM aggregators WHERE id = $1`, [id])).length > 0;
  }

  /** The organisations an account or API key belongs to, looked up at once; null where there is none. */
  async memberships(collaboratorId: string | null, aggregatorId: string | null): Promise<Memberships> {
    const [collaborator, aggregator] = await Promise.all([
      collaboratorId ? this.membership(`SELECT id, name, status, type, status_reason AS "statusReason" FROM collaborators WHERE id = $1`, collaboratorId) : null,
      aggregatorId ? this.membership(`SELECT id, name, status FROM aggregators WHERE id = $1`, aggregatorId) : null,
    ]);
    return { collaborator, aggregator };
  }

  private async membership(sql: string, id: string): Promise<Membership | null> {
    const rows = await this.dataSource.query(sql, [id]);
    return rows[0] ?? null;
  }

  async touchLogin(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  async list(filter: UserFilter, page: PageRequest, sort: SortSpec): Promise<Page<User>> {
    const qb = this.repo().createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.collaboratorId) qb.andWhere('u.collaborator_id = :cid', { cid: filter.collaboratorId });
    if (filter.q) qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    qb.orderBy(`u.${sort.column}`, sort.direction).addOrderBy('u.id', 'ASC').skip(offsetOf(page)).take(page.limit);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows, total, page);
  }
}
