import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AllocationStatus } from '../common/allocation-status';
import { CommitmentsService } from '../commitments/commitments.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { Page, PageRequest, resolveSort } from '../common/pagination';
import { Principal, SYSTEM_PRINCIPAL } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { NumberSequencesRepository } from '../numbering/number-sequences.repository';
import { formatNumber } from '../numbering/numbering';
import {
  actsForHandover,
  assertHandoverShape,
  DELIVERY_REGION_LEVELS,
  jakartaYear,
  seesRecipients,
  SubmitHandoverInput,
} from './handover-input';
import { HandoverFilter, HandoverView } from './handover.view';
import { HandoverViewsRepository } from './handover-views.repository';
import { HandoversRepository, NewRecipient } from './handovers.repository';
import { handoverAuditView, handoverEventPayload } from './handover-events';
import { seesDuplicateWarnings } from './handover-readers';
import { hashNik, maskNik } from './nik';

const SORTABLE = {
  createdAt: 'created_at',
  handedOverAt: 'handed_over_at',
  bastNumber: 'bast_number',
  status: 'status',
  decidedAt: 'decided_at',
  chainSeq: 'chain_seq',
};

const DELIVERABLE: readonly AllocationStatus[] = ['reserved', 'partially_delivered'];

/**
 * Handover records (Berita Acara Serah Terima): submitted by whoever delivered, against the allocations of one
 * approved commitment, never for more than is allocated and not yet delivered or named in a pending handover.
 */
@Injectable()
export class HandoversService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handovers: HandoversRepository,
    private readonly views: HandoverViewsRepository,
    private readonly commitments: CommitmentsService,
    private readonly dataSource: DataSource,
    private readonly numbers: NumberSequencesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(filter: HandoverFilter, page: PageRequest, principal: Principal): Promise<Page<HandoverView>> {
    const sort = resolveSort(page.sort, SORTABLE, { column: 'created_at', direction: 'DESC' });
    return this.views.list(filter, principal, page, sort);
  }

  /**
   * One handover; while it waits for verification its duplicate warnings are recomputed on every read (for the
   * readers who may see them at all: `duplicateWarningsFor` withholds them from everyone else).
   */
  async get(id: string, principal: Principal): Promise<HandoverView> {
    const view = await this.views.findView(id, principal, { withRecipients: seesRecipients(principal) });
    if (!view) throw new NotFoundError('handover', id);
    if (view.status === 'submitted' && seesDuplicateWarnings(principal)) {
      view.duplicateWarnings = await this.handovers.duplicatesOf(this.dataSource.manager, id);
    }
    return view;
  }

  async submit(input: SubmitHandoverInput, principal: Principal): Promise<HandoverView> {
    assertHandoverShape(input);
    const allocationIds = input.items.map((i) => i.allocationId);
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const commitmentId = await this.commitmentOf(m, allocationIds, principal);
      // Same lock order as claims and cancels: the commitment (shared), then its allocations.
      const commitment = await this.commitments.lock(m, commitmentId, 'share');
      if (!commitment) throw new NotFoundError('commitment', commitmentId);
      if (commitment.status !== 'approved') {
        throw new ConflictError(
          `the commitment is ${commitment.status}; handovers are only taken for approved commitments`,
        );
      }
      await this.handovers.lockAllocations(m, allocationIds);
      const open = new Map((await this.handovers.openQuantities(m, allocationIds)).map((a) => [a.id, a]));
      for (const item of input.items) {
        const allocation = open.get(item.allocationId);
        if (!allocation) throw new NotFoundError('allocation', item.allocationId);
        if (!DELIVERABLE.includes(allocation.status)) {
          throw new ConflictError(
            `allocation ${item.allocationId} is ${allocation.status}; only reserved or partially delivered allocations can be handed over`,
          );
        }
        if (item.quantity > allocation.openQuantity) {
          throw new ConflictError(
            `allocation ${item.allocationId} has ${Math.max(allocation.openQuantity, 0)} left to hand over (allocated, minus delivered, minus pending handovers); ${item.quantity} requested`,
          );
        }
      }
      await this.assertDeliveryRegion(m, input.location.regionCode);

      const year = jakartaYear(input.handedOverAt);
      const recipients: NewRecipient[] = (input.recipients ?? []).map((r) => ({
        nikHash: hashNik(this.config.NIK_HMAC_SECRET, r.nik),
        nikMasked: maskNik(r.nik),
        name: r.name,
      }));
      const duplicateWarnings = await this.handovers.duplicatesOfHashes(
        m,
        commitment.programCode,
        year,
        recipients.map((r) => r.nikHash),
      );
      const { nik, ...receiver } = input.receiver;
      // Taken last: the counter row stays locked until commit, so keep that window short.
      const n = await this.numbers.next(m, `BAST/${commitment.programCode}/${year}`);
      const id = await this.handovers.insert(m, {
        bastNumber: formatNumber('BAST', commitment.programCode, year, n),
        programCode: commitment.programCode,
        commitmentId,
        aggregatorId: commitment.aggregatorId,
        handedOverAt: input.handedOverAt,
        regionCode: input.location.regionCode,
        lon: input.location.lon ?? null,
        lat: input.location.lat ?? null,
        locationAccuracyM: input.location.accuracyM ?? null,
        address: input.location.address,
        giver: party(input.giver, 'title'),
        receiver: {
          ...party(receiver, 'role'),
          ...(nik ? { nikHash: hashNik(this.config.NIK_HMAC_SECRET, nik), nikMasked: maskNik(nik) } : {}),
        },
        witnesses: input.witnesses.map((w) => party(w, 'role')),
        notes: input.notes ?? '',
        duplicateWarnings,
        submittedBy: principal.id,
        submittedByKind: principal.kind,
      });
      await this.handovers.insertItems(m, id, input.items);
      await this.handovers.insertRecipients(m, id, commitment.programCode, year, recipients);
      const created = await this.views.findView(id, SYSTEM_PRINCIPAL, { withRecipients: false, manager: m });
      if (!created) throw new NotFoundError('handover', id);
      await tx.audit({
        action: 'handover.submitted',
        entity: 'handover',
        entityId: id,
        after: handoverAuditView(created),
      });
      await tx.emit({
        type: 'handover.submitted',
        aggregateType: 'handover',
        aggregateId: id,
        payload: handoverEventPayload(created),
      });
      if (seesRecipients(principal)) {
        created.recipients = recipients.map((r) => ({ nikMasked: r.nikMasked, name: r.name }));
      }
      return created;
    });
  }

  /**
   * The one commitment all the allocations belong to. An allocation that does not exist or that the caller
   * does not act for is "not found", whoever owns it.
   */
  private async commitmentOf(m: EntityManager, ids: string[], principal: Principal): Promise<string> {
    const owners = new Map((await this.handovers.allocationOwners(m, ids)).map((o) => [o.id, o]));
    for (const id of ids) {
      const owner = owners.get(id);
      if (!owner || !actsForHandover(principal, owner)) throw new NotFoundError('allocation', id);
    }
    const commitmentIds = new Set([...owners.values()].map((o) => o.commitmentId));
    if (commitmentIds.size > 1) {
      throw new InvalidInputError('all items of a handover must be allocations of the same commitment', [
        { field: 'items', message: 'allocations of more than one commitment' },
      ]);
    }
    return [...commitmentIds][0];
  }

  private async assertDeliveryRegion(m: EntityManager, code: string): Promise<void> {
    const level = await this.handovers.regionLevel(m, code);
    if (!level || !DELIVERY_REGION_LEVELS.includes(level)) {
      throw new InvalidInputError('the place of a handover must be a known kelurahan, RW or RT', [
        {
          field: 'location.regionCode',
          message: level ? `is a ${level}; give a village, RW or RT` : 'no such region',
        },
      ]);
    }
  }
}

/** Stores every party with the same fields, so the signed content has one shape. */
function party(
  p: { name: string; title?: string; role?: string; organization?: string },
  kind: 'title' | 'role',
): { name: string; title?: string; role?: string; organization: string } {
  return kind === 'title'
    ? { name: p.name, title: p.title ?? '', organization: p.organization ?? '' }
    : { name: p.name, role: p.role ?? '', organization: p.organization ?? '' };
}
