import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  assertVersion,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
} from '../common/domain-errors';
import { Page, pageOf, PageRequest, resolveSort } from '../common/pagination';
import { Principal } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { Collaborator, CollaboratorType } from './collaborator.entity';
import {
  CollaboratorTransition,
  COLLABORATOR_LIFECYCLE,
  nextCollaboratorStatus,
} from './collaborator-lifecycle';
import {
  CollaboratorFilter,
  CollaboratorsRepository,
  CollaboratorWithMembers,
} from './collaborators.repository';
import { LookAlike } from './look-alike';

/** What Pokja sees in the verification queue: each entry with the organisations and accounts it looks like. */
export type CollaboratorWithLookAlikes = CollaboratorWithMembers & { lookAlikes?: LookAlike[] };

/** What a collaborator may edit about itself. */
export interface CollaboratorProfileInput {
  name?: string;
  country?: string;
  registrationNumber?: string | null;
  taxNumber?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  picName?: string | null;
  publicOptIn?: boolean;
}

/** What Pokja may edit: the profile and the type. Status changes only through verify/reject/suspend. */
export interface CollaboratorUpdateInput extends CollaboratorProfileInput {
  type?: CollaboratorType;
}

export interface CreateCollaboratorInput extends CollaboratorProfileInput {
  type: CollaboratorType;
  name: string;
}

const SORTABLE = {
  name: 'name',
  type: 'type',
  status: 'status',
  createdAt: 'createdAt',
  verifiedAt: 'verifiedAt',
};

/** Who sees which collaborators: Pokja and viewers all of them, a member only its own, aggregators none. */
type Scope = { kind: 'all' } | { kind: 'own'; collaboratorId: string | null };

function scopeOf(caller: Principal): Scope {
  switch (caller.role) {
    case 'admin':
    case 'operator':
    case 'viewer':
    case null:
      return { kind: 'all' };
    case 'collaborator':
      return { kind: 'own', collaboratorId: caller.collaboratorId };
    default:
      throw new ForbiddenError('your role may not see collaborators');
  }
}

function canSee(scope: Scope, id: string): boolean {
  return scope.kind === 'all' || scope.collaboratorId === id;
}

@Injectable()
export class CollaboratorsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly collaborators: CollaboratorsRepository,
  ) {}

  async list(
    caller: Principal,
    filter: Omit<CollaboratorFilter, 'id'>,
    page: PageRequest,
  ): Promise<Page<CollaboratorWithLookAlikes>> {
    const sort = resolveSort(page.sort, SORTABLE, { column: 'createdAt', direction: 'DESC' });
    const scope = scopeOf(caller);
    if (scope.kind === 'own') {
      if (!scope.collaboratorId) return pageOf([], 0, page);
      return this.collaborators.list({ ...filter, id: scope.collaboratorId }, page, sort);
    }
    const listed = await this.collaborators.list(filter, page, sort);
    return this.withLookAlikes(caller, listed);
  }

  /**
   * Operators and admins see, on each entry, the other collaborators and aggregators whose name looks the same
   * (confusable skeletons) and, for admins (who manage accounts), the accounts whose email looks like a member's.
   * Nobody else gets the field.
   */
  private async withLookAlikes(
    caller: Principal,
    page: Page<CollaboratorWithMembers>,
  ): Promise<Page<CollaboratorWithLookAlikes>> {
    if (caller.role !== 'admin' && caller.role !== 'operator') return page;
    const found = await this.collaborators.lookAlikes(
      page.data.map((c) => c.id),
      caller.role === 'admin',
    );
    return { ...page, data: page.data.map((c) => Object.assign(c, { lookAlikes: found.get(c.id) ?? [] })) };
  }

  async get(caller: Principal, id: string): Promise<CollaboratorWithMembers> {
    if (!canSee(scopeOf(caller), id)) throw new NotFoundError('collaborator', id);
    const collaborator = await this.collaborators.findById(id);
    if (!collaborator) throw new NotFoundError('collaborator', id);
    const [withMembers] = await this.collaborators.withMembers([collaborator]);
    return withMembers;
  }

  /** Pokja records a collaborator by hand; like a self-registered one it waits for verification. */
  async create(input: CreateCollaboratorInput): Promise<CollaboratorWithMembers> {
    return this.uow.run(async (tx) => {
      const collaborator = await this.collaborators.insert(tx.manager, {
        ...stripUndefined(input),
        country: (input.country ?? 'ID').toUpperCase(),
        status: 'pending',
      });
      await tx.audit({
        action: 'collaborator.created',
        entity: 'collaborator',
        entityId: collaborator.id,
        after: collaborator,
      });
      return Object.assign(collaborator, { memberCount: 0 });
    });
  }

  async update(
    caller: Principal,
    id: string,
    input: CollaboratorUpdateInput,
    expectedVersion?: number,
  ): Promise<CollaboratorWithMembers> {
    const scope = scopeOf(caller);
    if (!canSee(scope, id)) throw new NotFoundError('collaborator', id);
    if (scope.kind === 'own' && input.type !== undefined) {
      throw new ForbiddenError("only Pokja may change a collaborator's type");
    }
    return this.uow.run(async (tx) => {
      const collaborator = await this.collaborators.lockById(tx.manager, id);
      if (!collaborator) throw new NotFoundError('collaborator', id);
      assertVersion(expectedVersion, collaborator.version);
      const before = { ...collaborator };
      Object.assign(collaborator, stripUndefined({ ...input, country: input.country?.toUpperCase() }));
      const saved = await this.collaborators.save(tx.manager, collaborator);
      await tx.audit({
        action: 'collaborator.updated',
        entity: 'collaborator',
        entityId: id,
        before,
        after: saved,
      });
      const [withMembers] = await this.collaborators.withMembers([saved], tx.manager);
      return withMembers;
    });
  }

  verify(id: string, expectedVersion?: number): Promise<CollaboratorWithMembers> {
    return this.transition('verify', id, null, expectedVersion);
  }

  reject(id: string, reason: string, expectedVersion?: number): Promise<CollaboratorWithMembers> {
    return this.transition('reject', id, reason, expectedVersion);
  }

  suspend(id: string, reason: string, expectedVersion?: number): Promise<CollaboratorWithMembers> {
    return this.transition('suspend', id, reason, expectedVersion);
  }

  /**
   * For other modules, inside their transaction: refuses unless the collaborator is verified, and holds a share
   * lock so a concurrent suspension waits until the caller's transaction ends.
   */
  async assertVerified(manager: EntityManager | undefined, collaboratorId: string): Promise<void> {
    const status = await this.collaborators.statusForShare(manager, collaboratorId);
    if (!status) throw new NotFoundError('collaborator', collaboratorId);
    if (status !== 'verified') {
      throw new ConflictError(
        `the collaborator is ${status}; only verified collaborators can sign commitments`,
        { code: 'collaborator_not_verified' },
      );
    }
  }

  private async transition(
    transition: CollaboratorTransition,
    id: string,
    reasonRaw: string | null,
    expectedVersion?: number,
  ): Promise<CollaboratorWithMembers> {
    const reason = reasonRaw?.trim() || null;
    if (COLLABORATOR_LIFECYCLE[transition].needsReason && !reason) {
      throw new InvalidInputError(`a reason is required to ${transition} a collaborator`, [
        { field: 'reason', message: 'must not be empty' },
      ]);
    }
    return this.uow.run(async (tx) => {
      const collaborator = await this.collaborators.lockById(tx.manager, id);
      if (!collaborator) throw new NotFoundError('collaborator', id);
      assertVersion(expectedVersion, collaborator.version);
      const before = { ...collaborator };
      const status = nextCollaboratorStatus(transition, collaborator.status);
      Object.assign(collaborator, {
        status,
        statusReason: reason,
        verifiedAt: status === 'verified' ? new Date() : collaborator.verifiedAt,
      } satisfies Partial<Collaborator>);
      const saved = await this.collaborators.save(tx.manager, collaborator);
      await tx.audit({
        action: `collaborator.${status}`,
        entity: 'collaborator',
        entityId: id,
        before,
        after: saved,
      });
      await tx.emit({
        type: `collaborator.${status}`,
        aggregateType: 'collaborator',
        aggregateId: id,
        payload: {
          collaboratorId: id,
          name: saved.name,
          type: saved.type,
          status,
          previousStatus: before.status,
          reason,
          verifiedAt: saved.verifiedAt?.toISOString() ?? null,
        },
      });
      const [withMembers] = await this.collaborators.withMembers([saved], tx.manager);
      return withMembers;
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
