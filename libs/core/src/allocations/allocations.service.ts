import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { Principal, SYSTEM_PRINCIPAL } from '../common/request-context';
import { actsForCommitment, canSeeCommitment } from '../commitments/commitment-visibility';
import type { CommitmentView } from '../commitments/commitment.view';
import { CommitmentsService } from '../commitments/commitments.service';
import type { DomainEvent } from '../outbox/outbox.service';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { AllocationFilter, AllocationView, EndedAllocation } from './allocation.view';
import { AllocationsRepository } from './allocations.repository';

export interface ReserveAllocationInput {
  commitmentId: string;
  needId: string;
  quantity: number;
}

const SORTABLE = { expiresAt: 'expires_at', createdAt: 'created_at', quantity: 'quantity', status: 'status' };
/** How many allocations one expiry or warning transaction handles; runs loop until nothing is left. */
const BATCH = 1000;
/** Holders are warned this many days before their claim expires. */
export const EXPIRY_WARNING_DAYS = 3;

/**
 * Claims on needs. A claim takes its quantity from the need and from the commitment item in one transaction of
 * conditional updates, so no two claims can ever cover the same households, whatever the concurrency.
 */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly allocations: AllocationsRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  list(filter: AllocationFilter, page: PageRequest, principal: Principal): Promise<Page<AllocationView>> {
    const sort = resolveSort(page.sort, SORTABLE, { column: 'expires_at', direction: 'ASC' });
    return this.allocations.list(filter, principal, page, sort);
  }

  async get(id: string, principal: Principal): Promise<AllocationView> {
    const view = await this.allocations.findView(id, principal);
    if (!view) throw new NotFoundError('allocation', id);
    return view;
  }

  async reserve(input: ReserveAllocationInput, principal: Principal): Promise<AllocationView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      // FOR SHARE: claims on one commitment run side by side, while a cancel waits for them (and they for it).
      const commitment = await this.commitments.lock(m, input.commitmentId, 'share');
      if (!commitment || !canSeeCommitment(principal, commitment)) {
        throw new NotFoundError('commitment', input.commitmentId);
      }
      if (!actsForCommitment(principal, commitment))
        throw new ForbiddenError('you may not claim for this commitment', { code: 'claim_forbidden' });
      if (commitment.status !== 'approved') {
        throw new ConflictError(
          `the commitment is ${commitment.status}; only approved commitments can claim needs`, { code: 'commitment_not_approved' },
        );
      }
      const { collaboratorStatus, need, itemId } = await this.allocations.findClaimContext(m, {
        collaboratorId: commitment.collaboratorId,
        commitmentId: commitment.id,
        needId: input.needId,
      }, principal);
      if (collaboratorStatus !== 'verified') {
        throw new ConflictError(
          `the collaborator is ${collaboratorStatus ?? 'unknown'}; only verified collaborators can claim needs`, { code: 'collaborator_not_verified' },
        );
      }
      if (!need) throw new NotFoundError('need', input.needId);
      if (need.programCode !== commitment.programCode) {
        throw new ConflictError(
          `the need belongs to program ${need.programCode}; the commitment is for ${commitment.programCode}`, { code: 'need_other_program' },
        );
      }
      if (need.status !== 'open')
        throw new ConflictError(`the need is ${need.status}; only open needs can be claimed`, { code: 'need_not_claimable' });
      if (!itemId) throw new ConflictError(`the commitment has no item for package ${need.packageCode}`, { code: 'commitment_item_missing' });

      const created = await this.allocations.insert(m, {
        commitmentId: commitment.id,
        commitmentItemId: itemId,
        needId: need.id,
        quantity: input.quantity,
        programCode: commitment.programCode,
        createdBy: principal.id,
      });
      const id = created.id;
      await tx.audit({ action: 'allocation.reserved', entity: 'allocation', entityId: id, after: created });
      await tx.emit({
        type: 'allocation.reserved',
        aggregateType: 'allocation',
        aggregateId: id,
        payload: payloadOf(created),
      });
      // The quantities are taken last, in one statement, so the hot rows (a popular need) stay locked only for it
      // and the commit. Need first, then item, as in release; a refusal rolls back everything above.
      const taken = await this.allocations.claimQuantities(m, { needId: need.id, itemId, quantity: input.quantity });
      if (!taken.need) {
        const now = await this.allocations.findNeed(m, need.id);
        if (now && now.status !== 'open') {
          throw new ConflictError(`the need is ${now.status}; only open needs can be claimed`, { code: 'need_not_claimable' });
        }
        const left = now ? now.quantity - now.allocatedQuantity : 0;
        throw new ConflictError(`only ${left} left on the need; ${input.quantity} requested`, {
          code: 'insufficient_quantity',
          params: { left, requested: input.quantity },
        });
      }
      if (!taken.item) {
        // The need's update is rolled back with the rest of the transaction.
        const left = await this.allocations.remainingOnItem(m, itemId);
        throw new ConflictError(`only ${left} left on the commitment item; ${input.quantity} requested`, {
          code: 'insufficient_commitment_quantity',
          params: { left, requested: input.quantity },
        });
      }
      return created;
    });
  }

  /** Gives a reservation back before delivery. Delivered parts are handover records and are never released. */
  async release(id: string, reason: string | null, principal: Principal): Promise<AllocationView> {
    return this.uow.run(async (tx) => {
      const locked = await this.allocations.lock(tx.manager, id);
      if (!locked || !canSeeCommitment(principal, locked)) throw new NotFoundError('allocation', id);
      if (!actsForCommitment(principal, locked))
        throw new ForbiddenError('you may not release this allocation', { code: 'release_forbidden' });
      const before = await this.read(tx.manager, id);
      const ended = await this.allocations.releaseOne(tx.manager, id, reason);
      if (!ended) {
        throw new ConflictError(
          locked.status === 'reserved'
            ? 'the allocation is named in a handover awaiting verification; it cannot be released now'
            : `the allocation is ${locked.status}; only reserved allocations can be released`,
          { code: locked.status === 'reserved' ? 'allocation_in_handover' : 'allocation_not_reserved' },
        );
      }
      await this.allocations.giveBack(tx.manager, [ended]);
      const after = await this.read(tx.manager, id);
      await tx.audit({ action: 'allocation.released', entity: 'allocation', entityId: id, before, after });
      await tx.emit({
        type: 'allocation.released',
        aggregateType: 'allocation',
        aggregateId: id,
        payload: { ...payloadOf(after), reason },
      });
      return after;
    });
  }

  /**
   * Cancels a commitment (by its collaborator or by Pokja) and gives every claim it holds back to its need in the
   * same transaction. Lives here because allocations depend on commitments, never the reverse.
   */
  cancelCommitment(commitmentId: string, reason: string | null, principal: Principal): Promise<CommitmentView> {
    return this.commitments.cancel(commitmentId, reason, principal, async (tx, id, why) => {
      const released = await this.allocations.releaseAllOfCommitment(tx.manager, id, why);
      await this.allocations.giveBack(tx.manager, released);
      return released.map(
        (a): DomainEvent => ({
          type: 'allocation.released',
          aggregateType: 'allocation',
          aggregateId: a.id,
          payload: {
            allocationId: a.id,
            commitmentId: a.commitmentId,
            needId: a.needId,
            quantity: a.quantity,
            collaboratorId: a.collaboratorId,
            aggregatorId: a.aggregatorId,
            reason: 'commitment cancelled',
          },
        }),
      );
    });
  }

  /**
   * Expires every reservation whose hold has run out and gives its quantity back. Safe to run concurrently and
   * repeatedly (each allocation expires exactly once). Returns how many expired.
   */
  async expireDue(now?: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const ended = await this.uow.run(async (tx) => {
        const batch = await this.allocations.expireDue(tx.manager, now ?? null, BATCH);
        await this.allocations.giveBack(tx.manager, batch);
        await recordExpired(tx, batch);
        return batch.length;
      });
      total += ended;
      if (ended < BATCH) return total;
    }
  }

  /** Warns, once each, the holders of reservations expiring within three days. Returns how many were warned. */
  async warnExpiring(now?: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const warned = await this.uow.run(async (tx) => {
        const batch = await this.allocations.markExpiringWarned(
          tx.manager,
          now ?? null,
          EXPIRY_WARNING_DAYS,
          BATCH,
        );
        for (const a of batch) {
          await tx.emit({
            type: 'allocation.expiring',
            aggregateType: 'allocation',
            aggregateId: a.id,
            payload: { ...endedPayload(a), expiresAt: a.expiresAt },
          });
        }
        return batch.length;
      });
      total += warned;
      if (warned < BATCH) return total;
    }
  }

  private async read(manager: EntityManager, id: string): Promise<AllocationView> {
    const view = await this.allocations.findView(id, SYSTEM_PRINCIPAL, manager);
    if (!view) throw new NotFoundError('allocation', id);
    return view;
  }
}

function payloadOf(a: AllocationView): Record<string, unknown> {
  return {
    allocationId: a.id,
    commitmentId: a.commitmentId,
    needId: a.needId,
    quantity: a.quantity,
    status: a.status,
    expiresAt: a.expiresAt,
    collaboratorId: a.collaboratorId,
    aggregatorId: a.aggregatorId,
  };
}

function endedPayload(a: Omit<EndedAllocation, 'commitmentItemId'>): Record<string, unknown> {
  return {
    allocationId: a.id,
    commitmentId: a.commitmentId,
    needId: a.needId,
    quantity: a.quantity,
    collaboratorId: a.collaboratorId,
    aggregatorId: a.aggregatorId,
  };
}

async function recordExpired(tx: Tx, ended: EndedAllocation[]): Promise<void> {
  for (const a of ended) {
    await tx.audit({
      action: 'allocation.expired',
      entity: 'allocation',
      entityId: a.id,
      after: { ...a, status: 'expired' },
    });
    await tx.emit({
      type: 'allocation.expired',
      aggregateType: 'allocation',
      aggregateId: a.id,
      payload: endedPayload(a),
    });
  }
}
