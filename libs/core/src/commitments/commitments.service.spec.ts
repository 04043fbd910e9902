import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { RequestContext } from '../common/request-context';
import { jakartaYear } from '../numbering/numbering';
import {
  AGGREGATOR,
  BERAS,
  COLLABORATOR,
  OTHER_COLLABORATOR,
  PROGRAM,
  principal,
  SEMBAKO,
  World,
} from '../testing/world';
import type { CreateCommitmentInput } from './commitment-input';
import { commitmentSignedContent, commitmentSignedHash } from './commitment-signature';

/** The commitment lifecycle of CommitmentsService against in-memory fakes: draft → submitted → approved/rejected. */
describe('CommitmentsService (in-memory)', () => {
  let w: World;
  const member = principal('collaborator');
  const officer = principal('operator', { id: 'u-officer' });
  const drafter = principal('operator', { id: 'u-drafter' });
  const sign = { signatoryName: 'Rina', signatoryTitle: 'Direktur', agree: true };

  beforeEach(() => {
    w = new World();
  });

  const input = (patch: Partial<CreateCommitmentInput> = {}): CreateCommitmentInput => ({
    collaboratorId: COLLABORATOR,
    programCode: PROGRAM,
    deliveryMode: 'direct',
    items: [
      { packageCode: 'SEMBAKO', quantity: 10, unitValue: 150_000 },
      { packageCode: 'BERAS', quantity: 3, unitValue: 70_000 },
    ],
    plannedFrom: '2026-03-01',
    plannedTo: '2026-03-31',
    ...patch,
  });

  const submitted = async () => {
    const c = await w.commitments.create(input(), member);
    return w.commitments.sign(c.id, sign, member);
  };

  describe('create', () => {
    it('drafts a commitment with its items and total value, audited', async () => {
      const c = await w.commitments.create(input(), member);
      expect(c).toMatchObject({ status: 'draft', number: null, totalValue: 1_710_000, createdBy: member.id });
      expect(c.items.map((i) => [i.packageCode, i.quantity, i.subtotal])).toEqual([
        ['BERAS', 3, 210_000],
        ['SEMBAKO', 10, 1_500_000],
      ]);
      expect(w.uow.auditActions()).toEqual(['commitment.created']);
      expect(w.uow.events).toEqual([]);
    });

    it('lets a collaborator member draft only for its own collaborator', async () => {
      await expect(
        w.commitments.create(input({ collaboratorId: OTHER_COLLABORATOR }), member),
      ).rejects.toThrow(ForbiddenError);
      await expect(
        w.commitments.create(input({ collaboratorId: OTHER_COLLABORATOR }), officer),
      ).resolves.toMatchObject({
        collaboratorId: OTHER_COLLABORATOR,
      });
    });

    it('refuses a closed or unknown program and an unknown collaborator', async () => {
      w.db.program(PROGRAM).status = 'closed';
      await expect(w.commitments.create(input(), member)).rejects.toThrow(ConflictError);
      await expect(w.commitments.create(input({ programCode: 'NOPE' }), officer)).rejects.toThrow(
        InvalidInputError,
      );
      w.db.program(PROGRAM).status = 'open';
      await expect(
        w.commitments.create(input({ collaboratorId: '00000000-0000-4000-8000-999999999999' }), officer),
      ).rejects.toThrow(/no such collaborator/);
      expect(w.db.t.commitments).toEqual([]);
    });

    it('checks each item against the program’s packages and their unit value range', async () => {
      const fields = async (patch: Partial<CreateCommitmentInput>) =>
        w.commitments.create(input(patch), member).then(
          () => [],
          (e: InvalidInputError) => (e.errors ?? []).map((f) => f.field),
        );
      expect(await fields({ items: [{ packageCode: 'SEMBAKO', quantity: 1, unitValue: 99_999 }] })).toEqual([
        'items[0].unitValue',
      ]);
      expect(await fields({ items: [{ packageCode: 'SEMBAKO', quantity: 1, unitValue: 300_001 }] })).toEqual([
        'items[0].unitValue',
      ]);
      // BERAS has no range on record: any unit value goes.
      expect(await fields({ items: [{ packageCode: 'BERAS', quantity: 1, unitValue: 1 }] })).toEqual([]);
      expect(await fields({ items: [{ packageCode: 'TENDA', quantity: 1, unitValue: 1 }] })).toEqual([
        'items[0].packageCode',
      ]);
    });

    it('routes through an aggregator only when it is active and serves the program', async () => {
      const via = { deliveryMode: 'aggregator' as const, aggregatorId: AGGREGATOR };
      await expect(w.commitments.create(input(via), member)).resolves.toMatchObject({
        aggregatorId: AGGREGATOR,
      });
      w.db.t.aggregators[0].programCodes = ['AIR'];
      await expect(w.commitments.create(input(via), member)).rejects.toThrow(/does not serve this program/);
      expect(w.db.t.commitments).toHaveLength(1);
    });
  });

  describe('sign', () => {
    it('numbers the form gap-free per program and year and records the signature and its hash', async () => {
      const first = await submitted();
      const second = await submitted();
      // The year is the signing day's in Jakarta (read back, so a run across New Year's Eve cannot flake).
      const year = jakartaYear(first.signedAt as Date);
      expect(first).toMatchObject({
        status: 'submitted',
        number: `KOM/${PROGRAM}/${year}/000001`,
        signatoryName: 'Rina',
      });
      expect(second.number).toBe(`KOM/${PROGRAM}/${year}/000002`);
      expect(first.signedHash).toBe(commitmentSignedHash(commitmentSignedContent(first)));
      expect(w.numbers.scopes).toEqual([`KOM/${PROGRAM}/${year}`, `KOM/${PROGRAM}/${year}`]);
      expect(w.uow.eventTypes()).toEqual(['commitment.submitted', 'commitment.submitted']);
    });

    it('records where it was signed from', async () => {
      const c = await w.commitments.create(input(), member);
      const signed = await RequestContext.run(
        { requestId: 'r1', ip: '203.0.113.7', userAgent: 'Uji/1.0', principal: member },
        () => w.commitments.sign(c.id, sign, member),
      );
      expect(signed).toMatchObject({
        signedIp: '203.0.113.7',
        signedUserAgent: 'Uji/1.0',
        signedBy: member.id,
      });
    });

    it('needs the signatory’s agreement, a member of the collaborator, and a draft', async () => {
      const c = await w.commitments.create(input(), member);
      await expect(w.commitments.sign(c.id, { ...sign, agree: false }, member)).rejects.toThrow(
        InvalidInputError,
      );
      await expect(w.commitments.sign(c.id, sign, officer)).rejects.toThrow(ForbiddenError);
      await expect(
        w.commitments.sign(c.id, sign, principal('collaborator', { collaboratorId: OTHER_COLLABORATOR })),
      ).rejects.toThrow(NotFoundError);
      await w.commitments.sign(c.id, sign, member);
      await expect(w.commitments.sign(c.id, sign, member)).rejects.toThrow(
        new ConflictError('the commitment is submitted; only a draft commitment can be signed'),
      );
    });

    it('refuses an unverified collaborator or a closed program, without taking a number', async () => {
      const c = await w.commitments.create(input(), member);
      w.db.collaborator(COLLABORATOR).status = 'suspended';
      await expect(w.commitments.sign(c.id, sign, member)).rejects.toThrow(/only verified collaborators/);
      w.db.collaborator(COLLABORATOR).status = 'verified';
      w.db.program(PROGRAM).status = 'closed';
      await expect(w.commitments.sign(c.id, sign, member)).rejects.toThrow(/only be made to open programs/);
      expect(w.numbers.scopes).toEqual([]);
      expect(w.db.commitment(c.id)).toMatchObject({ status: 'draft', number: null });
    });
  });

  describe('approve and reject', () => {
    it('approves a submitted commitment, recording who decided', async () => {
      const c = await submitted();
      const approved = await w.commitments.approve(c.id, officer);
      expect(approved).toMatchObject({ status: 'approved', decidedBy: officer.id, statusReason: null });
      expect(w.uow.eventTypes()).toContain('commitment.approved');
    });

    it('rejects with a reason', async () => {
      const c = await submitted();
      const rejected = await w.commitments.reject(c.id, 'nilai tidak wajar', officer);
      expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'nilai tidak wajar' });
      expect(w.uow.events.at(-1)).toMatchObject({
        type: 'commitment.rejected',
        payload: { reason: 'nilai tidak wajar' },
      });
    });

    it('never lets the officer who drafted a commitment decide on it (four eyes)', async () => {
      const c = await w.commitments.create(input(), drafter);
      await w.commitments.sign(c.id, sign, member);
      await expect(w.commitments.approve(c.id, drafter)).rejects.toThrow(ForbiddenError);
      await expect(w.commitments.reject(c.id, 'x', drafter)).rejects.toThrow(ForbiddenError);
      await expect(w.commitments.approve(c.id, officer)).resolves.toMatchObject({ status: 'approved' });
    });

    it.each(['draft', 'approved', 'rejected', 'cancelled', 'completed'] as const)(
      'decides only on submitted commitments, not a %s one',
      async (status) => {
        const c = w.commitment({ status });
        await expect(w.commitments.approve(c.id, officer)).rejects.toThrow(ConflictError);
        await expect(w.commitments.reject(c.id, 'x', officer)).rejects.toThrow(ConflictError);
        expect(w.db.commitment(c.id).status).toBe(status);
      },
    );
  });

  describe('cancel', () => {
    const noClaims = async () => [];

    it.each(['draft', 'submitted', 'approved'] as const)('cancels a %s commitment', async (status) => {
      const c = w.commitment({ status });
      const cancelled = await w.commitments.cancel(c.id, 'batal', member, noClaims);
      expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'batal', decidedBy: member.id });
    });

    it.each(['rejected', 'cancelled', 'completed'] as const)(
      'refuses to cancel a %s commitment',
      async (status) => {
        const c = w.commitment({ status });
        const release = jest.fn(noClaims);
        await expect(w.commitments.cancel(c.id, null, member, release)).rejects.toThrow(ConflictError);
        expect(release).not.toHaveBeenCalled();
      },
    );

    it('releases the claims inside the cancelling transaction and emits their events after its own', async () => {
      const c = w.commitment();
      const release = jest.fn(async () => [
        { type: 'allocation.released', aggregateType: 'allocation', aggregateId: 'a1' },
      ]);
      await w.commitments.cancel(c.id, null, member, release);
      expect(release).toHaveBeenCalledWith(expect.anything(), c.id, 'commitment cancelled');
      expect(w.uow.eventTypes()).toEqual(['commitment.cancelled', 'allocation.released']);
    });

    it('rolls the cancel back when giving the claims back fails', async () => {
      const c = w.commitment();
      await expect(
        w.commitments.cancel(c.id, null, member, async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(w.db.commitment(c.id).status).toBe('approved');
      expect(w.uow.events).toEqual([]);
    });
  });

  describe('completeIfDelivered', () => {
    it('completes an approved commitment only once every item is fully delivered', async () => {
      const c = w.commitment({}, { [SEMBAKO]: 5, [BERAS]: 2 });
      Object.assign(w.itemOf(c.id, SEMBAKO), { allocatedQuantity: 5, deliveredQuantity: 5 });
      Object.assign(w.itemOf(c.id, BERAS), { allocatedQuantity: 2, deliveredQuantity: 1 });
      const run = () => w.uow.run((tx) => w.commitments.completeIfDelivered(tx, c.id));
      expect(await run()).toBe(false);
      w.itemOf(c.id, BERAS).deliveredQuantity = 2;
      expect(await run()).toBe(true);
      expect(w.db.commitment(c.id).status).toBe('completed');
      expect(w.uow.eventTypes()).toEqual(['commitment.completed']);
      expect(await run()).toBe(false);
    });
  });
});
