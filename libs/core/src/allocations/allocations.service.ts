import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { Principal } from '../common/request-context';
import { commitmentAccessOf } from '../commitments/commitment-visibility';
import { seesDraftNeeds } from '../needs/need-visibility';
import type { CommitmentView } from '../commitments/commitment.view';
import { CommitmentsService } from '../commitments/commitments.service';
import type { DomainEvent } from '../outbox/outbox.service';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { AllocationFilter, AllocationView, EndedAllocation } from './allocation.view';
import { AllocationOutcome, AllocationsRepository } from './allocations.repository';

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
 * Claims on needs. A claim takes its quantity from the need and from the commitment item in one statement of
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

  /**
   * One statement (AllocationsRepository.claim): the checks, the allocation, its audit row and event, and the two
   * conditional quantity updates. The outcome maps to the errors (and messages) the API answers.
   */
  async reserve(input: ReserveAllocationInput, principal: Principal): Promise<AllocationView> {
    const done = await this.uow.statement(async (origin) => {
      const outcome = await this.allocations.claim({
        ...input,
        access: commitmentAccessOf(principal),
        seesDrafts: seesDraftNeeds(principal),
        createdBy: principal.id,
        origin,
      });
      return { result: outcome, eventIds: 'eventId' in outcome ? [outcome.eventId] : [] };
    });
    return allocationOf(done, input);
  }

  /** Gives a reservation back before delivery. Delivered parts are handover records and are never released. */
  async release(id: string, reason: string | null, principal: Principal): Promise<AllocationView> {
    const done = await this.uow.statement(async (origin) => {
      const outcome = await this.allocations.release({ id, reason, access: commitmentAccessOf(principal), origin });
      return { result: outcome, eventIds: 'eventId' in outcome ? [outcome.eventId] : [] };
    });
    return allocationOf(done, { allocationId: id });
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
}

/** The allocation a claim or release answers, or the error its refusal is (today's statuses and messages). */
function allocationOf(
  done: AllocationOutcome,
  ids: { commitmentId?: string; needId?: string; quantity?: number; allocationId?: string },
): AllocationView {
  if ('allocation' in done) return done.allocation;
  const [a, b] = done.args;
  switch (done.outcome) {
    case 'commitment_not_found':
      throw new NotFoundError('commitment', ids.commitmentId);
    case 'allocation_not_found':
      throw new NotFoundError('allocation', ids.allocationId);
    case 'need_not_found':
      throw new NotFoundError('need', ids.needId);
    case 'forbidden':
      throw ids.allocationId
        ? new ForbiddenError('you may not release this allocation', { code: 'release_forbidden' })
        : new ForbiddenError('you may not claim for this commitment', { code: 'claim_forbidden' });
    case 'commitment_status':
      throw new ConflictError(`the commitment is ${a}; only approved commitments can claim needs`, {
        code: 'commitment_not_approved',
      });
    case 'collaborator_status':
      throw new ConflictError(
        `the collaborator is ${a ?? 'unknown'}; only verified collaborators can claim needs`,
        { code: 'collaborator_not_verified' },
      );
    case 'need_program':
      throw new ConflictError(`the need belongs to program ${a}; the commitment is for ${b}`, {
        code: 'need_other_program',
      });
    case 'need_status':
      throw new ConflictError(`the need is ${a}; only open needs can be claimed`, { code: 'need_not_claimable' });
    case 'no_item':
      throw new ConflictError(`the commitment has no item for package ${a}`, { code: 'commitment_item_missing' });
    case 'need_short':
      throw new ConflictError(`only ${a} left on the need; ${ids.quantity} requested`, {
        code: 'insufficient_quantity',
        params: { left: Number(a), requested: ids.quantity ?? 0 },
      });
    case 'item_short':
      throw new ConflictError(`only ${a} left on the commitment item; ${ids.quantity} requested`, {
        code: 'insufficient_commitment_quantity',
        params: { left: Number(a), requested: ids.quantity ?? 0 },
      });
    case 'not_releasable':
      throw new ConflictError(
        a === 'reserved'
          ? 'the allocation is named in a handover awaiting verification; it cannot be released now'
          : `the allocation is ${a}; only reserved allocations can be released`,
        { code: a === 'reserved' ? 'allocation_in_handover' : 'allocation_not_reserved' },
      );
  }
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
