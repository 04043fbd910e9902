import { ConflictError, ForbiddenError, NotFoundError } from '../common/domain-errors';
import {
  BERAS,
  COLLABORATOR,
  OTHER_COLLABORATOR,
  PROGRAM,
  principal,
  SEMBAKO,
  World,
} from '../testing/world';

/**
 * The claim rules of AllocationsService against in-memory fakes of its repository: no database, no Redis.
 * The e2e suites run the same flows against PostgreSQL; these pin the rules down one by one.
 */
describe('AllocationsService (in-memory)', () => {
  let w: World;
  const owner = principal('collaborator');
  const stranger = principal('collaborator', { collaboratorId: OTHER_COLLABORATOR, id: 'u-other' });
  const admin = principal('admin');

  beforeEach(() => {
    w = new World();
  });

  const claim = (commitmentId: string, needId: string, quantity: number, who = owner) =>
    w.allocations.reserve({ commitmentId, needId, quantity }, who);

  describe('reserve', () => {
    it('takes the quantity from the need and the commitment item and holds it for the program’s hold days', async () => {
      const need = w.need({ quantity: 100 });
      const c = w.commitment();
      const a = await claim(c.id, need.id, 30);
      expect(a).toMatchObject({
        status: 'reserved',
        quantity: 30,
        needId: need.id,
        commitmentId: c.id,
        packageCode: 'SEMBAKO',
      });
      expect(a.expiresAt).toEqual(new Date(w.db.now.getTime() + 14 * 86_400_000));
      expect(w.db.need(need.id)).toMatchObject({ allocatedQuantity: 30, status: 'open' });
      expect(w.itemOf(c.id).allocatedQuantity).toBe(30);
      expect(w.uow.eventTypes()).toEqual(['allocation.reserved']);
      expect(w.uow.auditActions()).toEqual(['allocation.reserved']);
      expect(w.uow.events[0].payload).toMatchObject({
        allocationId: a.id,
        quantity: 30,
        collaboratorId: COLLABORATOR,
      });
      // Written with the claim's statement and handed to the queue after it, as run() does after commit.
      expect(w.uow.relayed).toHaveLength(1);
    });

    it('answers each refusal with the status and message it always had, and relays nothing', async () => {
      const need = w.need({ quantity: 5 });
      const c = w.commitment({}, { [SEMBAKO]: 3 });
      const submitted = w.commitment({ status: 'submitted' });
      const cases: [() => Promise<unknown>, Error][] = [
        [() => claim(c.id, need.id, 6), new ConflictError('only 5 left on the need; 6 requested')],
        [() => claim(c.id, need.id, 4), new ConflictError('only 3 left on the commitment item; 4 requested')],
        [
          () => claim(submitted.id, need.id, 1),
          new ConflictError('the commitment is submitted; only approved commitments can claim needs'),
        ],
        [() => claim(c.id, need.id, 1, stranger), new NotFoundError('commitment', c.id)],
        [() => claim(c.id, need.id, 1, principal('viewer')), new ForbiddenError('you may not claim for this commitment')],
      ];
      for (const [refused, error] of cases) {
        await expect(refused()).rejects.toThrow(error);
      }
      expect(w.db.need(need.id).allocatedQuantity).toBe(0);
      expect(w.itemOf(c.id).allocatedQuantity).toBe(0);
      expect([w.uow.events, w.uow.audits, w.uow.relayed]).toEqual([[], [], []]);
    });

    it('refuses to allocate more than is left on the need, and leaves everything as it was', async () => {
      const need = w.need({ quantity: 40, allocatedQuantity: 30 });
      const c = w.commitment();
      await expect(claim(c.id, need.id, 11)).rejects.toThrow(
        new ConflictError('only 10 left on the need; 11 requested'),
      );
      expect(w.db.need(need.id).allocatedQuantity).toBe(30);
      expect(w.itemOf(c.id).allocatedQuantity).toBe(0);
      expect(w.db.t.allocations).toEqual([]);
      expect(w.uow.events).toEqual([]);
    });

    it('refuses to allocate more than is left on the commitment item, rolling back the need’s update', async () => {
      const need = w.need({ quantity: 100 });
      const c = w.commitment({}, { [SEMBAKO]: 50 });
      await claim(c.id, need.id, 45);
      await expect(claim(c.id, need.id, 6)).rejects.toThrow(
        new ConflictError('only 5 left on the commitment item; 6 requested'),
      );
      expect(w.db.need(need.id).allocatedQuantity).toBe(45);
      expect(w.itemOf(c.id).allocatedQuantity).toBe(45);
      expect(w.db.t.allocations).toHaveLength(1);
    });

    it('marks a need fully allocated by the claim that takes its last unit, and refuses further claims on it', async () => {
      const need = w.need({ quantity: 20 });
      const c = w.commitment();
      await claim(c.id, need.id, 20);
      expect(w.db.need(need.id).status).toBe('fully_allocated');
      await expect(claim(c.id, need.id, 1)).rejects.toThrow(
        new ConflictError('the need is fully_allocated; only open needs can be claimed'),
      );
    });

    it.each(['draft', 'submitted', 'rejected', 'cancelled', 'completed'] as const)(
      'refuses a claim against a %s commitment',
      async (status) => {
        const need = w.need();
        const c = w.commitment({ status });
        await expect(claim(c.id, need.id, 1)).rejects.toThrow(ConflictError);
        expect(w.db.need(need.id).allocatedQuantity).toBe(0);
      },
    );

    it('refuses a claim by a collaborator that is no longer verified', async () => {
      w.db.collaborator(COLLABORATOR).status = 'suspended';
      const need = w.need();
      const c = w.commitment();
      await expect(claim(c.id, need.id, 1)).rejects.toThrow(
        new ConflictError('the collaborator is suspended; only verified collaborators can claim needs'),
      );
    });

    it('refuses a need of another program, a need that is not open, and a package the commitment has no item for', async () => {
      w.db.t.programs.push({ code: 'AIR', name: 'Air bersih', status: 'open', claimHoldDays: 7 });
      const c = w.commitment();
      const otherProgram = w.need({ programCode: 'AIR' });
      await expect(claim(c.id, otherProgram.id, 1)).rejects.toThrow(/belongs to program AIR/);
      // A draft does not exist for a collaborator (404); staff, who see drafts, are told it is not open.
      const draft = w.need({ status: 'draft' });
      await expect(claim(c.id, draft.id, 1)).rejects.toThrow(new NotFoundError('need', draft.id));
      await expect(claim(c.id, draft.id, 1, admin)).rejects.toThrow(/the need is draft/);
      const beras = w.need({ packageId: BERAS });
      await expect(claim(c.id, beras.id, 1)).rejects.toThrow(/has no item for package BERAS/);
      expect(w.db.t.allocations).toEqual([]);
    });

    it('answers "not found" for a commitment or need that does not exist, or a commitment the caller may not see', async () => {
      const need = w.need();
      const c = w.commitment();
      await expect(claim('00000000-0000-4000-8000-999999999999', need.id, 1)).rejects.toThrow(NotFoundError);
      await expect(claim(c.id, '00000000-0000-4000-8000-999999999999', 1)).rejects.toThrow(NotFoundError);
      await expect(claim(c.id, need.id, 1, stranger)).rejects.toThrow(NotFoundError);
    });

    it('lets staff claim for any commitment, but not readers nor the aggregator it is routed to', async () => {
      const need = w.need();
      const c = w.commitment({
        deliveryMode: 'aggregator',
        aggregatorId: principal('aggregator').aggregatorId,
      });
      await expect(claim(c.id, need.id, 1, principal('viewer'))).rejects.toThrow(ForbiddenError);
      await expect(claim(c.id, need.id, 1, principal('aggregator'))).rejects.toThrow(ForbiddenError);
      await expect(claim(c.id, need.id, 1, principal('operator'))).resolves.toMatchObject({
        status: 'reserved',
      });
    });
  });

  describe('release', () => {
    it('gives a reservation back to its need (reopening it) and item, and says why', async () => {
      const need = w.need({ quantity: 10 });
      const c = w.commitment();
      const a = await claim(c.id, need.id, 10);
      const released = await w.allocations.release(a.id, 'salah alamat', owner);
      expect(released).toMatchObject({ status: 'released', endReason: 'salah alamat' });
      expect(w.db.need(need.id)).toMatchObject({ allocatedQuantity: 0, status: 'open' });
      expect(w.itemOf(c.id).allocatedQuantity).toBe(0);
      expect(w.uow.eventTypes()).toEqual(['allocation.reserved', 'allocation.released']);
      expect(w.uow.events[1].payload).toMatchObject({ reason: 'salah alamat', status: 'released' });
    });

    it('lets only staff and the owning collaborator release', async () => {
      const need = w.need();
      const c = w.commitment();
      const a = await claim(c.id, need.id, 5);
      await expect(w.allocations.release(a.id, null, stranger)).rejects.toThrow(NotFoundError);
      await expect(w.allocations.release(a.id, null, principal('viewer'))).rejects.toThrow(ForbiddenError);
      expect(w.allocationRow(a.id).status).toBe('reserved');
      await expect(w.allocations.release(a.id, null, admin)).resolves.toMatchObject({ status: 'released' });
    });

    it('refuses to release twice, and gives the quantity back only once', async () => {
      const need = w.need({ quantity: 10 });
      const c = w.commitment();
      const other = await claim(c.id, need.id, 4);
      const a = await claim(c.id, need.id, 6);
      await w.allocations.release(a.id, null, owner);
      await expect(w.allocations.release(a.id, null, owner)).rejects.toThrow(
        new ConflictError('the allocation is released; only reserved allocations can be released'),
      );
      expect(w.db.need(need.id).allocatedQuantity).toBe(other.quantity);
    });

    it('refuses to release a claim named in a handover awaiting verification', async () => {
      const need = w.need();
      const c = w.commitment();
      const a = await claim(c.id, need.id, 5);
      w.pendingHandover(c.id, [{ allocationId: a.id, quantity: 5 }]);
      await expect(w.allocations.release(a.id, null, owner)).rejects.toThrow(/awaiting verification/);
      expect(w.db.need(need.id).allocatedQuantity).toBe(5);
    });

    it('never releases what is partly delivered', async () => {
      const need = w.need();
      const c = w.commitment();
      const a = await claim(c.id, need.id, 5);
      Object.assign(w.allocationRow(a.id), { status: 'partially_delivered', deliveredQuantity: 2 });
      await expect(w.allocations.release(a.id, null, admin)).rejects.toThrow(/is partially_delivered/);
    });
  });

  describe('cancelCommitment', () => {
    it('cancels the commitment and gives every reserved claim back in the same transaction', async () => {
      const n1 = w.need({ quantity: 10 });
      const n2 = w.need({ quantity: 10 });
      const c = w.commitment({}, { [SEMBAKO]: 50 });
      await claim(c.id, n1.id, 10);
      await claim(c.id, n2.id, 3);
      const cancelled = await w.allocations.cancelCommitment(c.id, 'dana dialihkan', owner);
      expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'dana dialihkan' });
      expect(w.db.need(n1.id)).toMatchObject({ allocatedQuantity: 0, status: 'open' });
      expect(w.db.need(n2.id).allocatedQuantity).toBe(0);
      expect(w.itemOf(c.id).allocatedQuantity).toBe(0);
      expect(w.db.t.allocations.map((a) => [a.status, a.endReason])).toEqual([
        ['released', 'commitment cancelled: dana dialihkan'],
        ['released', 'commitment cancelled: dana dialihkan'],
      ]);
      expect(w.uow.eventTypes().slice(2)).toEqual([
        'commitment.cancelled',
        'allocation.released',
        'allocation.released',
      ]);
    });

    it('refuses a second cancel without giving anything back twice', async () => {
      const need = w.need({ quantity: 10 });
      const c = w.commitment();
      const keep = w.commitment();
      await claim(keep.id, need.id, 4);
      await claim(c.id, need.id, 6);
      await w.allocations.cancelCommitment(c.id, null, admin);
      await expect(w.allocations.cancelCommitment(c.id, null, admin)).rejects.toThrow(
        new ConflictError(
          'the commitment is cancelled; only draft, submitted or approved commitments can be cancelled',
        ),
      );
      expect(w.db.need(need.id).allocatedQuantity).toBe(4);
    });

    it('keeps delivered claims and refuses strangers and readers', async () => {
      const need = w.need();
      const c = w.commitment();
      const a = await claim(c.id, need.id, 5);
      Object.assign(w.allocationRow(a.id), { status: 'delivered', deliveredQuantity: 5 });
      await expect(w.allocations.cancelCommitment(c.id, null, stranger)).rejects.toThrow(NotFoundError);
      await expect(w.allocations.cancelCommitment(c.id, null, principal('viewer'))).rejects.toThrow(
        ForbiddenError,
      );
      await w.allocations.cancelCommitment(c.id, null, owner);
      expect(w.allocationRow(a.id).status).toBe('delivered');
      expect(w.db.need(need.id).allocatedQuantity).toBe(5);
    });
  });

  describe('expiry', () => {
    it('expires exactly the reservations whose hold has run out, once, and gives them back', async () => {
      const need = w.need({ quantity: 10 });
      const c = w.commitment();
      const old = await claim(c.id, need.id, 6);
      w.db.advance(10);
      const fresh = await claim(c.id, need.id, 4);
      expect(w.db.need(need.id).status).toBe('fully_allocated');
      w.db.advance(4);
      expect(await w.allocations.expireDue()).toBe(1);
      expect(w.allocationRow(old.id)).toMatchObject({
        status: 'expired',
        endReason: 'not delivered before the hold expired',
      });
      expect(w.allocationRow(fresh.id).status).toBe('reserved');
      expect(w.db.need(need.id)).toMatchObject({ allocatedQuantity: 4, status: 'open' });
      expect(w.itemOf(c.id).allocatedQuantity).toBe(4);
      expect(await w.allocations.expireDue()).toBe(0);
      expect(w.uow.eventTypes().filter((t) => t === 'allocation.expired')).toHaveLength(1);
      expect(w.uow.auditActions()).toContain('allocation.expired');
    });

    it('does not expire a claim being delivered (named in a pending handover) nor a partly delivered one', async () => {
      const need = w.need();
      const c = w.commitment();
      const pending = await claim(c.id, need.id, 5);
      const partial = await claim(c.id, need.id, 5);
      w.pendingHandover(c.id, [{ allocationId: pending.id, quantity: 5 }]);
      Object.assign(w.allocationRow(partial.id), { status: 'partially_delivered', deliveredQuantity: 1 });
      w.db.advance(30);
      expect(await w.allocations.expireDue()).toBe(0);
      expect(w.db.need(need.id).allocatedQuantity).toBe(10);
    });

    it('warns holders once, and only of claims expiring within three days', async () => {
      const need = w.need();
      const c = w.commitment();
      const soon = await claim(c.id, need.id, 1);
      w.db.advance(5);
      await claim(c.id, need.id, 1);
      w.db.advance(7); // the first expires in 2 days, the second in 9
      expect(await w.allocations.warnExpiring()).toBe(1);
      expect(await w.allocations.warnExpiring()).toBe(0);
      const warned = w.uow.events.filter((e) => e.type === 'allocation.expiring');
      expect(warned.map((e) => e.aggregateId)).toEqual([soon.id]);
      expect(warned[0].payload).toMatchObject({ commitmentId: c.id, collaboratorId: COLLABORATOR });
    });
  });

  it('uses the program’s own hold period', async () => {
    w.db.program(PROGRAM).claimHoldDays = 3;
    const a = await claim(w.commitment().id, w.need().id, 1);
    expect(a.expiresAt.getTime() - w.db.now.getTime()).toBe(3 * 86_400_000);
  });
});
