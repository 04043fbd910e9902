import type { AllocationView } from '../allocations/allocation.view';
import type { AuditInput } from '../audit/audit.service';
import type { CollaboratorType } from '../collaborators/collaborator.entity';
import type { CommitmentItemView, CommitmentView } from '../commitments/commitment.view';
import type { NewHandover, NewRecipient } from '../handovers/handovers.repository';
import type { HandoverView } from '../handovers/handover.view';
import type { NeedStatus } from '../needs/need.entity';
import type { DomainEvent } from '../outbox/outbox.service';

export interface ProgramRow {
  code: string;
  name: string;
  status: string;
  claimHoldDays: number;
}
export interface CollaboratorRow {
  id: string;
  name: string;
  type: CollaboratorType;
  status: string;
}
export interface AggregatorRow {
  id: string;
  name: string;
  status: string;
  programCodes: string[];
}
export interface PackageRow {
  id: string;
  programCode: string;
  code: string;
  name: string;
  unit: string;
  min: number;
  max: number;
}
export interface RegionRow {
  code: string;
  name: string;
  level: string;
}
export interface NeedRow {
  id: string;
  title: string;
  programCode: string;
  packageId: string;
  regionCode: string;
  status: NeedStatus;
  quantity: number;
  allocatedQuantity: number;
  deliveredQuantity: number;
  version: number;
}
/** A commitments row: the view without the names it joins and its items. */
export type CommitmentRow = Omit<
  CommitmentView,
  'collaboratorName' | 'collaboratorType' | 'programName' | 'aggregatorName' | 'items'
>;
export type CommitmentItemRow = Pick<
  CommitmentItemView,
  'id' | 'packageId' | 'quantity' | 'unitValue' | 'allocatedQuantity' | 'deliveredQuantity'
> & { commitmentId: string };
/** An allocations row: the view's own columns, without what it joins. */
export type AllocationRow = Pick<
  AllocationView,
  | 'id'
  | 'commitmentId'
  | 'commitmentItemId'
  | 'needId'
  | 'quantity'
  | 'deliveredQuantity'
  | 'status'
  | 'expiresAt'
  | 'warnedAt'
  | 'endedAt'
  | 'endReason'
  | 'createdBy'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;
/** A handovers row: what a new one is given, and the columns its decision and the chain fill. */
export type HandoverRow = NewHandover &
  Pick<
    HandoverView,
    | 'id'
    | 'status'
    | 'decidedBy'
    | 'decidedAt'
    | 'rejectionReason'
    | 'contentHash'
    | 'chainHash'
    | 'chainSeq'
    | 'version'
    | 'createdAt'
    | 'updatedAt'
  >;
export interface HandoverItemRow {
  handoverId: string;
  allocationId: string;
  quantity: number;
}
export type RecipientRow = NewRecipient & { id: string; handoverId: string; programCode: string; year: number };

/** The rows of every table the fakes read and write. Plain data, so a transaction can snapshot and restore it. */
export interface Tables {
  programs: ProgramRow[];
  collaborators: CollaboratorRow[];
  aggregators: AggregatorRow[];
  packages: PackageRow[];
  regions: RegionRow[];
  needs: NeedRow[];
  commitments: CommitmentRow[];
  commitmentItems: CommitmentItemRow[];
  allocations: AllocationRow[];
  handovers: HandoverRow[];
  handoverItems: HandoverItemRow[];
  recipients: RecipientRow[];
  sequences: Record<string, number>;
  /** audit_log and outbox_events: written in the transaction (or statement) like any other row. */
  auditLog: AuditInput[];
  outbox: DomainEvent[];
}

const emptyTables = (): Tables => ({
  programs: [],
  collaborators: [],
  aggregators: [],
  packages: [],
  regions: [],
  needs: [],
  commitments: [],
  commitmentItems: [],
  allocations: [],
  handovers: [],
  handoverItems: [],
  recipients: [],
  sequences: {},
  auditLog: [],
  outbox: [],
});

/**
 * The in-memory database behind the fake repositories: tables, a settable clock (the database's `now()`), ids,
 * and the CHECK constraints of the real schema on quantities, checked when a fake transaction commits.
 */
export class InMemoryDb {
  t: Tables = emptyTables();
  /** What `now()` answers; tests move it. */
  now = new Date('2026-03-02T03:00:00.000Z');
  private seq = 0;

  /** uuid-shaped ids, ordered by creation. */
  id(): string {
    this.seq += 1;
    return `00000000-0000-4000-8000-${String(this.seq).padStart(12, '0')}`;
  }

  advance(days: number): void {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
  }

  snapshot(): Tables {
    return structuredClone(this.t);
  }

  restore(tables: Tables): void {
    this.t = tables;
  }

  // Lookups that throw when a foreign key would: a fake that follows a dangling id is a broken test.
  need(id: string): NeedRow {
    return must(
      this.t.needs.find((n) => n.id === id),
      'need',
      id,
    );
  }
  commitment(id: string): CommitmentRow {
    return must(
      this.t.commitments.find((c) => c.id === id),
      'commitment',
      id,
    );
  }
  item(id: string): CommitmentItemRow {
    return must(
      this.t.commitmentItems.find((i) => i.id === id),
      'commitment item',
      id,
    );
  }
  allocation(id: string): AllocationRow {
    return must(
      this.t.allocations.find((a) => a.id === id),
      'allocation',
      id,
    );
  }
  handover(id: string): HandoverRow {
    return must(
      this.t.handovers.find((h) => h.id === id),
      'handover',
      id,
    );
  }
  package(id: string): PackageRow {
    return must(
      this.t.packages.find((p) => p.id === id),
      'package',
      id,
    );
  }
  program(code: string): ProgramRow {
    return must(
      this.t.programs.find((p) => p.code === code),
      'program',
      code,
    );
  }
  collaborator(id: string): CollaboratorRow {
    return must(
      this.t.collaborators.find((c) => c.id === id),
      'collaborator',
      id,
    );
  }

  /** The schema's CHECK and UNIQUE constraints the fakes could break; what the database would refuse at commit. */
  violations(): string[] {
    const v: string[] = [];
    const quantities = (what: string, id: string, q: number, allocated: number, delivered: number) => {
      if (q <= 0 || allocated < 0 || allocated > q || delivered < 0 || delivered > allocated) {
        v.push(`${what} ${id}: quantity ${q}, allocated ${allocated}, delivered ${delivered}`);
      }
    };
    for (const n of this.t.needs)
      quantities('need', n.id, n.quantity, n.allocatedQuantity, n.deliveredQuantity);
    for (const i of this.t.commitmentItems) {
      quantities('commitment item', i.id, i.quantity, i.allocatedQuantity, i.deliveredQuantity);
    }
    for (const a of this.t.allocations)
      quantities('allocation', a.id, a.quantity, a.quantity, a.deliveredQuantity);
    for (const h of this.t.handovers) {
      if (
        (h.status === 'verified') !== (h.chainSeq !== null) ||
        (h.chainSeq === null) !== (h.chainHash === null)
      ) {
        v.push(`handover ${h.id}: ${h.status} with chain position ${h.chainSeq}`);
      }
    }
    for (const hi of this.t.handoverItems) {
      if (hi.quantity <= 0)
        v.push(`handover item ${hi.handoverId}/${hi.allocationId}: quantity ${hi.quantity}`);
    }
    const unique = (what: string, values: unknown[]) => {
      const present = values.filter((x) => x !== null);
      if (new Set(present).size !== present.length) v.push(`duplicate ${what}`);
    };
    unique(
      'commitment number',
      this.t.commitments.map((c) => c.number),
    );
    unique(
      'BAST number',
      this.t.handovers.map((h) => h.bastNumber),
    );
    unique(
      'chain position',
      this.t.handovers.map((h) => h.chainSeq),
    );
    unique(
      'handover item',
      this.t.handoverItems.map((hi) => `${hi.handoverId}/${hi.allocationId}`),
    );
    return v;
  }
}

function must<T>(row: T | undefined, what: string, id: string): T {
  if (!row) throw new Error(`in-memory db: no ${what} ${id}`);
  return row;
}
