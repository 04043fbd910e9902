import type { AggregatorsService } from '../aggregators/aggregators.service';
import { AllocationsService } from '../allocations/allocations.service';
import type { AllocationsRepository } from '../allocations/allocations.repository';
import type { CollaboratorsService } from '../collaborators/collaborators.service';
import type { Principal } from '../common/request-context';
import type { Role } from '../common/roles';
import type { CommitmentStatus } from '../commitments/commitment.entity';
import { CommitmentsService } from '../commitments/commitments.service';
import type { CommitmentsRepository } from '../commitments/commitments.repository';
import type { AppConfig } from '../config/config';
import type { UnitOfWork } from '../database/unit-of-work';
import { HandoverDecisionsService } from '../handovers/handover-decisions.service';
import type { HandoverLedgerRepository } from '../handovers/handover-ledger.repository';
import type { HandoverViewsRepository } from '../handovers/handover-views.repository';
import { HandoversService } from '../handovers/handovers.service';
import type { HandoversRepository } from '../handovers/handovers.repository';
import type { NumberSequencesRepository } from '../numbering/number-sequences.repository';
import type { DataSource } from 'typeorm';
import { FakeAllocationsRepository } from './allocations.fake';
import {
  FakeAggregators,
  FakeCollaborators,
  FakeCommitmentsRepository,
  FakeNumberSequences,
} from './commitments.fake';
import { asReal, FAKE_MANAGER } from './fake';
import {
  FakeHandoverLedgerRepository,
  FakeHandoversRepository,
  FakeHandoverViewsRepository,
} from './handovers.fake';
import { AllocationRow, CommitmentRow, HandoverRow, InMemoryDb, NeedRow } from './store';
import { FakeUnitOfWork } from './unit-of-work.fake';

export const PROGRAM = 'PANGAN';
export const COLLABORATOR = 'c0000000-0000-4000-8000-000000000001';
export const OTHER_COLLABORATOR = 'c0000000-0000-4000-8000-000000000002';
export const AGGREGATOR = 'a0000000-0000-4000-8000-000000000001';
export const SEMBAKO = 'b0000000-0000-4000-8000-000000000001';
export const BERAS = 'b0000000-0000-4000-8000-000000000002';
export const VILLAGE = '31.71.01.1001';
export const DISTRICT = '31.71.01';

export function principal(role: Role, patch: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    id: `u-${role}`,
    role,
    collaboratorId: role === 'collaborator' ? COLLABORATOR : null,
    aggregatorId: role === 'aggregator' ? AGGREGATOR : null,
    ...patch,
  };
}

/**
 * The real services of the claim, commitment and handover flows, wired to in-memory fakes of their repositories
 * and to a fake unit of work; seeded with one open program, a verified collaborator, an aggregator serving the
 * program, two packages and delivery regions.
 */
export class World {
  readonly db = new InMemoryDb();
  readonly uow = new FakeUnitOfWork(this.db);
  readonly numbers = new FakeNumberSequences(this.db);
  readonly commitmentsRepo = new FakeCommitmentsRepository(this.db);
  readonly allocationsRepo = new FakeAllocationsRepository(this.db);
  readonly handoversRepo = new FakeHandoversRepository(this.db);
  readonly views = new FakeHandoverViewsRepository(this.db);
  readonly ledger = new FakeHandoverLedgerRepository(this.db);
  readonly config = { NIK_HMAC_SECRET: 'unit-test-nik-hmac-secret-0123456789' };

  readonly commitments = new CommitmentsService(
    asReal<UnitOfWork>(this.uow),
    asReal<CommitmentsRepository>(this.commitmentsRepo),
    asReal<CollaboratorsService>(new FakeCollaborators(this.db)),
    asReal<AggregatorsService>(new FakeAggregators(this.db)),
    asReal<NumberSequencesRepository>(this.numbers),
  );
  readonly allocations = new AllocationsService(
    asReal<UnitOfWork>(this.uow),
    asReal<AllocationsRepository>(this.allocationsRepo),
    this.commitments,
  );
  readonly handovers = new HandoversService(
    asReal<UnitOfWork>(this.uow),
    asReal<HandoversRepository>(this.handoversRepo),
    asReal<HandoverViewsRepository>(this.views),
    this.commitments,
    asReal<DataSource>({ manager: FAKE_MANAGER }),
    asReal<NumberSequencesRepository>(this.numbers),
    asReal<AppConfig>(this.config),
  );
  readonly decisions = new HandoverDecisionsService(
    asReal<UnitOfWork>(this.uow),
    asReal<HandoversRepository>(this.handoversRepo),
    asReal<HandoverViewsRepository>(this.views),
    asReal<HandoverLedgerRepository>(this.ledger),
    this.commitments,
  );

  constructor() {
    const t = this.db.t;
    t.programs.push({ code: PROGRAM, name: 'Bantuan Pangan', status: 'open', claimHoldDays: 14 });
    t.collaborators.push(
      { id: COLLABORATOR, name: 'PT Uji', type: 'business', status: 'verified' },
      { id: OTHER_COLLABORATOR, name: 'Yayasan Lain', type: 'civil_society', status: 'verified' },
    );
    t.aggregators.push({ id: AGGREGATOR, name: 'Gudang Uji', status: 'active', programCodes: [PROGRAM] });
    t.packages.push(
      {
        id: SEMBAKO,
        programCode: PROGRAM,
        code: 'SEMBAKO',
        name: 'Paket sembako',
        unit: 'paket',
        min: 100_000,
        max: 300_000,
      },
      { id: BERAS, programCode: PROGRAM, code: 'BERAS', name: 'Beras 5 kg', unit: 'karung', min: 0, max: 0 },
    );
    t.regions.push(
      { code: VILLAGE, name: 'Kelurahan Uji', level: 'village' },
      { code: DISTRICT, name: 'Kecamatan Uji', level: 'district' },
    );
  }

  need(patch: Partial<NeedRow> = {}): NeedRow {
    const row: NeedRow = {
      id: this.db.id(),
      title: 'Kebutuhan uji',
      programCode: PROGRAM,
      packageId: SEMBAKO,
      regionCode: VILLAGE,
      status: 'open',
      quantity: 100,
      allocatedQuantity: 0,
      deliveredQuantity: 0,
      version: 1,
      ...patch,
    };
    this.db.t.needs.push(row);
    return row;
  }

  /** A commitment in any status with one item per entry of `items` (package id → quantity). */
  commitment(
    patch: Partial<CommitmentRow> & { status?: CommitmentStatus } = {},
    items: Record<string, number> = { [SEMBAKO]: 50 },
  ): CommitmentRow {
    const now = this.db.now;
    const row: CommitmentRow = {
      id: this.db.id(),
      number: null,
      collaboratorId: COLLABORATOR,
      programCode: PROGRAM,
      deliveryMode: 'direct',
      aggregatorId: null,
      plannedFrom: '2026-03-01',
      plannedTo: '2026-04-30',
      notes: '',
      status: 'approved',
      totalValue: 0,
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
      createdBy: 'u-drafter',
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...patch,
    };
    if (row.number === null && row.status !== 'draft') row.number = `KOM/${PROGRAM}/2026/${row.id.slice(-6)}`;
    this.db.t.commitments.push(row);
    for (const [packageId, quantity] of Object.entries(items)) {
      this.db.t.commitmentItems.push({
        id: this.db.id(),
        commitmentId: row.id,
        packageId,
        quantity,
        unitValue: 150_000,
        allocatedQuantity: 0,
        deliveredQuantity: 0,
      });
    }
    return row;
  }

  itemOf(commitmentId: string, packageId = SEMBAKO) {
    const item = this.db.t.commitmentItems.find(
      (i) => i.commitmentId === commitmentId && i.packageId === packageId,
    );
    if (!item) throw new Error('no such item');
    return item;
  }

  allocationRow(id: string): AllocationRow {
    return this.db.allocation(id);
  }

  /** A handover awaiting verification that names these allocations (what `HandoversService.submit` leaves). */
  pendingHandover(commitmentId: string, items: { allocationId: string; quantity: number }[]): HandoverRow {
    const now = this.db.now;
    const row: HandoverRow = {
      id: this.db.id(),
      bastNumber: `BAST/${PROGRAM}/2026/${String(this.db.t.handovers.length + 1).padStart(6, '0')}`,
      status: 'submitted',
      programCode: PROGRAM,
      commitmentId,
      aggregatorId: this.db.commitment(commitmentId).aggregatorId,
      handedOverAt: now,
      regionCode: VILLAGE,
      lon: null,
      lat: null,
      locationAccuracyM: null,
      address: 'Jl. Uji 1',
      giver: { name: 'Budi' },
      receiver: { name: 'Siti' },
      witnesses: [],
      notes: '',
      duplicateWarnings: [],
      submittedBy: null,
      submittedByKind: 'user',
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
    for (const i of items) this.db.t.handoverItems.push({ handoverId: row.id, ...i });
    return row;
  }
}
