import type { EntityManager } from 'typeorm';
import type { AggregatorsService } from '../aggregators/aggregators.service';
import type { CollaboratorsService } from '../collaborators/collaborators.service';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import type { Principal } from '../common/request-context';
import type { CommitmentStatus } from '../commitments/commitment.entity';
import { canSeeCommitment } from '../commitments/commitment-visibility';
import type { CommitmentView, LockedCommitment } from '../commitments/commitment.view';
import type {
  CommitmentsRepository,
  NewCommitment,
  NewCommitmentItem,
  PackageRange,
  SignatureRecord,
} from '../commitments/commitments.repository';
import type { NumberSequencesRepository } from '../numbering/number-sequences.repository';
import type { InMemoryDb } from './store';

type Used =
  | 'findView'
  | 'programStatus'
  | 'userEmailVerified'
  | 'collaboratorExists'
  | 'packageRanges'
  | 'lock'
  | 'insert'
  | 'markSubmitted'
  | 'decide'
  | 'completeIfDelivered';

/** CommitmentsRepository over the in-memory tables, with the conditions of its SQL. */
export class FakeCommitmentsRepository implements Pick<CommitmentsRepository, Used> {
  constructor(private readonly db: InMemoryDb) {}

  async findView(id: string, principal: Principal, _manager?: EntityManager): Promise<CommitmentView | null> {
    const c = this.db.t.commitments.find((x) => x.id === id);
    if (!c || !canSeeCommitment(principal, c)) return null;
    return commitmentView(this.db, id);
  }

  /** Every account of the in-memory world has proved its email (self sign-up is covered by the e2e suites). */
  async userEmailVerified(_m: EntityManager, _userId: string): Promise<boolean> {
    return true;
  }

  async programStatus(_m: EntityManager, programCode: string): Promise<string | null> {
    return this.db.t.programs.find((p) => p.code === programCode)?.status ?? null;
  }

  async collaboratorExists(_m: EntityManager, collaboratorId: string): Promise<boolean> {
    return this.db.t.collaborators.some((c) => c.id === collaboratorId);
  }

  async packageRanges(_m: EntityManager, programCode: string, codes: string[]): Promise<PackageRange[]> {
    return this.db.t.packages
      .filter((p) => p.programCode === programCode && codes.includes(p.code))
      .map((p) => ({ id: p.id, code: p.code, min: p.min, max: p.max }));
  }

  async lock(_m: EntityManager, id: string, _mode: 'share' | 'update'): Promise<LockedCommitment | null> {
    const c = this.db.t.commitments.find((x) => x.id === id);
    if (!c) return null;
    const { status, collaboratorId, aggregatorId, programCode, createdBy } = c;
    return { id, status, collaboratorId, aggregatorId, programCode, createdBy };
  }

  async insert(_m: EntityManager, commitment: NewCommitment, items: NewCommitmentItem[]): Promise<string> {
    const id = this.db.id();
    const now = this.db.now;
    this.db.t.commitments.push({
      id,
      number: null,
      ...commitment,
      status: 'draft',
      signatoryName: null,
      signatoryTitle: null,
      signedAt: null,
      signedIp: null,
      signedUserAgent: null,
      signedHash: null,
      signedBy: null,
      decidedBy: null,
      decidedAt: null,
      statusReason: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    for (const i of items) {
      this.db.t.commitmentItems.push({
        id: this.db.id(),
        commitmentId: id,
        packageId: i.packageId,
        quantity: i.quantity,
        unitValue: i.unitValue,
        allocatedQuantity: 0,
        deliveredQuantity: 0,
      });
    }
    return id;
  }

  async markSubmitted(_m: EntityManager, id: string, s: SignatureRecord): Promise<void> {
    const c = this.db.t.commitments.find((x) => x.id === id);
    if (!c) return;
    Object.assign(c, { ...s, status: 'submitted', version: c.version + 1, updatedAt: this.db.now });
  }

  async decide(
    _m: EntityManager,
    id: string,
    status: CommitmentStatus,
    decidedBy: string | null,
    reason: string | null,
  ): Promise<void> {
    const c = this.db.t.commitments.find((x) => x.id === id);
    if (!c) return;
    Object.assign(c, {
      status,
      decidedBy,
      decidedAt: this.db.now,
      statusReason: reason,
      version: c.version + 1,
      updatedAt: this.db.now,
    });
  }

  /** Approved, and no item delivered short of its quantity. */
  async completeIfDelivered(_m: EntityManager, id: string): Promise<boolean> {
    const c = this.db.t.commitments.find((x) => x.id === id);
    if (!c || c.status !== 'approved') return false;
    const items = this.db.t.commitmentItems.filter((i) => i.commitmentId === id);
    if (items.some((i) => i.deliveredQuantity < i.quantity)) return false;
    Object.assign(c, { status: 'completed', version: c.version + 1, updatedAt: this.db.now });
    return true;
  }
}

export function commitmentView(db: InMemoryDb, id: string): CommitmentView {
  const c = db.commitment(id);
  const collaborator = db.collaborator(c.collaboratorId);
  const items = db.t.commitmentItems
    .filter((i) => i.commitmentId === id)
    .map((i) => {
      const pk = db.package(i.packageId);
      return {
        id: i.id,
        packageId: i.packageId,
        packageCode: pk.code,
        packageName: pk.name,
        unit: pk.unit,
        quantity: i.quantity,
        unitValue: i.unitValue,
        subtotal: i.quantity * i.unitValue,
        allocatedQuantity: i.allocatedQuantity,
        deliveredQuantity: i.deliveredQuantity,
      };
    })
    .sort((a, b) => a.packageCode.localeCompare(b.packageCode));
  return {
    ...structuredClone(c),
    collaboratorName: collaborator.name,
    collaboratorType: collaborator.type,
    programName: db.program(c.programCode).name,
    aggregatorName: db.t.aggregators.find((a) => a.id === c.aggregatorId)?.name ?? null,
    items,
  };
}

/** The gap-free counters: rolled back with the fake transaction, like the real upsert. */
export class FakeNumberSequences implements Pick<NumberSequencesRepository, 'next'> {
  readonly scopes: string[] = [];
  constructor(private readonly db: InMemoryDb) {}

  async next(_m: EntityManager, scope: string): Promise<number> {
    this.scopes.push(scope);
    const n = (this.db.t.sequences[scope] ?? 0) + 1;
    this.db.t.sequences[scope] = n;
    return n;
  }
}

/** The collaborators concern as commitments see it: the status check on the collaborator's row. */
export class FakeCollaborators implements Pick<CollaboratorsService, 'assertVerified'> {
  constructor(private readonly db: InMemoryDb) {}

  async assertVerified(_m: EntityManager | undefined, collaboratorId: string): Promise<void> {
    const status = this.db.t.collaborators.find((c) => c.id === collaboratorId)?.status;
    if (!status) throw new NotFoundError('collaborator', collaboratorId);
    if (status !== 'verified') {
      throw new ConflictError(
        `the collaborator is ${status}; only verified collaborators can sign commitments`,
        { code: 'collaborator_not_verified' },
      );
    }
  }
}

/** The aggregators concern as commitments see it: an active aggregator serving the program. */
export class FakeAggregators implements Pick<AggregatorsService, 'assertServes'> {
  constructor(private readonly db: InMemoryDb) {}

  async assertServes(
    _m: EntityManager | undefined,
    aggregatorId: string,
    programCode: string,
  ): Promise<void> {
    const a = this.db.t.aggregators.find((x) => x.id === aggregatorId);
    if (!a)
      throw new InvalidInputError('the aggregator does not exist', [
        { field: 'aggregatorId', message: 'does not exist' },
      ]);
    if (a.status !== 'active' || !a.programCodes.includes(programCode)) {
      throw new InvalidInputError('the aggregator does not serve this program', [
        {
          field: 'aggregatorId',
          message: a.status !== 'active' ? 'is inactive' : `does not serve ${programCode}`,
        },
      ]);
    }
  }
}
