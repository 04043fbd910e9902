import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/request-context';
import { canSeeCommitment } from '../commitments/commitment-visibility';
import type { StoredHandoverContent } from '../handovers/handover-content';
import type { HandoverLedgerRepository } from '../handovers/handover-ledger.repository';
import type { DuplicateWarning, HandoverView } from '../handovers/handover.view';
import type { HandoverViewsRepository } from '../handovers/handover-views.repository';
import type {
  AllocationOwner,
  HandoversRepository,
  LockedHandover,
  NewHandover,
  NewRecipient,
  OpenAllocation,
} from '../handovers/handovers.repository';
import type { HandoverRow, InMemoryDb, RecipientRow } from './store';

type Used =
  | 'allocationOwners'
  | 'lockAllocations'
  | 'openQuantities'
  | 'regionLevel'
  | 'insert'
  | 'insertItems'
  | 'insertRecipients'
  | 'duplicatesOfHashes'
  | 'duplicatesOf'
  | 'lock'
  | 'lockAllocationsOf'
  | 'deliverAllocations'
  | 'deliverNeeds'
  | 'deliverCommitmentItems'
  | 'markVerified'
  | 'markRejected'
  | 'markKelurahanConfirmed';

const byMaskThenBast = (a: DuplicateWarning, b: DuplicateWarning): number =>
  a.nikMasked.localeCompare(b.nikMasked) || a.bastNumber.localeCompare(b.bastNumber);

/** HandoversRepository over the in-memory tables, with the conditions of its SQL. */
export class FakeHandoversRepository implements Pick<HandoversRepository, Used> {
  /** Calls to the lock methods, in order: tests of lock order read it. */
  readonly locks: string[] = [];

  constructor(private readonly db: InMemoryDb) {}

  async allocationOwners(_m: EntityManager, ids: string[]): Promise<AllocationOwner[]> {
    return this.db.t.allocations
      .filter((a) => ids.includes(a.id))
      .map((a) => {
        const c = this.db.commitment(a.commitmentId);
        return {
          id: a.id,
          commitmentId: a.commitmentId,
          collaboratorId: c.collaboratorId,
          aggregatorId: c.aggregatorId,
        };
      });
  }

  async lockAllocations(_m: EntityManager, ids: string[]): Promise<void> {
    this.locks.push(`allocations:${[...ids].sort().join(',')}`);
  }

  /** allocated − delivered − what submitted handovers already name. */
  async openQuantities(_m: EntityManager, ids: string[]): Promise<OpenAllocation[]> {
    return this.db.t.allocations
      .filter((a) => ids.includes(a.id))
      .map((a) => ({
        id: a.id,
        status: a.status,
        openQuantity: a.quantity - a.deliveredQuantity - this.pending(a.id),
      }));
  }

  async regionLevel(_m: EntityManager, code: string): Promise<string | null> {
    return this.db.t.regions.find((r) => r.code === code)?.level ?? null;
  }

  async insert(_m: EntityManager, h: NewHandover): Promise<string> {
    const id = this.db.id();
    const now = this.db.now;
    const row: HandoverRow = {
      id,
      ...structuredClone(h),
      status: 'submitted',
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      contentHash: null,
      chainHash: null,
      chainSeq: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    this.db.t.handovers.push(row);
    return id;
  }

  async insertItems(
    _m: EntityManager,
    handoverId: string,
    items: { allocationId: string; quantity: number }[],
  ): Promise<void> {
    for (const i of items)
      this.db.t.handoverItems.push({ handoverId, allocationId: i.allocationId, quantity: i.quantity });
  }

  async insertRecipients(
    _m: EntityManager,
    handoverId: string,
    programCode: string,
    year: number,
    recipients: NewRecipient[],
  ): Promise<void> {
    for (const r of recipients)
      this.db.t.recipients.push({ id: this.db.id(), handoverId, programCode, year, ...r });
  }

  async duplicatesOfHashes(
    _m: EntityManager,
    programCode: string,
    year: number,
    nikHashes: string[],
  ): Promise<DuplicateWarning[]> {
    const earlier = this.db.t.recipients.filter(
      (r) => r.programCode === programCode && r.year === year && nikHashes.includes(r.nikHash),
    );
    return this.earliestVerified(earlier);
  }

  async duplicatesOf(_m: EntityManager, handoverId: string): Promise<DuplicateWarning[]> {
    const mine = this.db.t.recipients.filter((r) => r.handoverId === handoverId);
    const others = this.db.t.recipients.filter((o) =>
      mine.some(
        (r) =>
          o.handoverId !== handoverId &&
          o.programCode === r.programCode &&
          o.year === r.year &&
          o.nikHash === r.nikHash,
      ),
    );
    // The same NIK hash means the same NIK, so the other row's mask is this handover's recipient's too.
    return this.earliestVerified(others);
  }

  async lock(_m: EntityManager, id: string): Promise<LockedHandover | null> {
    this.locks.push(`handover:${id}`);
    const h = this.db.t.handovers.find((x) => x.id === id);
    if (!h) return null;
    return {
      id: h.id,
      status: h.status,
      bastNumber: h.bastNumber,
      programCode: h.programCode,
      commitmentId: h.commitmentId,
      collaboratorId: this.db.commitment(h.commitmentId).collaboratorId,
      aggregatorId: h.aggregatorId,
      regionCode: h.regionCode,
      kelurahanConfirmedAt: this.kelurahanConfirmations.get(h.id)?.at ?? null,
      requiresKelurahanConfirmation: false,
    };
  }

  /** The kelurahan confirmations, by handover id (the in-memory tables predate them). */
  readonly kelurahanConfirmations = new Map<string, { by: string; at: Date }>();

  async markKelurahanConfirmed(_m: EntityManager, id: string, userId: string): Promise<void> {
    const h = this.db.t.handovers.find((x) => x.id === id && x.status === 'submitted');
    if (h && !this.kelurahanConfirmations.has(id)) this.kelurahanConfirmations.set(id, { by: userId, at: this.db.now });
  }

  async lockAllocationsOf(_m: EntityManager, handoverId: string): Promise<void> {
    this.locks.push(`allocations-of:${handoverId}`);
  }

  /** Each item onto its allocation, only while reserved or partially delivered and not beyond its quantity. */
  async deliverAllocations(_m: EntityManager, handoverId: string): Promise<number> {
    let count = 0;
    for (const hi of this.itemsOf(handoverId)) {
      const a = this.db.allocation(hi.allocationId);
      if (
        !['reserved', 'partially_delivered'].includes(a.status) ||
        a.deliveredQuantity + hi.quantity > a.quantity
      )
        continue;
      a.deliveredQuantity += hi.quantity;
      a.status = a.deliveredQuantity === a.quantity ? 'delivered' : 'partially_delivered';
      a.version += 1;
      a.updatedAt = this.db.now;
      count += 1;
    }
    return count;
  }

  async deliverNeeds(_m: EntityManager, handoverId: string): Promise<void> {
    for (const [needId, quantity] of this.sumBy(handoverId, (a) => a.needId)) {
      const n = this.db.need(needId);
      n.deliveredQuantity += quantity;
      if (n.deliveredQuantity === n.quantity && ['open', 'fully_allocated', 'closed'].includes(n.status))
        n.status = 'fulfilled';
      n.version += 1;
    }
  }

  async deliverCommitmentItems(_m: EntityManager, handoverId: string): Promise<void> {
    for (const [itemId, quantity] of this.sumBy(handoverId, (a) => a.commitmentItemId)) {
      this.db.item(itemId).deliveredQuantity += quantity;
    }
  }

  async markVerified(
    _m: EntityManager,
    id: string,
    v: {
      decidedBy: string | null;
      contentHash: string;
      chainHash: string;
      chainSeq: number;
      duplicateWarnings: DuplicateWarning[];
    },
  ): Promise<number> {
    const h = this.db.t.handovers.find((x) => x.id === id && x.status === 'submitted');
    if (!h) return 0;
    Object.assign(h, {
      status: 'verified',
      decidedAt: this.db.now,
      ...structuredClone(v),
      version: h.version + 1,
      updatedAt: this.db.now,
    });
    return 1;
  }

  async markRejected(
    _m: EntityManager,
    id: string,
    decidedBy: string | null,
    reason: string,
  ): Promise<number> {
    const h = this.db.t.handovers.find((x) => x.id === id && x.status === 'submitted');
    if (!h) return 0;
    Object.assign(h, {
      status: 'rejected',
      decidedBy,
      decidedAt: this.db.now,
      rejectionReason: reason,
      version: h.version + 1,
      updatedAt: this.db.now,
    });
    return 1;
  }

  private pending(allocationId: string): number {
    return this.db.t.handoverItems
      .filter(
        (hi) => hi.allocationId === allocationId && this.db.handover(hi.handoverId).status === 'submitted',
      )
      .reduce((sum, hi) => sum + hi.quantity, 0);
  }

  private itemsOf(handoverId: string) {
    return this.db.t.handoverItems.filter((hi) => hi.handoverId === handoverId);
  }

  private sumBy(
    handoverId: string,
    key: (a: { needId: string; commitmentItemId: string }) => string,
  ): Map<string, number> {
    const sums = new Map<string, number>();
    for (const hi of this.itemsOf(handoverId)) {
      const k = key(this.db.allocation(hi.allocationId));
      sums.set(k, (sums.get(k) ?? 0) + hi.quantity);
    }
    return sums;
  }

  /** DISTINCT ON the NIK hash, the verified handover earliest in the ledger; ordered by mask, then BAST. */
  private earliestVerified(rows: RecipientRow[]): DuplicateWarning[] {
    const first = new Map<string, { nikMasked: string; bastNumber: string; seq: number }>();
    for (const r of rows) {
      const h = this.db.handover(r.handoverId);
      if (h.status !== 'verified') continue;
      const seq = h.chainSeq ?? Number.MAX_SAFE_INTEGER;
      const seen = first.get(r.nikHash);
      if (!seen || seq < seen.seq)
        first.set(r.nikHash, { nikMasked: r.nikMasked, bastNumber: h.bastNumber, seq });
    }
    return [...first.values()]
      .map(({ nikMasked, bastNumber }) => ({ nikMasked, bastNumber }))
      .sort(byMaskThenBast);
  }
}

/** The reads of HandoverViewsRepository that the services use. */
export class FakeHandoverViewsRepository implements Pick<HandoverViewsRepository, 'findView'> {
  constructor(private readonly db: InMemoryDb) {}

  async findView(
    id: string,
    principal: Principal,
    opts: { withRecipients: boolean; manager?: EntityManager },
  ): Promise<HandoverView | null> {
    const h = this.db.t.handovers.find((x) => x.id === id);
    if (!h) return null;
    const c = this.db.commitment(h.commitmentId);
    if (!canSeeCommitment(principal, c)) return null;
    const { nikHash: _, ...receiver } = h.receiver;
    const recipients = this.db.t.recipients.filter((r) => r.handoverId === id);
    const items = this.db.t.handoverItems
      .filter((hi) => hi.handoverId === id)
      .map((hi) => {
        const n = this.db.need(this.db.allocation(hi.allocationId).needId);
        const pk = this.db.package(n.packageId);
        return {
          allocationId: hi.allocationId,
          needId: n.id,
          needTitle: n.title,
          packageCode: pk.code,
          packageName: pk.name,
          unit: pk.unit,
          quantity: hi.quantity,
        };
      });
    return {
      ...structuredClone(h),
      receiver,
      programName: this.db.program(h.programCode).name,
      commitmentNumber: c.number ?? '',
      collaboratorId: c.collaboratorId,
      collaboratorName: this.db.collaborator(c.collaboratorId).name,
      aggregatorName: this.db.t.aggregators.find((a) => a.id === h.aggregatorId)?.name ?? null,
      regionName: this.db.t.regions.find((r) => r.code === h.regionCode)?.name ?? '',
      kelurahanConfirmation: null,
      items,
      totalQuantity: items.reduce((s, i) => s + i.quantity, 0),
      recipientCount: recipients.length,
      recipients: opts.withRecipients
        ? recipients
            .map((r) => ({ nikMasked: r.nikMasked, name: r.name }))
            .sort((a, b) => a.nikMasked.localeCompare(b.nikMasked))
        : null,
      attachments: [],
    };
  }
}

/** The ledger's head and content; the advisory lock is recorded, not taken (one test runs at a time). */
export class FakeHandoverLedgerRepository
  implements Pick<HandoverLedgerRepository, 'lockLedger' | 'head' | 'content'>
{
  lockCount = 0;
  constructor(private readonly db: InMemoryDb) {}

  async lockLedger(_m: EntityManager): Promise<void> {
    this.lockCount += 1;
  }

  async head(_m: EntityManager): Promise<{ chainSeq: number; chainHash: string } | null> {
    const top = this.db.t.handovers
      .filter((h) => h.chainSeq !== null)
      .sort((a, b) => (b.chainSeq ?? 0) - (a.chainSeq ?? 0))[0];
    return top ? { chainSeq: top.chainSeq as number, chainHash: top.chainHash as string } : null;
  }

  async content(handoverId: string, _manager?: EntityManager): Promise<StoredHandoverContent> {
    const h = this.db.handover(handoverId);
    return {
      bastNumber: h.bastNumber,
      programCode: h.programCode,
      commitmentNumber: this.db.commitment(h.commitmentId).number ?? '',
      handedOverAt: h.handedOverAt,
      regionCode: h.regionCode,
      address: h.address,
      lon: h.lon,
      lat: h.lat,
      giver: h.giver,
      receiver: h.receiver,
      witnesses: h.witnesses,
      items: this.db.t.handoverItems
        .filter((hi) => hi.handoverId === handoverId)
        .map((hi) => ({ allocationId: hi.allocationId, quantity: hi.quantity })),
      recipientNikHashes: this.db.t.recipients
        .filter((r) => r.handoverId === handoverId)
        .map((r) => r.nikHash),
      notes: h.notes,
    };
  }
}
