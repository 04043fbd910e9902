interface Waiter<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

interface CoalescerOptions {
  /** Items per batch at most. */
  maxBatch: number;
  /** How long the first item of a batch waits for others (0: the batch goes as soon as no batch is in flight). */
  waitMs: number;
}

/**
 * Many callers' single-row statements as one statement per batch (the email worker's claims and sent marks): items
 * that arrive while a batch is in flight go together in the next one, so under load a statement carries as many rows
 * as arrived during one round trip, and an idle worker adds no wait. At most one batch is in flight, so batches grow
 * with the load instead of the statements multiplying. `run` answers one result per item, in order; its error is
 * every item's error.
 */
export class Coalescer<T, R> {
  private queue: Waiter<T, R>[] = [];
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private waited = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly options: CoalescerOptions,
  ) {}

  call(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const { maxBatch, waitMs } = this.options;
    if (this.queue.length < maxBatch && waitMs > 0 && !this.waited) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.waited = true;
        this.pump();
      }, waitMs);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waited = false;
    const batch = this.queue.splice(0, maxBatch);
    this.inFlight = true;
    let results: Promise<R[]>;
    try {
      results = this.run(batch.map((w) => w.item));
    } catch (err) {
      results = Promise.reject(err);
    }
    results
      .then(
        (rs) => batch.forEach((w, i) => w.resolve(rs[i])),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }
}
