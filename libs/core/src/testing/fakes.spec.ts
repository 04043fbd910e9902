import { asReal } from './fake';
import { World } from './world';

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

  it('take a claim only if that much is left, on the need and then the item', async () => {
    const w = new World();
    const need = w.need({ quantity: 5 });
    const c = w.commitment();
    const item = w.itemOf(c.id);
    const m = w.uow;
    const take = (quantity: number) =>
      m.run((tx) =>
        w.allocationsRepo.claimQuantities(tx.manager, { needId: need.id, itemId: item.id, quantity }),
      );
    expect(await take(6)).toEqual({ need: false, item: false });
    expect(await take(5)).toEqual({ need: true, item: true });
    expect(w.db.need(need.id)).toMatchObject({ allocatedQuantity: 5, status: 'fully_allocated' });
    expect(await take(1)).toEqual({ need: false, item: false });
  });

  it('fail loudly when a service calls a method the fake does not implement', () => {
    const fake = asReal<{ a(): number; b(): number }>({ a: () => 1 });
    expect(fake.a()).toBe(1);
    expect(() => fake.b()).toThrow('the fake does not implement b');
  });
});
