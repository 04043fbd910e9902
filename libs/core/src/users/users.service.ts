import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertVersion, ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { normaliseEmail } from '../common/email-address';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import type { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { AccountSessions } from './account-sessions';
import { hashNewPassword } from './password';
import { Language, Role, User } from './user.entity';
import { Memberships, UserFilter, UsersRepository } from './users.repository';

export interface CreateUserInput {
  email: string;
  password: string;
  name: string;
  role: Role;
  collaboratorId?: string;
  aggregatorId?: string;
  /** required for, and only for, the `kelurahan` role */
  kelurahanCode?: string;
  language?: Language;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  active?: boolean;
  language?: Language;
  password?: string;
  collaboratorId?: string | null;
  aggregatorId?: string | null;
  kelurahanCode?: string | null;
}

const SORTABLE = { email: 'email', name: 'name', role: 'role', createdAt: 'createdAt' };

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly sessions: AccountSessions,
  ) {}

  list(filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    return this.users.list(filter, page, resolveSort(page.sort, SORTABLE, { column: 'createdAt', direction: 'DESC' }));
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  // The account surface for sign-up and sign-in (the auth concern), which reads and writes users only through here.

  /** The account of an email (stored lower-cased), or null. */
  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.users.findByEmail(email, manager);
  }

  /** The account, or null (no "not found" error: sign-in answers the same for every failure). */
  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.users.findById(id, manager);
  }

  /** Inserts an account inside the caller's transaction; the caller has hashed the password and checked the rules. */
  insertInTransaction(manager: EntityManager, user: Partial<User>): Promise<User> {
    return this.users.insert(manager, user);
  }

  touchLogin(id: string): Promise<void> {
    return this.users.touchLogin(id);
  }

  async create(input: CreateUserInput): Promise<User> {
    assertMembership(input.role, input.collaboratorId ?? null, input.aggregatorId ?? null);
    assertKelurahan(input.role, input.kelurahanCode ?? null);
    const passwordHash = await hashNewPassword(input.password, input);
    return this.uow.run(async (tx) => {
      if (await this.users.findByEmail(input.email, tx.manager)) {
        throw new ConflictError('an account with this email already exists', { code: 'email_taken' });
      }
      await this.assertOrganisationsExist(tx.manager, input.collaboratorId ?? null, input.aggregatorId ?? null);
      await this.assertKelurahanExists(tx.manager, input.kelurahanCode ?? null);
      const user = await this.users.insert(tx.manager, {
        email: normaliseEmail(input.email),
        passwordHash,
        name: input.name,
        role: input.role,
        collaboratorId: input.collaboratorId ?? null,
        aggregatorId: input.aggregatorId ?? null,
        kelurahanCode: input.kelurahanCode ?? null,
        language: input.language ?? 'id',
      });
      await tx.audit({ action: 'user.created', entity: 'user', entityId: user.id, after: user });
      return user;
    });
  }

  async update(id: string, input: UpdateUserInput, expectedVersion?: number): Promise<User> {
    const passwordHash = input.password ? await this.newPasswordHash(id, input.password, input.name) : undefined;
    let ended = false;
    const updated = await this.uow.run(async (tx) => {
      const user = await this.users.lockById(tx.manager, id);
      if (!user) throw new NotFoundError('user', id);
      assertVersion(expectedVersion, user.version);
      const before = { ...user };
      const role = input.role ?? user.role;
      const collaboratorId = input.collaboratorId !== undefined ? input.collaboratorId : role === 'collaborator' ? user.collaboratorId : null;
      const aggregatorId = input.aggregatorId !== undefined ? input.aggregatorId : role === 'aggregator' ? user.aggregatorId : null;
      const kelurahanCode = input.kelurahanCode !== undefined ? input.kelurahanCode : role === 'kelurahan' ? user.kelurahanCode : null;
      assertMembership(role, collaboratorId, aggregatorId);
      assertKelurahan(role, kelurahanCode);
      await this.assertOrganisationsExist(tx.manager, collaboratorId, aggregatorId);
      await this.assertKelurahanExists(tx.manager, kelurahanCode);
      Object.assign(user, {
        kelurahanCode,
        name: input.name ?? user.name,
        role,
        collaboratorId,
        aggregatorId,
        active: input.active ?? user.active,
        language: input.language ?? user.language,
        passwordHash: passwordHash ?? user.passwordHash,
      });
      const saved = await this.users.save(tx.manager, user);
      ended =
        !saved.active ||
        !!passwordHash ||
        before.role !== saved.role ||
        before.collaboratorId !== saved.collaboratorId ||
        before.aggregatorId !== saved.aggregatorId ||
        before.kelurahanCode !== saved.kelurahanCode;
      if (ended) {
        await this.users.revokeSessions(tx.manager, id);
        saved.sessionVersion = (await this.users.bumpSessionVersion(tx.manager, id)) ?? saved.sessionVersion;
      }
      await tx.audit({ action: saved.active ? 'user.updated' : 'user.deactivated', entity: 'user', entityId: id, before, after: saved });
      return saved;
    });
    // After the commit, so that no replica reads the account back as it was before.
    if (ended) await this.sessions.ended(id);
    return updated;
  }

  /**
   * Refuses the account's access tokens from now on, on every replica (sign-out). Its refresh tokens are the caller's
   * business: a session that still holds a live one gets a new access token by refreshing.
   */
  async endAccessTokens(userId: string): Promise<void> {
    await this.users.bumpSessionVersion(undefined, userId);
    await this.sessions.ended(userId);
  }

  /** A changed password is checked against the account's email and (new or current) name, then hashed. */
  private async newPasswordHash(id: string, password: string, newName?: string): Promise<string> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('user', id);
    return hashNewPassword(password, { email: user.email, name: [newName, user.name].filter(Boolean).join(' ') });
  }

  /** The collaborator and aggregator a principal belongs to (`GET /auth/me`). */
  memberships(p: Principal): Promise<Memberships> {
    return this.users.memberships(p.collaboratorId, p.aggregatorId);
  }

  private async assertKelurahanExists(manager: EntityManager, kelurahanCode: string | null): Promise<void> {
    if (kelurahanCode && !(await this.users.kelurahanExists(manager, kelurahanCode))) {
      throw new InvalidInputError('no such kelurahan', [{ field: 'kelurahanCode', message: 'is not a Jakarta kelurahan' }]);
    }
  }

  private async assertOrganisationsExist(
    manager: EntityManager,
    collaboratorId: string | null,
    aggregatorId: string | null,
  ): Promise<void> {
    if (collaboratorId && !(await this.users.collaboratorExists(manager, collaboratorId))) {
      throw new InvalidInputError('no such collaborator', [{ field: 'collaboratorId', message: 'does not exist' }]);
    }
    if (aggregatorId && !(await this.users.aggregatorExists(manager, aggregatorId))) {
      throw new InvalidInputError('no such aggregator', [{ field: 'aggregatorId', message: 'does not exist' }]);
    }
  }
}

function assertMembership(role: Role, collaboratorId: string | null, aggregatorId: string | null): void {
  if ((role === 'collaborator') !== !!collaboratorId) {
    throw new InvalidInputError('collaboratorId is required for, and only for, the collaborator role', [
      { field: 'collaboratorId', message: 'required for role collaborator, forbidden otherwise' },
    ]);
  }
  if ((role === 'aggregator') !== !!aggregatorId) {
    throw new InvalidInputError('aggregatorId is required for, and only for, the aggregator role', [
      { field: 'aggregatorId', message: 'required for role aggregator, forbidden otherwise' },
    ]);
  }
}

function assertKelurahan(role: Role, kelurahanCode: string | null): void {
  if ((role === 'kelurahan') !== !!kelurahanCode) {
    throw new InvalidInputError('kelurahanCode is required for, and only for, the kelurahan role', [
      { field: 'kelurahanCode', message: 'required for role kelurahan, forbidden otherwise' },
    ]);
  }
}
