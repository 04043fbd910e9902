import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AggregatorsService } from '../aggregators/aggregators.service';
import { CollaboratorsService } from '../collaborators/collaborators.service';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { Principal, RequestContext, SYSTEM_PRINCIPAL } from '../common/request-context';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { assertEmailVerified } from '../auth/email-verification.service';
import type { DomainEvent } from '../outbox/outbox.service';
import { NumberSequencesRepository } from '../numbering/number-sequences.repository';
import { formatNumber, jakartaYear } from '../numbering/numbering';
import { CommitmentStatus } from './commitment.entity';
import {
  assertCollaboratorExists,
  assertCommitmentShape,
  assertProgramOpen,
  CreateCommitmentInput,
  resolveItems,
  totalValueOf,
} from './commitment-input';
import { commitmentSignedContent, commitmentSignedHash } from './commitment-signature';
import { actsForCommitment, canSeeCommitment } from './commitment-visibility';
import { CommitmentView, LockedCommitment } from './commitment.view';
import { CommitmentFilter, CommitmentsRepository } from './commitments.repository';

/**
 * Gives back, inside the cancelling transaction, every claim the commitment holds; returns the events to emit after
 * the cancellation's own. The allocations concern supplies it (it depends on commitments, not the other way round).
 */
export type ReleaseClaimsOfCommitment = (tx: Tx, commitmentId: string, reason: string) => Promise<DomainEvent[]>;

export interface SignCommitmentInput {
  signatoryName: string;
  signatoryTitle: string;
  agree: boolean;
}

const SORTABLE = {
  createdAt: 'created_at',
  number: 'number',
  status: 'status',
  totalValue: 'total_value',
  signedAt: 'signed_at',
  plannedFrom: 'planned_from',
};

const CANCELLABLE: CommitmentStatus[] = ['draft', 'submitted', 'approved'];

/**
 * The commitment form (formulir komitmen): drafted, signed by the collaborator, decided by Pokja, and
 * cancelled by either side; cancelling gives every reserved claim back to its need in the same transaction.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly commitments: CommitmentsRepository,
    private readonly collaborators: CollaboratorsService,
    private readonly aggregators: AggregatorsService,
    private readonly numbers: NumberSequencesRepository,
  ) {}

  list(filter: CommitmentFilter, page: PageRequest, principal: Principal): Promise<Page<CommitmentView>> {
    const sort = resolveSort(page.sort, SORTABLE, { column: 'created_at', direction: 'DESC' });
    return this.commitments.list(filter, principal, page, sort);
  }

  async get(id: string, principal: Principal): Promise<CommitmentView> {
    const view = await this.commitments.findView(id, principal);
    if (!view) throw new NotFoundError('commitment', id);
    return view;
  }

  async create(input: CreateCommitmentInput, principal: Principal): Promise<CommitmentView> {
    if (principal.role === 'collaborator' && principal.collaboratorId !== input.collaboratorId) {
      throw new ForbiddenError('a collaborator member can only make commitments for its own collaborator');
    }
    assertCommitmentShape(input);
    const totalValue = totalValueOf(input.items);
    return this.uow.run(async (tx) => {
      assertProgramOpen(input.programCode, await this.commitments.programStatus(tx.manager, input.programCode));
      assertCollaboratorExists(
        input.collaboratorId,
        await this.commitments.collaboratorExists(tx.manager, input.collaboratorId),
      );
      const packages = await this.commitments.packageRanges(
        tx.manager,
        input.programCode,
        input.items.map((i) => i.packageCode),
      );
      const items = resolveItems(input.programCode, input.items, packages);
      if (input.aggregatorId) {
        await this.aggregators.assertServes(tx.manager, input.aggregatorId, input.programCode);
      }
      const id = await this.commitments.insert(
        tx.manager,
        {
          collaboratorId: input.collaboratorId,
          programCode: input.programCode,
          deliveryMode: input.deliveryMode,
          aggregatorId: input.aggregatorId ?? null,
          plannedFrom: input.plannedFrom,
          plannedTo: input.plannedTo,
          notes: input.notes ?? '',
          totalValue,
          createdBy: principal.id,
        },
        items,
      );
      const created = await this.read(tx.manager, id);
      await tx.audit({ action: 'commitment.created', entity: 'commitment', entityId: id, after: created });
      return created;
    });
  }

  /**
   * The collaborator's e-signature: numbers the form gap-free in this transaction and records who signed, when,
   * from where, and the SHA-256 of exactly what was signed.
   */
  async sign(id: string, input: SignCommitmentInput, principal: Principal): Promise<CommitmentView> {
    if (input.agree !== true) {
      throw new InvalidInputError('the signatory must agree to the commitment', [
        { field: 'agree', message: 'must be true' },
      ]);
    }
    return this.uow.run(async (tx) => {
      const locked = await this.lockVisible(tx.manager, id, principal);
      if (principal.role !== 'collaborator' || principal.collaboratorId !== locked.collaboratorId) {
        throw new ForbiddenError('only a member of the collaborator can sign its commitment', { code: 'commitment_sign_forbidden' });
      }
      if (locked.status !== 'draft') {
        throw new ConflictError(`the commitment is ${locked.status}; only a draft commitment can be signed`, { code: 'commitment_not_draft' });
      }
      assertEmailVerified(await this.commitments.userEmailVerified(tx.manager, principal.id as string));
      await this.collaborators.assertVerified(tx.manager, locked.collaboratorId);
      assertProgramOpen(locked.programCode, await this.commitments.programStatus(tx.manager, locked.programCode));
      const before = await this.read(tx.manager, id);
      const signedAt = new Date();
      const year = jakartaYear(signedAt);
      // Taken last: the counter row stays locked until commit, so keep that window short.
      const n = await this.numbers.next(tx.manager, `KOM/${locked.programCode}/${year}`);
      const number = formatNumber('KOM', locked.programCode, year, n);
      const signatory = { signatoryName: input.signatoryName, signatoryTitle: input.signatoryTitle };
      const signedHash = commitmentSignedHash(
        commitmentSignedContent({ ...before, ...signatory, number, signedAt }),
      );
      const ctx = RequestContext.current();
      await this.commitments.markSubmitted(tx.manager, id, {
        ...signatory,
        number,
        signedAt,
        signedIp: ctx?.ip?.slice(0, 64) ?? null,
        signedUserAgent: ctx?.userAgent?.slice(0, 400) ?? null,
        signedHash,
        signedBy: principal.id,
      });
      const after = await this.read(tx.manager, id);
      await tx.audit({ action: 'commitment.submitted', entity: 'commitment', entityId: id, before, after });
      await tx.emit({
        type: 'commitment.submitted',
        aggregateType: 'commitment',
        aggregateId: id,
        payload: eventPayload(after),
      });
      return after;
    });
  }

  approve(id: string, principal: Principal): Promise<CommitmentView> {
    return this.decide(id, principal, 'approved', null);
  }

  reject(id: string, reason: string, principal: Principal): Promise<CommitmentView> {
    return this.decide(id, principal, 'rejected', reason);
  }

  /** Cancelled by either side; `releaseClaims` gives the reserved claims back in the same transaction. */
  async cancel(
    id: string,
    reason: string | null,
    principal: Principal,
    releaseClaims: ReleaseClaimsOfCommitment,
  ): Promise<CommitmentView> {
    return this.uow.run(async (tx) => {
      const locked = await this.lockVisible(tx.manager, id, principal);
      if (!actsForCommitment(principal, locked))
        throw new ForbiddenError('you may not cancel this commitment', { code: 'commitment_cancel_forbidden' });
      if (!CANCELLABLE.includes(locked.status)) {
        throw new ConflictError(
          `the commitment is ${locked.status}; only draft, submitted or approved commitments can be cancelled`, { code: 'commitment_not_cancellable' },
        );
      }
      const before = await this.read(tx.manager, id);
      const released = await releaseClaims(tx, id, reason ? `commitment cancelled: ${reason}` : 'commitment cancelled');
      await this.commitments.decide(tx.manager, id, 'cancelled', principal.id, reason);
      const after = await this.read(tx.manager, id);
      await tx.audit({ action: 'commitment.cancelled', entity: 'commitment', entityId: id, before, after });
      await tx.emit({
        type: 'commitment.cancelled',
        aggregateType: 'commitment',
        aggregateId: id,
        payload: eventPayload(after),
      });
      for (const event of released) await tx.emit(event);
      return after;
    });
  }

  /** For the claim and handover flows, inside their transaction: the commitment row, locked (null if absent). */
  lock(manager: EntityManager, id: string, mode: 'share' | 'update'): Promise<LockedCommitment | null> {
    return this.commitments.lock(manager, id, mode);
  }

  /**
   * For the handover flow, inside its transaction: an approved commitment whose items are all delivered becomes
   * `completed`. Returns whether it did.
   */
  async completeIfDelivered(tx: Tx, id: string): Promise<boolean> {
    const completed = await this.commitments.completeIfDelivered(tx.manager, id);
    if (completed) {
      await tx.audit({
        action: 'commitment.completed',
        entity: 'commitment',
        entityId: id,
        after: { status: 'completed' },
      });
      await tx.emit({
        type: 'commitment.completed',
        aggregateType: 'commitment',
        aggregateId: id,
        payload: { commitmentId: id },
      });
    }
    return completed;
  }

  /** Pokja's decision on a submitted commitment; never by the person who drafted it (four-eyes). */
  private async decide(
    id: string,
    principal: Principal,
    status: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<CommitmentView> {
    const verb = status === 'approved' ? 'approve' : 'reject';
    return this.uow.run(async (tx) => {
      const locked = await this.lockVisible(tx.manager, id, principal);
      if (locked.createdBy && locked.createdBy === principal.id) {
        throw new ForbiddenError(`you created this commitment; another Pokja officer must ${verb} it`, { code: 'commitment_own_decision' });
      }
      if (locked.status !== 'submitted') {
        throw new ConflictError(
          `the commitment is ${locked.status}; only submitted commitments can be ${status}`, { code: 'commitment_not_submitted' },
        );
      }
      const before = await this.read(tx.manager, id);
      await this.commitments.decide(tx.manager, id, status, principal.id, reason);
      const after = await this.read(tx.manager, id);
      const type = `commitment.${status}` as const;
      await tx.audit({ action: type, entity: 'commitment', entityId: id, before, after });
      await tx.emit({ type, aggregateType: 'commitment', aggregateId: id, payload: eventPayload(after) });
      return after;
    });
  }

  /** Locks the commitment; one the caller may not see is "not found". */
  private async lockVisible(
    manager: EntityManager,
    id: string,
    principal: Principal,
  ): Promise<LockedCommitment> {
    const locked = await this.commitments.lock(manager, id, 'update');
    if (!locked || !canSeeCommitment(principal, locked)) throw new NotFoundError('commitment', id);
    return locked;
  }

  private async read(manager: EntityManager, id: string): Promise<CommitmentView> {
    const view = await this.commitments.findView(id, SYSTEM_PRINCIPAL, manager);
    if (!view) throw new NotFoundError('commitment', id);
    return view;
  }
}

function eventPayload(c: CommitmentView): Record<string, unknown> {
  return {
    commitmentId: c.id,
    number: c.number,
    status: c.status,
    collaboratorId: c.collaboratorId,
    programCode: c.programCode,
    deliveryMode: c.deliveryMode,
    aggregatorId: c.aggregatorId,
    totalValue: c.totalValue,
    reason: c.statusReason,
  };
}
