import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql';
import { offsetOf, Page, pageOf, PageRequest, SortSpec } from '../common/pagination';
import { Role, User } from './user.entity';

export interface UserFilter {
  role?: Role;
  active?: boolean;
  q?: string;
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

  async touchLogin(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  async list(filter: UserFilter, page: PageRequest, sort: SortSpec): Promise<Page<User>> {
    const qb = this.repo().createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    qb.orderBy(`u.${sort.column}`, sort.direction).addOrderBy('u.id', 'ASC').skip(offsetOf(page)).take(page.limit);
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(rows, total, page);
  }
}
