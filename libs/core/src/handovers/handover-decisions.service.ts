import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommitmentsService } from '../commitments/commitments.service';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { Principal, SYSTEM_PRINCIPAL } from '../common/request-context';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import {
  GENESIS_CHAIN_HASH,
  handoverContentHash,
  nextChainHash,
  signedHandoverContent,
} from './handover-content';
import { handoverAuditView, handoverEventPayload } from './handover-events';
import { seesRecipients } from './handover-input';
import { HandoverLedgerRepository } from './handover-ledger.repository';
import { HandoverView } from './handover.view';
import { HandoverViewsRepository } from './handover-views.repository';
import { HandoversRepository, LockedHandover } from './handovers.repository';

export interface VerifyHandoverInput {
  /** Verify although recipients already appear in a verified handover of the program and year (audited). */
  acknowledgeDuplicates?: boolean;
}

/**
 * Pokja's decision on a submitted handover. Verifying is one transaction: the handover is locked (so a second,
 * concurrent verification finds it verified and counts nothing), delivered quantities rise on allocations,
 * needs and commitment items through single conditional UPDATEs, the commitment completes when everything is
 * delivered, and the handover takes the next position in the ledger.
 */
@Injectable()
export class HandoverDecisionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly handovers: HandoversRepository,
    private readonly views: HandoverViewsRepository,
    private readonly ledger: HandoverLedgerRepository,
    private readonly commitments: CommitmentsService,
  ) {}

  async verify(id: string, input: VerifyHandoverInput, principal: Principal): Promise<HandoverView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const locked = await this.lockSubmitted(m, id, 'verified');
      if (locked.requiresKelurahanConfirmation && !locked.kelurahanConfirmedAt) {
        throw new ConflictError(
          `program ${locked.programCode} requires the kelurahan officer's confirmation before a handover is verified; ` +
            'it has not been confirmed yet',
          { code: 'handover_kelurahan_confirmation_required' },
        );
      }
      const commitment = await this.commitments.lock(m, locked.commitmentId, 'update');
      if (!commitment || commitment.status !== 'approved') {
        throw new ConflictError(
          `the commitment is ${commitment?.status ?? 'gone'}; only handovers of approved commitments can be verified`,
          { code: 'handover_commitment_not_approved' },
        );
      }
      const warnings = await this.handovers.duplicatesOf(m, id);
      if (warnings.length > 0 && input.acknowledgeDuplicates !== true) {
        throw new ConflictError(
          `${warnings.length} recipient(s) already appear in a verified handover of this program and year ` +
            `(${warnings.map((w) => `${w.nikMasked} in ${w.bastNumber}`).join(', ')}); ` +
            'verify with acknowledgeDuplicates: true to override',
          { code: 'handover_duplicate_recipients', params: { count: warnings.length } },
        );
      }
      const before = await this.read(m, id);
      await this.handovers.lockAllocationsOf(m, id);
      const delivered = await this.handovers.deliverAllocations(m, id);
      if (delivered !== before.items.length) {
        throw new ConflictError(
          'an allocation of this handover is no longer reserved, or would be delivered beyond its quantity',
          { code: 'handover_allocation_changed' },
        );
      }
      await this.handovers.deliverNeeds(m, id);
      await this.handovers.deliverCommitmentItems(m, id);
      await this.commitments.completeIfDelivered(tx, locked.commitmentId);

      const contentHash = handoverContentHash(signedHandoverContent(await this.ledger.content(id, m)));
      // Last, so the ledger lock is held only for the append itself.
      await this.ledger.lockLedger(m);
      const head = await this.ledger.head(m);
      const chainSeq = (head?.chainSeq ?? 0) + 1;
      const chainHash = nextChainHash(head?.chainHash ?? GENESIS_CHAIN_HASH, contentHash);
      await this.handovers.markVerified(m, id, {
        decidedBy: principal.id,
        contentHash,
        chainHash,
        chainSeq,
        duplicateWarnings: warnings,
      });
      const after = await this.read(m, id);
      await tx.audit({
        action: 'handover.verified',
        entity: 'handover',
        entityId: id,
        before: handoverAuditView(before),
        after: handoverAuditView(after),
      });
      if (warnings.length > 0) {
        await tx.audit({
          action: 'handover.duplicates_acknowledged',
          entity: 'handover',
          entityId: id,
          after: { bastNumber: after.bastNumber, duplicateWarnings: warnings },
        });
      }
      await this.emit(tx, 'handover.verified', after);
      return this.forReader(m, after, principal);
    });
  }

  /**
   * The kelurahan officer confirms, as the witness, a submitted handover made in their kelurahan. Who and when become
   * part of the signed content, and so of the BAST's hash once verified. Another area's handover is "not found".
   */
  async confirmByKelurahan(id: string, principal: Principal): Promise<HandoverView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const locked = await this.handovers.lock(m, id);
      const code = principal.role === 'kelurahan' ? principal.kelurahanCode : null;
      const inArea =
        !!locked && !!code && !!locked.regionCode && (locked.regionCode === code || locked.regionCode.startsWith(`${code}.`));
      if (!locked || !inArea || !principal.id) throw new NotFoundError('handover', id);
      if (locked.status !== 'submitted') {
        throw new ConflictError(`the handover is ${locked.status}; only submitted handovers can be confirmed`, {
          code: 'handover_not_submitted',
        });
      }
      if (locked.kelurahanConfirmedAt)
        throw new ConflictError('the kelurahan has already confirmed this handover', { code: 'handover_already_confirmed' });
      const before = await this.read(m, id);
      await this.handovers.markKelurahanConfirmed(m, id, principal.id);
      const after = await this.read(m, id);
      await tx.audit({
        action: 'handover.kelurahan_confirmed',
        entity: 'handover',
        entityId: id,
        before: handoverAuditView(before),
        after: handoverAuditView(after),
      });
      return this.forReader(m, after, principal);
    });
  }

  async reject(id: string, reason: string, principal: Principal): Promise<HandoverView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      await this.lockSubmitted(m, id, 'rejected');
      const before = await this.read(m, id);
      await this.handovers.markRejected(m, id, principal.id, reason);
      const after = await this.read(m, id);
      await tx.audit({
        action: 'handover.rejected',
        entity: 'handover',
        entityId: id,
        before: handoverAuditView(before),
        after: handoverAuditView(after),
      });
      await this.emit(tx, 'handover.rejected', after);
      return this.forReader(m, after, principal);
    });
  }

  private async lockSubmitted(m: EntityManager, id: string, outcome: string): Promise<LockedHandover> {
    const locked = await this.handovers.lock(m, id);
    if (!locked) throw new NotFoundError('handover', id);
    if (locked.status !== 'submitted') {
      throw new ConflictError(
        `the handover is ${locked.status}; only submitted handovers can be ${outcome}`,
        { code: 'handover_not_submitted' },
      );
    }
    return locked;
  }

  private async read(m: EntityManager, id: string): Promise<HandoverView> {
    const view = await this.views.findView(id, SYSTEM_PRINCIPAL, { withRecipients: false, manager: m });
    if (!view) throw new NotFoundError('handover', id);
    return view;
  }

  private async forReader(m: EntityManager, view: HandoverView, principal: Principal): Promise<HandoverView> {
    if (!seesRecipients(principal)) return view;
    const full = await this.views.findView(view.id, SYSTEM_PRINCIPAL, { withRecipients: true, manager: m });
    return full ?? view;
  }

  private emit(tx: Tx, type: string, h: HandoverView): Promise<void> {
    return tx.emit({ type, aggregateType: 'handover', aggregateId: h.id, payload: handoverEventPayload(h) });
  }
}
