import type { AuditAction } from '../audit/audit-actions';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/request-context';
import type { AllocationView, EndedAllocation } from '../allocations/allocation.view';
import type {
  AllocationOutcome,
  AllocationsRepository,
  ClaimRequest,
  ExpiringAllocation,
  ReleaseRequest,
} from '../allocations/allocations.repository';
import { accessActs, accessSees, canSeeCommitment } from '../commitments/commitment-visibility';
import { FAKE_MANAGER } from './fake';
import type { AllocationRow, InMemoryDb } from './store';

type Used =
  | 'findView'
  | 'claim'
  | 'release'
  | 'releaseAllOfCommitment'
  | 'expireDue'
  | 'markExpiringWarned'
  | 'giveBack';

const DAY_MS = 86_400_000;

/**
 * AllocationsRepository over the in-memory tables. Each method does what its SQL statement does, conditions
 * included (a claim takes only what is left; only reserved claims outside a pending handover end), and runs
 * without an await in between, so it is as atomic as the statement.
 */
export class FakeAllocationsRepository implements Pick<AllocationsRepository, Used> {
  constructor(private readonly db: InMemoryDb) {}

  async findView(id: string, principal: Principal, _manager?: EntityManager): Promise<AllocationView | null> {
    const a = this.db.t.allocations.find((x) => x.id === id);
    if (!a || !canSeeCommitment(principal, this.db.commitment(a.commitmentId))) return null;
    return allocationView(this.db, a);
  }

  /** A reservation held for the program's `claimHoldDays` from now. */
  private newAllocation(a: {
    commitmentId: string;
    commitmentItemId: string;
    needId: string;
    quantity: number;
    programCode: string;
    createdBy: string | null;
  }): AllocationView {
    const program = this.db.program(a.programCode);
    const now = this.db.now;
    const row: AllocationRow = {
      id: this.db.id(),
      commitmentId: a.commitmentId,
      commitmentItemId: a.commitmentItemId,
      needId: a.needId,
      quantity: a.quantity,
      deliveredQuantity: 0,
      status: 'reserved',
      expiresAt: new Date(now.getTime() + program.claimHoldDays * DAY_MS),
      warnedAt: null,
      endedAt: null,
      endReason: null,
      createdBy: a.createdBy,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    this.db.t.allocations.push(row);
    return allocationView(this.db, row);
  }

  /**
   * ksbb_claim: the same checks in the same order, then the allocation, its audit row and event and both
   * quantities; a refusal (checked before anything is written here, rolled back there) leaves everything as it was.
   */
  async claim(c: ClaimRequest): Promise<AllocationOutcome> {
    const refuse = (outcome: Exclude<AllocationOutcome['outcome'], 'reserved' | 'released'>, ...args: (string | null)[]) =>
      ({ outcome, args }) as AllocationOutcome;
    const commitment = this.db.t.commitments.find((x) => x.id === c.commitmentId);
    if (!commitment || !accessSees(c.access, commitment)) return refuse('commitment_not_found');
    if (!accessActs(c.access, commitment)) return refuse('forbidden');
    if (commitment.status !== 'approved') return refuse('commitment_status', commitment.status);
    const collaborator = this.db.t.collaborators.find((x) => x.id === commitment.collaboratorId)?.status ?? null;
    if (collaborator !== 'verified') return refuse('collaborator_status', collaborator);
    const need = this.db.t.needs.find((n) => n.id === c.needId && (c.seesDrafts || n.status !== 'draft'));
    if (!need) return refuse('need_not_found');
    if (need.programCode !== commitment.programCode) {
      return refuse('need_program', need.programCode, commitment.programCode);
    }
    if (need.status !== 'open') return refuse('need_status', need.status);
    const item = this.db.t.commitmentItems.find(
      (i) => i.commitmentId === commitment.id && i.packageId === need.packageId,
    );
    if (!item) return refuse('no_item', this.db.package(need.packageId).code);
    if (need.quantity - need.allocatedQuantity < c.quantity) {
      return refuse('need_short', String(need.quantity - need.allocatedQuantity));
    }
    if (item.quantity - item.allocatedQuantity < c.quantity) {
      return refuse('item_short', String(item.quantity - item.allocatedQuantity));
    }
    const view = this.newAllocation({
      commitmentId: commitment.id,
      commitmentItemId: item.id,
      needId: need.id,
      quantity: c.quantity,
      programCode: commitment.programCode,
      createdBy: c.createdBy,
    });
    need.allocatedQuantity += c.quantity;
    if (need.allocatedQuantity === need.quantity) need.status = 'fully_allocated';
    need.version += 1;
    item.allocatedQuantity += c.quantity;
    const eventId = this.record('allocation.reserved', view.id, null, view, payloadOf(view));
    return { outcome: 'reserved', allocation: view, eventId };
  }

  /** ksbb_release: the allocation's visibility and actor, the conditional end, the give-back, audit and event. */
  async release(r: ReleaseRequest): Promise<AllocationOutcome> {
    const a = this.db.t.allocations.find((x) => x.id === r.id);
    const c = a && this.db.commitment(a.commitmentId);
    if (!a || !c || !accessSees(r.access, c)) return { outcome: 'allocation_not_found', args: [] };
    if (!accessActs(r.access, c)) return { outcome: 'forbidden', args: [] };
    const before = allocationView(this.db, a);
    if (a.status !== 'reserved' || this.inPendingHandover(a.id)) {
      return { outcome: 'not_releasable', args: [a.status] };
    }
    await this.giveBack(FAKE_MANAGER, [this.end(a, 'released', r.reason)]);
    const after = allocationView(this.db, a);
    const eventId = this.record('allocation.released', a.id, before, after, {
      ...payloadOf(after),
      reason: r.reason,
    });
    return { outcome: 'released', allocation: after, eventId };
  }

  /** The audit row and outbox event ksbb_allocation_record writes; answers the event's id. */
  private record(
    action: string,
    id: string,
    before: AllocationView | null,
    after: AllocationView,
    payload: Record<string, unknown>,
  ): string {
    this.db.t.auditLog.push(structuredClone({ action: action as AuditAction, entity: 'allocation', entityId: id, before, after }));
    this.db.t.outbox.push(structuredClone({ type: action, aggregateType: 'allocation', aggregateId: id, payload }));
    return String(this.db.t.outbox.length);
  }

  async releaseAllOfCommitment(
    _m: EntityManager,
    commitmentId: string,
    reason: string,
  ): Promise<EndedAllocation[]> {
    return this.db.t.allocations
      .filter((a) => a.commitmentId === commitmentId && a.status === 'reserved')
      .map((a) => this.end(a, 'released', reason));
  }

  async expireDue(_m: EntityManager, now: Date | null, limit: number): Promise<EndedAllocation[]> {
    const at = (now ?? this.db.now).getTime();
    return this.db.t.allocations
      .filter((a) => a.status === 'reserved' && a.expiresAt.getTime() <= at && !this.inPendingHandover(a.id))
      .sort((x, y) => x.expiresAt.getTime() - y.expiresAt.getTime())
      .slice(0, limit)
      .map((a) => this.end(a, 'expired', 'not delivered before the hold expired'));
  }

  async markExpiringWarned(
    _m: EntityManager,
    now: Date | null,
    days: number,
    limit: number,
  ): Promise<ExpiringAllocation[]> {
    const at = (now ?? this.db.now).getTime();
    return this.db.t.allocations
      .filter(
        (a) =>
          a.status === 'reserved' &&
          a.warnedAt === null &&
          a.expiresAt.getTime() > at &&
          a.expiresAt.getTime() <= at + days * DAY_MS,
      )
      .sort((x, y) => x.expiresAt.getTime() - y.expiresAt.getTime())
      .slice(0, limit)
      .map((a) => {
        a.warnedAt = this.db.now;
        const c = this.db.commitment(a.commitmentId);
        return {
          id: a.id,
          needId: a.needId,
          commitmentId: a.commitmentId,
          quantity: a.quantity,
          expiresAt: a.expiresAt,
          collaboratorId: c.collaboratorId,
          aggregatorId: c.aggregatorId,
        };
      });
  }

  /** Quantities back to needs (a fully allocated one opens again) and items. */
  async giveBack(_m: EntityManager, ended: EndedAllocation[]): Promise<void> {
    for (const e of ended) {
      const need = this.db.need(e.needId);
      need.allocatedQuantity -= e.quantity;
      if (need.status === 'fully_allocated') need.status = 'open';
      need.version += 1;
      this.db.item(e.commitmentItemId).allocatedQuantity -= e.quantity;
    }
  }

  private inPendingHandover(allocationId: string): boolean {
    return this.db.t.handoverItems.some(
      (hi) => hi.allocationId === allocationId && this.db.handover(hi.handoverId).status === 'submitted',
    );
  }

  private end(a: AllocationRow, status: 'released' | 'expired', reason: string | null): EndedAllocation {
    Object.assign(a, {
      status,
      endedAt: this.db.now,
      endReason: reason,
      version: a.version + 1,
      updatedAt: this.db.now,
    });
    const c = this.db.commitment(a.commitmentId);
    return {
      id: a.id,
      needId: a.needId,
      commitmentId: a.commitmentId,
      commitmentItemId: a.commitmentItemId,
      quantity: a.quantity,
      collaboratorId: c.collaboratorId,
      aggregatorId: c.aggregatorId,
    };
  }
}

/** The event payload ksbb_claim and ksbb_release write (what the worker and webhooks read). */
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

export function allocationView(db: InMemoryDb, a: AllocationRow): AllocationView {
  const c = db.commitment(a.commitmentId);
  const n = db.need(a.needId);
  return {
    ...structuredClone(a),
    needTitle: n.title,
    regionCode: n.regionCode,
    programCode: n.programCode,
    packageCode: db.package(n.packageId).code,
    commitmentNumber: c.number,
    collaboratorId: c.collaboratorId,
    aggregatorId: c.aggregatorId,
  };
}
