import { Coalescer } from './coalescer';

/** A batch runner whose batches the test ends by hand, recording what each batch held. */
function manual() {
  const batches: number[][] = [];
  const open: { resolve: (rs: string[]) => void; reject: (e: unknown) => void }[] = [];
  const run = (items: number[]): Promise<string[]> => {
    batches.push(items);
    return new Promise((resolve, reject) => open.push({ resolve: (rs) => resolve(rs), reject }));
  };
  return { run, batches, open };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Coalescer', () => {
  it('sends the first call at once and the calls made while it is in flight together in the next batch', async () => {
    const m = manual();
    const c = new Coalescer(m.run, { maxBatch: 10, waitMs: 0 });
    const first = c.call(1);
    const rest = [c.call(2), c.call(3), c.call(4)];
    expect(m.batches).toEqual([[1]]);
    m.open[0].resolve(['a']);
    await expect(first).resolves.toBe('a');
    await settle();
    expect(m.batches).toEqual([[1], [2, 3, 4]]);
    m.open[1].resolve(['b', 'c', 'd']);
    await expect(Promise.all(rest)).resolves.toEqual(['b', 'c', 'd']);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const m = manual();
    const c = new Coalescer(m.run, { maxBatch: 2, waitMs: 0 });
    const all = [1, 2, 3, 4, 5].map((i) => c.call(i));
    m.open[0].resolve(['1']);
    await settle();
    m.open[1].resolve(['2', '3']);
    await settle();
    m.open[2].resolve(['4', '5']);
    await expect(Promise.all(all)).resolves.toEqual(['1', '2', '3', '4', '5']);
    expect(m.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("fails every call of a batch with the batch's error, and goes on with the next batch", async () => {
    const m = manual();
    const c = new Coalescer(m.run, { maxBatch: 10, waitMs: 0 });
    const first = c.call(1);
    const second = [c.call(2), c.call(3)];
    m.open[0].reject(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settle();
    m.open[1].reject(new Error('deadlock'));
    await expect(Promise.all(second.map((p) => p.catch((e: Error) => e.message)))).resolves.toEqual(['deadlock', 'deadlock']);
    const third = c.call(4);
    m.open[2].resolve(['x']);
    await expect(third).resolves.toBe('x');
  });

  it('with waitMs, gathers calls for that long before the first batch goes', async () => {
    jest.useFakeTimers();
    try {
      const m = manual();
      const c = new Coalescer(m.run, { maxBatch: 10, waitMs: 5 });
      const calls = [c.call(1), c.call(2)];
      expect(m.batches).toEqual([]);
      jest.advanceTimersByTime(5);
      expect(m.batches).toEqual([[1, 2]]);
      m.open[0].resolve(['a', 'b']);
      await expect(Promise.all(calls)).resolves.toEqual(['a', 'b']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends a full batch without waiting', () => {
    const m = manual();
    const c = new Coalescer(m.run, { maxBatch: 2, waitMs: 1000 });
    void c.call(1);
    void c.call(2);
    expect(m.batches).toEqual([[1, 2]]);
  });
});
