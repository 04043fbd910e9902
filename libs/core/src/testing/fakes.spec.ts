import { asReal } from './fake';
import { commitmentAccessOf } from '../commitments/commitment-visibility';
import { principal, SEMBAKO, World } from './world';

/** The fakes' own guarantees, which the service specs rely on. */
describe('in-memory fakes', () => {
  it('roll a transaction back, events and audit included, when it throws', async () => {
    const w = new World();
    const need = w.need({ quantity: 5 });
    await expect(
      w.uow.run(async (tx) => {
        w.db.need(need.id).allocatedQuantity = 3;
        await tx.emit({ type: 'x', aggregateType: 'need', aggregateId: need.id });
        await tx.audit({ action: 'need.updated', entity: 'need' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(w.db.need(need.id).allocatedQuantity).toBe(0);
    expect([w.uow.events, w.uow.audits]).toEqual([[], []]);
  });

  it('refuse at commit what a CHECK constraint of the schema refuses', async () => {
    const w = new World();
    const need = w.need({ quantity: 5 });
    await expect(
      w.uow.run(async () => {
        w.db.need(need.id).allocatedQuantity = 6;
      }),
    ).rejects.toThrow(/check constraint violated: need/);
    expect(w.db.need(need.id).allocatedQuantity).toBe(0);
  });

  it('take a claim only if that much is left, on the need and then the item, and write nothing on a refusal', async () => {
    const w = new World();
    const need = w.need({ quantity: 5 });
    const c = w.commitment({}, { [SEMBAKO]: 4 });
    const take = (quantity: number) =>
      w.uow.statement(async (origin) => {
        const result = await w.allocationsRepo.claim({
          commitmentId: c.id,
          needId: need.id,
          quantity,
          access: commitmentAccessOf(principal('collaborator')),
          seesDrafts: false,
          createdBy: null,
          origin,
        });
        return { result: result.outcome, eventIds: [] };
      });
    expect(await take(6)).toBe('need_short');
    expect(await take(5)).toBe('item_short');
    expect([w.db.need(need.id).allocatedQuantity, w.itemOf(c.id).allocatedQuantity]).toEqual([0, 0]);
    expect([w.db.t.allocations, w.uow.events, w.uow.audits]).toEqual([[], [], []]);
    expect(await take(4)).toBe('reserved');
    expect(await take(2)).toBe('need_short');
    expect(await take(1)).toBe('item_short');
    expect(w.db.need(need.id)).toMatchObject({ allocatedQuantity: 4, status: 'open' });
    expect(w.uow.eventTypes()).toEqual(['allocation.reserved']);
  });

  it('fail loudly when a service calls a method the fake does not implement', () => {
    const fake = asReal<{ a(): number; b(): number }>({ a: () => 1 });
    expect(fake.a()).toBe(1);
    expect(() => fake.b()).toThrow('the fake does not implement b');
  });
});
